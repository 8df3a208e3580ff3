import { describe, expect, it } from 'vitest';
import { found, foundKind } from './helpers';

describe('emails and URLs', () => {
  it('finds emails whole, without the sentence dot, and not as a name or URL', () => {
    expect(found('Email me at sarah.jones+work@gmail.com.')).toEqual(['email:sarah.jones+work@gmail.com']);
    expect(found('It is j.alvarez@osu.edu, my RA.')).toEqual(['email:j.alvarez@osu.edu']);
  });
  it('finds http(s), www. and well-known bare domains', () => {
    expect(foundKind('See https://example.com/a?b=1, then www.my-blog.net/post.', 'url')).toEqual([
      'https://example.com/a?b=1',
      'www.my-blog.net/post',
    ]);
    expect(foundKind('My shop is quietcandles.co.uk now.', 'url')).toEqual(['quietcandles.co.uk']);
  });
  it('leaves abbreviations, decimals and public crisis sites alone', () => {
    expect(found('I.e. the 3.5 mg dose, e.g. at night.')).toEqual([]);
    expect(found('You can also go to 988lifeline.org, www.samaritans.org or www.mind.org.uk any time.', 'assistant')).toEqual([]);
  });
});

describe('phone numbers', () => {
  it.each([
    ['Call me on 07700 900461.', '07700 900461'],
    ['My cell is (614) 555-0192.', '(614) 555-0192'],
    ['Her number is 555-867-5309.', '555-867-5309'],
    ['Ring +44 20 7946 0958 after six.', '+44 20 7946 0958'],
    ['My landline is +353 1 555 0142.', '+353 1 555 0142'],
    ['Text 0117 496 0858 please.', '0117 496 0858'],
    ['It is 1-800-555-0199, the office line.', '1-800-555-0199'],
    ['Just 555-1234 works.', '555-1234'],
  ])('finds %s', (text, phone) => {
    expect(foundKind(text, 'phone')).toEqual([phone]);
  });
  it('does not take years, counts, times, money or crisis lines for phones', () => {
    for (const text of [
      'In 2019 I lost my job.',
      'I waited 10 minutes.',
      'It was 2019-2020 for me.',
      'We met at 10:30.',
      'I owe $2,400 on rent.',
      'I spent $150000 on the house.',
      'I walk 10000 steps a day.',
      'Call or text 988, or text HOME to 741741.',
      'Samaritans are on 116 123, day or night.',
    ])
      expect(found(text), text).toEqual([]);
  });
});

describe('identifiers', () => {
  it.each([
    ['My SSN is 123-45-6789.', '123-45-6789'],
    ['My NHS number is 485 777 3456.', '485 777 3456'],
    ['My NHS number is 4857773456.', '4857773456'],
    ['The policy number is 00482913.', '00482913'],
    ['Member ID XJH4829173, please.', 'XJH4829173'],
    ['My code is AB123456.', 'AB123456'],
    ['It is QQ123456C on the letter.', 'QQ123456C'],
    ['My PPS number, 1234567TA, leaked.', '1234567TA'],
    ['Case reference MRN-00482913.', 'MRN-00482913'],
    ['The postcode is LS6 2QR.', 'LS6 2QR'],
    ['Springfield, IL 62704 is where.', '62704'],
  ])('finds %s', (text, id) => {
    expect(foundKind(text, 'id')).toEqual([id]);
  });
  it('leaves scale names, vitamins and short numbers alone', () => {
    for (const text of [
      'My PHQ-9 was 14 and my GAD-7 was 12.',
      'Low B12, they said.',
      'Read page 3, then page 12.',
      'Room 101.',
      'A 12-step program helped.',
    ]) {
      expect(found(text), text).toEqual([]);
    }
  });
});
