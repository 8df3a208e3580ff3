import { describe, expect, it } from 'vitest';
import { detectPii } from '../../../src/main/core/redaction';
import { found, foundKind } from './helpers';

describe('names', () => {
  it('finds names the language library knows, with their titles', () => {
    expect(foundKind("Hi, I'm Dr. Patel and this is Tom Jones.", 'name')).toEqual(['Dr. Patel', 'Tom Jones']);
    expect(foundKind('Thank you, Mrs. Okafor.', 'name')).toEqual(['Mrs. Okafor']);
  });
  it('finds names it does not know from the words around them', () => {
    expect(foundKind('My friend Priya and her boyfriend Kwame came.', 'name')).toEqual(['Priya', 'Kwame']);
    expect(foundKind('My name is Aoife.', 'name')).toEqual(['Aoife']);
    expect(foundKind('Good morning, Tunde. How was the week?', 'name')).toEqual(['Tunde']);
    expect(foundKind('Of course. Siobhan, tell me more.', 'name')).toEqual(['Siobhan']);
  });
  it('keeps kinship words and possessives outside the name', () => {
    expect(foundKind('My sister Emily called.', 'name')).toEqual(['Emily']);
    expect(foundKind("Sarah's mom picked me up.", 'name')).toEqual(['Sarah']);
  });
  it('does not flag pronouns, fillers, roles, therapy words, days or faith words', () => {
    for (const text of [
      'Okay. Well, I guess so.',
      'Therapist: Right. Client: Yeah.',
      'I think Mom hates me.',
      'Monday was hard, Tuesday too.',
      'We tried CBT and DBT.',
      'God knows I tried.',
      'Honestly, no.',
      'Sometimes, I just cry.',
      'Mm, so it feels heavy.',
      'Hi there. How are you?',
      'The chapter called Thinking Traps helped.',
      'In Type II diabetes the body resists insulin.',
    ])
      expect(found(text), text).toEqual([]);
  });
  it('honours the allow list', () => {
    const turns = [{ role: 'user' as const, text: 'I pray to Allah and talk to Jesus, and Sarah helps.' }];
    expect(detectPii(turns, { allowList: ['Sarah'] }).map((d) => d.text)).toEqual([]);
  });
});

describe('places', () => {
  it('finds cities, regions, countries and institutions', () => {
    expect(foundKind('I moved from Ohio to Portland, Oregon.', 'place')).toEqual(['Ohio', 'Portland, Oregon']);
    expect(foundKind('I work nights at Mercy General Hospital.', 'place')).toEqual(['Mercy General Hospital']);
    expect(foundKind("I talked to her at St. Mary's Hospital in Bristol.", 'place')).toEqual(["St. Mary's Hospital", 'Bristol']);
  });
  it('finds places it does not know after "in", "from", "near" and "moved to"', () => {
    expect(foundKind('She lives in Dayton now.', 'place')).toEqual(['Dayton']);
    expect(foundKind('We moved to Harrogate.', 'place')).toEqual(['Harrogate']);
  });
  it('does not take ordinary capitalised words after "in" for places', () => {
    for (const text of ['I was in Target and took an extra bag.', 'I am in Home Depot a lot.', 'I stayed in March.']) {
      expect(foundKind(text, 'place'), text).toEqual([]);
    }
  });
});

describe('detection output', () => {
  it('gives stable ids, UTF-16 offsets, sources and a deterministic order', () => {
    const turns = [
      { role: 'user' as const, text: '😀 My friend Priya lives in Leeds. Call 07700 900461.' },
      { role: 'assistant' as const, text: 'Thanks, Priya.' },
    ];
    const a = detectPii(turns);
    expect(detectPii(turns)).toEqual(a);
    for (const d of a) {
      expect(turns[d.turnIndex]?.text.slice(d.start, d.end)).toBe(d.text);
      expect(d.id).toBe(`${d.turnIndex}:${d.start}:${d.end}`);
    }
    expect(a.map((d) => [d.turnIndex, d.kind, d.text, d.source])).toEqual([
      [0, 'name', 'Priya', 'pattern'],
      [0, 'place', 'Leeds', 'nlp'],
      [0, 'phone', '07700 900461', 'pattern'],
      [1, 'name', 'Priya', 'pattern'],
    ]);
  });
  it('returns only the kinds asked for, settled as if all were asked', () => {
    const turns = [{ role: 'user' as const, text: 'Email sarah.jones@gmail.com or see Sarah in Leeds.' }];
    expect(detectPii(turns, { kinds: ['name'] }).map((d) => d.text)).toEqual(['Sarah']);
    expect(detectPii(turns, { kinds: ['email', 'place'] }).map((d) => d.text)).toEqual(['sarah.jones@gmail.com', 'Leeds']);
  });
});
