import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize, type ScoreRow } from '../../../src/main/core/evaluation/statistics/summarize';

// Reference values from scipy 1.17 (test/fixtures/statistics/make_seed_averaged.py): repeats are
// averaged within a session, sessions (seeds) within a scenario, and the per-scenario differences
// go to scipy.stats.wilcoxon (exact; with ties, the exact permutation distribution).
interface Fixture {
  name: string;
  scenarios: number;
  seeds: number;
  rows: (ScoreRow & { repeat: number })[];
  comparisons: {
    criterion: string;
    a: string;
    b: string;
    pairs: number;
    meanDifference: number;
    statistic: number;
    p: number;
    pHolmAll: number;
    pHolmCriterion: number;
  }[];
}
const fixtures = JSON.parse(readFileSync(join(__dirname, '../../fixtures/statistics/seed-averaged.json'), 'utf8')) as Fixture[];

describe.each(fixtures)('the scenario is the unit ($name)', (fixture) => {
  const all = summarize(fixture.rows, { resamples: 200 });
  const perCriterion = summarize(fixture.rows, { resamples: 200, holmFamily: 'criterion' });
  const find = (s: ReturnType<typeof summarize>, c: Fixture['comparisons'][number]) =>
    s.perCriterion.find((x) => x.criterion === c.criterion)!.comparisons.find((x) => x.a === c.a && x.b === c.b)!;

  it('pairs scenarios, not (scenario, seed) sessions', () => {
    expect(fixture.seeds).toBeGreaterThan(1);
    for (const c of all.perCriterion.flatMap((x) => x.comparisons)) expect(c.pairs).toBe(fixture.scenarios);
    for (const m of all.perModel) expect(m.describe.n).toBe(fixture.scenarios);
  });

  it('matches scipy on the seed-averaged differences', () => {
    for (const ref of fixture.comparisons) {
      const got = find(all, ref);
      expect(got.pairs).toBe(ref.pairs);
      // The reference rounds differences to 1e-9 (the test's tie tolerance).
      expect(got.meanDifference).toBeCloseTo(ref.meanDifference, 8);
      expect(got.wilcoxon.statistic).toBeCloseTo(ref.statistic, 9);
      expect(got.wilcoxon.p! / ref.p).toBeCloseTo(1, 9);
    }
  });

  it('applies Holm over every comparison by default, or per criterion when asked', () => {
    expect(all.settings.holmFamily).toBe('all');
    for (const ref of fixture.comparisons) {
      expect(find(all, ref).pAdjusted! / ref.pHolmAll).toBeCloseTo(1, 9);
      expect(find(perCriterion, ref).pAdjusted! / ref.pHolmCriterion).toBeCloseTo(1, 9);
    }
  });
});
