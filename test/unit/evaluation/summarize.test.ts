import { mean } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { holm } from '../../../src/main/core/evaluation/statistics/holm';
import { summarize, type ScoreRow } from '../../../src/main/core/evaluation/statistics/summarize';
import { wilcoxonOnDifferences } from '../../../src/main/core/evaluation/statistics/wilcoxon';
import { mulberry32, shuffled } from '../../../src/main/core/util/random';

// 12 scenarios, one seed each (seeds of one scenario are averaged: seedAveraged.test.ts). On empathy
// A > B > C in every scenario by distinct margins, so each pair is exact with W− = 0:
// p = 2 / 2^12 = 0.00048828125 (scipy: wilcoxon(d) for 12 positive distinct d). On relevance A and
// B are nearly level and C was not judged.
const sessions = Array.from({ length: 12 }, (_, i) => ({ scenario: `s${String(i + 1).padStart(2, '0')}`, seed: 1 }));
const base = [4, 5, 3, 6, 4, 5, 2, 5, 4, 3, 6, 5];
const aOverB = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2];
const bOverC = [1.25, 1.15, 1.05, 0.95, 0.85, 0.75, 0.65, 0.55, 0.45, 0.35, 0.25, 0.15];
const relevanceA = [5, 5, 4, 6, 5, 4, 3, 5, 4, 4, 5, 6];
const relevanceB = [5, 4, 5, 6, 4, 5, 3, 5, 5, 4, 6, 5];

function rows(): ScoreRow[] {
  const out: ScoreRow[] = [];
  sessions.forEach(({ scenario, seed }, i) => {
    const a = base[i]!;
    const b = a - aOverB[i]!;
    const c = b - bOverC[i]!;
    out.push({ model: 'A', scenario, seed, criterion: 'empathy', score: a });
    if (i === 0) {
      // Judged twice: the session's score is the mean of the repeats.
      out.push({ model: 'B', scenario, seed, criterion: 'empathy', score: b + 0.5 });
      out.push({ model: 'B', scenario, seed, criterion: 'empathy', score: b - 0.5 });
    } else out.push({ model: 'B', scenario, seed, criterion: 'empathy', score: b });
    // An unparseable repeat next to a real score: missing, but the session is still scored.
    if (i === 1) out.push({ model: 'B', scenario, seed, criterion: 'empathy', score: null });
    // Every judgment of this session failed: the session is missing for C, never a zero.
    out.push({ model: 'C', scenario, seed, criterion: 'empathy', score: i === 5 ? null : c });
    out.push({ model: 'A', scenario, seed, criterion: 'relevance', score: relevanceA[i]! });
    out.push({ model: 'B', scenario, seed, criterion: 'relevance', score: relevanceB[i]! });
  });
  return out;
}

describe('summarize', () => {
  const stats = summarize(rows(), { resamples: 2000, seed: 3, holmFamily: 'criterion' });
  const model = (m: string, c: string) => stats.perModel.find((s) => s.model === m && s.criterion === c)!;
  const criterion = (c: string) => stats.perCriterion.find((s) => s.criterion === c)!;
  const pair = (c: string, a: string, b: string) => criterion(c).comparisons.find((x) => x.a === a && x.b === b)!;

  it('orders models and criteria by first appearance', () => {
    expect(stats.models).toEqual(['A', 'B', 'C']);
    expect(stats.criteria).toEqual(['empathy', 'relevance']);
    expect(stats.perModel.map((s) => `${s.model}/${s.criterion}`)).toEqual([
      'A/empathy',
      'B/empathy',
      'C/empathy',
      'A/relevance',
      'B/relevance',
    ]);
  });

  it('averages repeats per session and counts missing judgments without scoring them', () => {
    const b = model('B', 'empathy');
    expect(b).toMatchObject({ judgments: 14, missing: 1, sessions: 12, missingSessions: 0, missingScenarios: 0 });
    expect(b.describe.n).toBe(12);
    expect(b.describe.mean).toBeCloseTo(mean(base.map((x, i) => x - aOverB[i]!)), 12);
    const c = model('C', 'empathy');
    expect(c).toMatchObject({ judgments: 12, missing: 1, sessions: 12, missingSessions: 1, missingScenarios: 1 });
    expect(c.describe.n).toBe(11);
    expect(c.describe.min).toBeGreaterThan(0);
    expect(c.ci!.lower).toBeLessThanOrEqual(c.describe.mean!);
    expect(c.ci!.upper).toBeGreaterThanOrEqual(c.describe.mean!);
    expect(c.ci).toMatchObject({ level: 0.95, resamples: 2000 });
  });

  it('pairs models on scenarios and tests the differences', () => {
    const ab = pair('empathy', 'A', 'B');
    expect(ab).toMatchObject({ pairs: 12, unpaired: 0, effectSize: 1, significant: true, better: 'A' });
    expect(ab.meanDifference).toBeCloseTo(mean(aOverB), 12);
    expect(ab.wilcoxon.p).toBe(0.00048828125);
    expect(ab.ci!.lower).toBeGreaterThan(0);
    const ac = pair('empathy', 'A', 'C');
    expect(ac).toMatchObject({ pairs: 11, unpaired: 1 });
    const expected = aOverB.map((d, i) => d + bOverC[i]!).filter((_, i) => i !== 5);
    expect(ac.wilcoxon).toEqual(wilcoxonOnDifferences(expected));
  });

  it('adjusts p within each criterion by Holm and names a winner only when it beats every other model', () => {
    const empathy = criterion('empathy').comparisons;
    expect(empathy.map((c) => `${c.a}-${c.b}`)).toEqual(['A-B', 'A-C', 'B-C']);
    expect(empathy.map((c) => c.pAdjusted)).toEqual(holm(empathy.map((c) => c.wilcoxon.p!)));
    expect(empathy.every((c) => c.significant)).toBe(true);
    expect(criterion('empathy').winner).toBe('A');
    const relevance = pair('relevance', 'A', 'B');
    expect(criterion('relevance').comparisons).toHaveLength(1);
    expect(relevance.pAdjusted).toBe(relevance.wilcoxon.p);
    expect(relevance.significant).toBe(false);
    expect(relevance.better).toBeNull();
    expect(criterion('relevance').winner).toBeNull();
  });

  it('corrects across every criterion when asked', () => {
    const all = summarize(rows(), { resamples: 200, seed: 3, holmFamily: 'all' });
    const comparisons = all.perCriterion.flatMap((c) => c.comparisons);
    expect(comparisons.map((c) => c.pAdjusted)).toEqual(holm(comparisons.map((c) => c.wilcoxon.p!)));
    expect(pair('empathy', 'A', 'B').pAdjusted).toBeLessThan(all.perCriterion[0]!.comparisons[0]!.pAdjusted!);
  });

  it('does not name a winner that is not significant after correction', () => {
    // alpha small enough that 3 × 0.000488 fails.
    const strict = summarize(rows(), { resamples: 200, alpha: 0.001, holmFamily: 'criterion' });
    expect(strict.perCriterion[0]!.comparisons.every((c) => !c.significant && c.better === null)).toBe(true);
    expect(strict.perCriterion[0]!.winner).toBeNull();
  });

  it('is deterministic given the seed, whatever the order of the rows', () => {
    const order = { models: ['A', 'B', 'C'], criteria: ['empathy', 'relevance'] };
    const again = summarize(shuffled(rows(), mulberry32(99)), { resamples: 2000, seed: 3, holmFamily: 'criterion', ...order });
    expect(again).toEqual(stats);
    const otherSeed = summarize(rows(), { resamples: 2000, seed: 4, holmFamily: 'criterion' });
    expect(otherSeed.perModel.map((s) => s.ci)).not.toEqual(stats.perModel.map((s) => s.ci));
  });

  it("gives a model the same interval whatever the other models' scores", () => {
    // Without A's and B's judgments of the sixth session every sample has 11 values, as C's always had.
    const others = rows().filter((r) => !(r.criterion === 'empathy' && r.model !== 'C' && r.scenario === 's06'));
    const c = summarize(others, { resamples: 2000, seed: 3 }).perModel.find((s) => s.model === 'C' && s.criterion === 'empathy')!;
    expect(c.describe).toEqual(model('C', 'empathy').describe);
    expect(c.ci).toEqual(model('C', 'empathy').ci);
  });

  it('lets the caller put a baseline first', () => {
    const baselineFirst = summarize(rows(), { resamples: 200, models: ['C'], holmFamily: 'criterion' });
    expect(baselineFirst.models).toEqual(['C', 'A', 'B']);
    expect(baselineFirst.perCriterion[0]!.comparisons[0]).toMatchObject({ a: 'C', b: 'A', effectSize: -1, better: 'A' });
  });

  it('counts a valid "cannot judge" apart: not a score, not a missing judgment, not a missing conversation', () => {
    const rows: ScoreRow[] = [
      { model: 'A', scenario: 's1', seed: 1, criterion: 'c', score: 5 },
      { model: 'A', scenario: 's1', seed: 1, criterion: 'c', score: null, notJudged: true },
      { model: 'A', scenario: 's2', seed: 1, criterion: 'c', score: null, notJudged: true },
      { model: 'A', scenario: 's3', seed: 1, criterion: 'c', score: null },
      { model: 'A', scenario: 's4', seed: 1, criterion: 'c', score: 7 },
    ];
    const [a] = summarize(rows, { resamples: 100 }).perModel;
    expect(a).toMatchObject({ judgments: 3, missing: 1, notJudged: 2, sessions: 4, missingSessions: 1 });
    expect(a!.describe).toMatchObject({ n: 2, mean: 6 });
  });

  it('copes with no rows and with a single model', () => {
    expect(summarize([])).toMatchObject({ models: [], criteria: [], perModel: [], perCriterion: [] });
    const single = summarize(
      rows().filter((r) => r.model === 'A'),
      { resamples: 200 },
    );
    expect(single.perCriterion.map((c) => [c.comparisons.length, c.winner])).toEqual([
      [0, null],
      [0, null],
    ]);
  });
});
