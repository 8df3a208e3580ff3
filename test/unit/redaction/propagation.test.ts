import { describe, expect, it } from 'vitest';
import { applyRedactions, detectPii, spreadDecisions, type RedactionTurn } from '../../../src/main/core/redaction';

const turns = (...texts: string[]): RedactionTurn[] => texts.map((text, i) => ({ role: i % 2 ? 'assistant' : 'user', text }));
const kindsAndTexts = (t: RedactionTurn[]) => detectPii(t).map((d) => `${d.turnIndex}:${d.kind}:${d.text}`);

describe('a detected name or place is found again wherever it recurs in the session', () => {
  it('in lower case, all capitals and before a possessive', () => {
    const session = turns(
      'My friend Ilse Marchetti lives in Tacoma and I visit her often.',
      'It sounds like that friendship matters.',
      "i told ilse i would not visit tacoma again. ILSE's brother agrees, and Ilse's mother too.",
    );
    expect(kindsAndTexts(session)).toEqual(expect.arrayContaining(['2:name:ilse', '2:place:tacoma', '2:name:ILSE', '2:name:Ilse']));
    const { turns: out } = applyRedactions(session, detectPii(session), {}, 'placeholder');
    expect(out[2]!.text).not.toMatch(/ilse|tacoma/i);
    expect(out[2]!.text).toMatch(/\]'s brother/);
  });

  it('but a name that is also an ordinary word spreads only where it is capitalised mid-sentence', () => {
    const session = turns(
      'My daughter Hope called me yesterday.',
      'I hope that call went well. Hope, I mean your daughter, sounds caring.',
    );
    const found = kindsAndTexts(session);
    expect(found).toContain('0:name:Hope');
    expect(found.filter((f) => f.startsWith('1:name:hope'))).toEqual([]);
  });
});

describe('a decision on one mention holds for the whole entity', () => {
  const session = turns('My sister Ilse Marchetti called.', 'What did Ilse say?', 'ilse said she misses me.');
  const detections = detectPii(session);
  const byText = (text: string) => detections.find((d) => d.text === text)!;

  it('rejecting one mention keeps every other mention of that person, unless one has its own decision', () => {
    const spread = spreadDecisions(session, detections, { [byText('Ilse').id]: 'rejected' });
    expect(spread[byText('Ilse Marchetti').id]).toBe('rejected');
    expect(spread[byText('ilse').id]).toBe('rejected');
    const overridden = spreadDecisions(session, detections, { [byText('Ilse').id]: 'rejected', [byText('ilse').id]: 'accepted' });
    expect(overridden[byText('ilse').id]).toBe('accepted');
    expect(overridden[byText('Ilse Marchetti').id]).toBe('rejected');
    const { turns: out } = applyRedactions(
      session,
      detections,
      { [byText('Ilse').id]: 'rejected', [byText('ilse').id]: 'accepted' },
      'placeholder',
    );
    expect(out.map((t) => t.text)).toEqual(['My sister Ilse Marchetti called.', 'What did Ilse say?', '[NAME_1] said she misses me.']);
  });
});

describe('names accepted elsewhere in the project', () => {
  it('are looked for in a session where nothing marks them as names, in any case', () => {
    const session = turns(
      'i still think about zelinda every day.',
      'What do you remember about her?',
      'ZELINDA laughed a lot. we met in kirkwall.',
    );
    expect(kindsAndTexts(session)).toEqual([]);
    const known = [
      { text: 'Zelinda', kind: 'name' as const },
      { text: 'Kirkwall', kind: 'place' as const },
    ];
    expect(detectPii(session, { known }).map((d) => `${d.kind}:${d.text}`)).toEqual(['name:zelinda', 'name:ZELINDA', 'place:kirkwall']);
  });
});
