import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPii, formatScores, parseMarkedSet, scoreMarkedSet } from '../../../src/main/core/redaction';

const source = readFileSync(join(import.meta.dirname, '../../fixtures/redaction/fresh-counseling.txt'), 'utf8');

describe('the fresh labelled counseling set (issue 13)', () => {
  const sessions = parseMarkedSet(source);
  const gold = sessions.flatMap((s) => s.gold);

  it('holds at least 150 spans across names, places, phones, emails, dates and ages, many not capitalised', () => {
    expect(gold.length).toBeGreaterThanOrEqual(150);
    const count = (kind: string) => gold.filter((g) => g.kind === kind).length;
    for (const kind of ['name', 'place', 'phone', 'email', 'date', 'age']) expect(count(kind), kind).toBeGreaterThanOrEqual(5);
    const texts = sessions.flatMap((s) => s.gold.map((g) => s.turns[g.turn]!.text.slice(g.start, g.end)));
    expect(texts.filter((t) => /^\p{Ll}/u.test(t)).length).toBeGreaterThanOrEqual(20);
    expect(texts.filter((t) => /^\p{Lu}{3,}$/u.test(t)).length).toBeGreaterThanOrEqual(5);
  });

  it('reads offsets from the markup: every gold span is the marked text', () => {
    const [first] = parseMarkedSet('## X\nC: hi im [name:Ana], [age:30].\nT: Hi [name:Ana].');
    expect(first!.turns).toEqual([
      { role: 'user', text: 'hi im Ana, 30.' },
      { role: 'assistant', text: 'Hi Ana.' },
    ]);
    expect(first!.gold).toEqual([
      { turn: 0, start: 6, end: 9, kind: 'name' },
      { turn: 0, start: 11, end: 13, kind: 'age' },
      { turn: 1, start: 3, end: 6, kind: 'name' },
    ]);
    expect(() => parseMarkedSet('## X\nC: [nickname:Al]')).toThrow(/Unknown kind "nickname"/);
  });

  it('is detected session by session with recall >= 0.95 at precision >= 0.90, and so is its holdout', () => {
    const holdout = parseMarkedSet(
      readFileSync(join(import.meta.dirname, '../../fixtures/redaction/fresh-counseling-holdout.txt'), 'utf8'),
    );
    const held = scoreMarkedSet(holdout, (turns) => detectPii(turns));
    expect(held.overall.recall).toBeGreaterThanOrEqual(0.95);
    expect(held.overall.precision).toBeGreaterThanOrEqual(0.9);
    const scores = scoreMarkedSet(sessions, (turns) => detectPii(turns));
    console.log(formatScores(scores));
    expect(scores.overall.recall).toBeGreaterThanOrEqual(0.95);
    expect(scores.overall.precision).toBeGreaterThanOrEqual(0.9);
  });
});
