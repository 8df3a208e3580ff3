import { describe, expect, it } from 'vitest';
import { detectPii, type RedactionTurn } from '../../../src/main/core/redaction';
import { found, foundKind } from './helpers';

describe('names in lower case where the words around say a name follows', () => {
  it('after a relation or a self-introduction, unless the word is an ordinary one', () => {
    expect(foundKind('my coworker tobiah texted me after the meeting', 'name')).toEqual(['tobiah']);
    expect(foundKind('hi, im zoltan. i need to talk', 'name')).toEqual(['zoltan']);
    expect(foundKind("I'm Hollis, and I lost my wife.", 'name')).toEqual(['Hollis']);
    expect(foundKind("That I'm useless. I'm panicking. I'm fine.", 'name')).toEqual([]);
    expect(foundKind('my friend said it was fine', 'name')).toEqual([]);
  });

  it('after a title in any case, hyphenated surnames whole', () => {
    expect(foundKind('mrs Okonkwo-Baptiste called about it', 'name')).toEqual(['mrs Okonkwo-Baptiste']);
    expect(found('I told Mr. Castellano-Whitby.')).toEqual(['name:Mr. Castellano-Whitby']);
  });
});

describe('places from their position', () => {
  it('a lower-case city the dictionary knows, after in/from/near', () => {
    expect(foundKind('i am staying in tulsa right now and my mom is from wichita', 'place')).toEqual(['tulsa', 'wichita']);
    expect(foundKind('i am in trouble and in therapy', 'place')).toEqual([]);
  });

  it('a first name where a place stands is a place; where a person stands it stays a name', () => {
    expect(found('we met in Savannah years ago')).toEqual(['place:Savannah']);
    expect(found('I got a text from Charlotte today')).toEqual(['name:Charlotte']);
  });

  it('workplaces and roads', () => {
    expect(foundKind('he made me quit my job at Rosewood Bakery last year', 'place')).toEqual(['Rosewood Bakery']);
    expect(foundKind('my employer Brazos Energy Partners will not renew it', 'place')).toEqual(['Brazos Energy Partners']);
    expect(foundKind('she works at the Dollar General on Route 9', 'place')).toEqual(['Dollar General', 'Route 9']);
    expect(foundKind('I work at home most days', 'place')).toEqual([]);
  });
});

describe('ages and dates in context', () => {
  it('a bare number after a self-introduction, "im 16", "I turn 60"', () => {
    expect(foundKind('hi im Bryony, 24, from Swansea', 'age')).toEqual(['24']);
    expect(foundKind('im kenji. 29. my boss is awful', 'age')).toEqual(['29']);
    expect(foundKind('i live near the lake and im 16', 'age')).toEqual(['16']);
    expect(foundKind('I turn 60 next week.', 'age')).toEqual(['60']);
  });

  it('the numbers answering "how old…?" in the next turn', () => {
    const turns: RedactionTurn[] = [
      { role: 'assistant', text: 'How old are the kids?' },
      { role: 'user', text: '7 and 12. the older one keeps asking about 3 things.' },
    ];
    expect(
      detectPii(turns)
        .filter((d) => d.kind === 'age')
        .map((d) => d.text),
    ).toEqual(['7', '12']);
    const notAsked: RedactionTurn[] = [
      { role: 'assistant', text: 'How many kids?' },
      { role: 'user', text: '2 and a dog.' },
    ];
    expect(detectPii(notAsked).filter((d) => d.kind === 'age')).toEqual([]);
  });

  it('in a reply to "how old…?", only numbers that stand alone are ages: a number before a noun is a count', () => {
    const ages = (question: string, answer: string) =>
      detectPii([
        { role: 'assistant', text: question },
        { role: 'user', text: answer },
      ])
        .filter((d) => d.kind === 'age')
        .map((d) => d.text);
    expect(ages('How old is your son?', "He's 13 and has 2 sisters.")).toEqual(['13']);
    expect(ages('How old were you when you started?', '13, and I smoked 20 a day by 16.')).toEqual(['13', '16']);
    expect(ages('How old were you?', 'Maybe 13 or 14.')).toEqual(['13', '14']);
    expect(ages('How old are they, and how many grandchildren?', 'They are 70 and 72, with 13 grandchildren.')).toEqual(['70', '72']);
  });

  it('"before the 15th", "birthday is 5/17", "june 2023", but not "the 3rd time" or a score', () => {
    expect(foundKind('i need to tell her before the 15th', 'date')).toEqual(['15th']);
    expect(foundKind("his birthday is 5/17 and i'm planning", 'date')).toEqual(['5/17']);
    expect(foundKind('i moved here in june 2023 for this job', 'date')).toEqual(['june 2023']);
    expect(foundKind('for the 3rd time this week. I rated it 7/10.', 'date')).toEqual([]);
  });
});
