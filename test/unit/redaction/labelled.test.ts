import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Detection,
  detectPii,
  formatScores,
  type GoldSpan,
  piiKinds,
  type RedactionTurn,
  scoreDetections,
} from '../../../src/main/core/redaction';

interface LabelledSet {
  description: string;
  turns: (RedactionTurn & { session: string })[];
  gold: (GoldSpan & { text: string })[];
}

const load = (name: string): LabelledSet =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/redaction', name), 'utf8')) as LabelledSet;

/** Detection run session by session, as the app does, with turn numbers of the whole file. */
function detectBySession(set: LabelledSet): Detection[] {
  const out: Detection[] = [];
  const sessions = [...new Set(set.turns.map((t) => t.session))];
  for (const session of sessions) {
    const indexes = set.turns.flatMap((t, i) => (t.session === session ? [i] : []));
    const found = detectPii(indexes.map((i) => set.turns[i] as RedactionTurn));
    out.push(...found.map((d) => ({ ...d, turnIndex: indexes[d.turnIndex] ?? -1 })));
  }
  return out;
}

const structuredKinds = ['address', 'phone', 'email', 'url', 'date', 'age', 'id'] as const;

describe.each([
  ['labelled.json', { name: 8, place: 5, address: 3, phone: 4, email: 3, url: 3, date: 5, age: 5, id: 4 }, 40],
  ['labelled-holdout.json', {}, 40],
])('the labelled set %s', (file, minimum: Partial<Record<string, number>>, minTurns) => {
  const set = load(file);

  it('is well formed: every gold span is the text it claims, inside its turn', () => {
    expect(set.turns.length).toBeGreaterThanOrEqual(minTurns);
    for (const g of set.gold) {
      expect(piiKinds).toContain(g.kind);
      expect(set.turns[g.turn]?.text.slice(g.start, g.end), JSON.stringify(g)).toBe(g.text);
    }
    const counts = Object.fromEntries(piiKinds.map((k) => [k, set.gold.filter((g) => g.kind === k).length]));
    for (const [kind, n] of Object.entries(minimum)) expect(counts[kind], kind).toBeGreaterThanOrEqual(n ?? 0);
    const withoutPii = set.turns.filter((_, i) => !set.gold.some((g) => g.turn === i)).length;
    expect(withoutPii).toBeGreaterThanOrEqual(20);
  });

  it('is detected with recall >= 0.85 and precision >= 0.80 overall, recall >= 0.9 per structured kind', () => {
    const detections = detectBySession(set);
    const scores = scoreDetections(set.gold, detections);
    console.log(`\nRedaction on ${file} (${set.turns.length} turns, ${set.gold.length} gold spans):\n${formatScores(scores)}\n`);
    const hit = (g: GoldSpan, d: Detection) => g.turn === d.turnIndex && g.kind === d.kind && g.start < d.end && d.start < g.end;
    const missed = set.gold.filter((g) => !detections.some((d) => hit(g, d))).map((g) => `${g.kind}:${g.text}`);
    const wrong = detections.filter((d) => !set.gold.some((g) => hit(g, d))).map((d) => `${d.kind}:${d.text}`);
    if (missed.length || wrong.length) console.log(`missed: ${missed.join(', ') || '-'}\nfalse positives: ${wrong.join(', ') || '-'}`);
    expect(scores.overall.recall).toBeGreaterThanOrEqual(0.85);
    expect(scores.overall.precision).toBeGreaterThanOrEqual(0.8);
    for (const kind of structuredKinds) {
      if (scores.perKind[kind].gold > 0) expect(scores.perKind[kind].recall, kind).toBeGreaterThanOrEqual(0.9);
    }
  });
});

describe('scoreDetections', () => {
  const d = (turnIndex: number, start: number, end: number, kind: Detection['kind']): Detection => ({
    id: `${turnIndex}:${start}:${end}`,
    turnIndex,
    start,
    end,
    text: '',
    kind,
    source: 'pattern',
    confidence: 1,
  });
  it('counts an overlap of the same kind as found, and nothing else', () => {
    const gold: GoldSpan[] = [
      { turn: 0, start: 0, end: 5, kind: 'name' },
      { turn: 0, start: 10, end: 20, kind: 'address' },
      { turn: 1, start: 0, end: 3, kind: 'age' },
    ];
    const s = scoreDetections(gold, [d(0, 2, 8, 'name'), d(0, 10, 20, 'place'), d(1, 5, 8, 'age')]);
    expect(s.overall).toMatchObject({ gold: 3, detected: 3, found: 1, correct: 1 });
    expect(s.perKind.address.recall).toBe(0);
    expect(s.perKind.place.precision).toBe(0);
    expect(s.perKind.name).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(s.perKind.email).toMatchObject({ gold: 0, detected: 0, precision: 1, recall: 1 });
  });
});
