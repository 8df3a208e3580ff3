import { describe, expect, it } from 'vitest';
import { found, foundKind } from './helpers';

describe('dates', () => {
  it.each([
    ['The test was on 2023-04-11.', '2023-04-11'],
    ['We meet on 12/03/2021 again.', '12/03/2021'],
    ['It was 21.06.25 I think.', '21.06.25'],
    ['I was born on March 3rd, 2021.', 'March 3rd, 2021'],
    ['She was born on June 2nd.', 'June 2nd'],
    ['I was born on 7 November 1985.', '7 November 1985'],
    ['Come back on 3 March.', '3 March'],
    ['Before the 3rd of October, please.', '3rd of October'],
    ['It is Tuesday 14 May, right?', 'Tuesday 14 May'],
    ['Since March 2022 I have been on it.', 'March 2022'],
    ['The funeral was on Aug. 18, 2023.', 'Aug. 18, 2023'],
  ])('finds %s', (text, date) => {
    expect(foundKind(text, 'date')).toEqual([date]);
  });
  it('leaves relative days, weekdays, months and years alone', () => {
    for (const text of [
      'Last Tuesday was hard.',
      'Monday was awful.',
      'In March I felt better.',
      'Since 2019 nothing has changed.',
      'I rated it a 7 out of 10.',
      'I scored 7/10 on Friday.',
      'May I ask you something?',
      'See you next week, same time.',
      'It was 3 times in March.',
      'I have 13/14 of the forms done.',
    ])
      expect(found(text), text).toEqual([]);
  });
});

describe('ages', () => {
  it.each([
    ["I'm 34 and tired.", '34'],
    ['I am 29, you know.', '29'],
    ["I'm a 34-year-old woman.", '34'],
    ['He is 41 years old.', '41'],
    ['Aged 40, she left.', '40'],
    ['My dad walked out when I was 9.', '9'],
    ['My son is 12.', '12'],
    ['My brother Cian is 16 and wants to come.', '16'],
    ['She turned 18 last week.', '18'],
    ["I'm thirty-four and still living at home.", 'thirty-four'],
  ])('finds %s', (text, age) => {
    expect(foundKind(text, 'age')).toEqual([age]);
  });
  it('leaves durations, scores, heights, percentages and counts alone', () => {
    for (const text of [
      "I'm 5 minutes late.",
      "I'm 100% sure.",
      "I'm 5 foot 2.",
      "I'm a 7 out of 10 today.",
      'I was 2 hours early.',
      'I have 3 kids.',
      'I sleep 5 hours a night.',
      'I was 10 sessions in.',
      'My score was 14.',
      'I was 13 years into my marriage when he left.',
      "It's been 13 years, and I'm 13 years sober.",
      'I was 20 a day for most of my life.',
    ])
      expect(foundKind(text, 'age'), text).toEqual([]);
  });
});

describe('addresses', () => {
  it.each([
    ['I moved to 14 Kirkstall Road last month.', '14 Kirkstall Road'],
    ['We live at 42 Elm Street.', '42 Elm Street'],
    ['Send it to 12B Baker St. please.', '12B Baker St.'],
    ['It is at 1739 N High St.', '1739 N High St.'],
    ['My flat is Flat 2, 17 Cromwell Road now.', 'Flat 2, 17 Cromwell Road'],
    ['Write to PO Box 4471, Galway.', 'PO Box 4471'],
    ['It is 221 5th Avenue, Apt 4B.', '221 5th Avenue, Apt 4B'],
  ])('finds %s', (text, address) => {
    expect(foundKind(text, 'address')).toEqual([address]);
  });
  it('lets the address win over a place and keeps the town as a place', () => {
    expect(found('I live at 42 Elm Street in Springfield, Illinois.')).toEqual(['address:42 Elm Street', 'place:Springfield, Illinois']);
  });
  it('needs a house number and a street type', () => {
    for (const text of ['I walk down Elm Street every day.', 'I have 2 Big Macs a week.', 'Chapter 3 Thinking Traps was good.']) {
      expect(foundKind(text, 'address'), text).toEqual([]);
    }
  });
});
