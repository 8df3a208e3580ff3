import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { icc, krippendorffAlphaInterval } from '../../../src/main/core/evaluation/statistics/reliability';
import { reliabilityWithIntervals } from '../../../src/main/core/evaluation/statistics/reliabilityInterval';
import { mulberry32 } from '../../../src/main/core/util/random';

// Reference values computed offline with numpy (test/fixtures/statistics/make_reliability.py): ICC(2,1)
// from a long-format two-way ANOVA, alpha from Krippendorff's coincidence matrix, the intervals from
// the same documented draws (mulberry32, row indices ⌊u·n⌋, R type-7 quantiles). Three arms of
// 24 conversations × 3 repeats at different levels, and the three pooled.
interface Expected {
  icc: number;
  iccCi: [number, number];
  alpha: number;
  alphaCi: [number, number];
}
const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/statistics/reliability.json'), 'utf8')) as {
  resamples: number;
  seed: number;
  matrices: Record<string, (number | null)[][]>;
  expected: Record<string, Expected>;
};

describe('reliabilityWithIntervals', () => {
  it.each(Object.keys(fixture.expected))('matches the numpy reference for %s', (name) => {
    const got = reliabilityWithIntervals(fixture.matrices[name]!, { resamples: fixture.resamples, seed: fixture.seed });
    const want = fixture.expected[name]!;
    expect(got.icc).toBeCloseTo(want.icc, 10);
    expect(got.alpha).toBeCloseTo(want.alpha, 10);
    expect(got.iccCi!.low).toBeCloseTo(want.iccCi[0], 10);
    expect(got.iccCi!.high).toBeCloseTo(want.iccCi[1], 10);
    expect(got.alphaCi!.low).toBeCloseTo(want.alphaCi[0], 10);
    expect(got.alphaCi!.high).toBeCloseTo(want.alphaCi[1], 10);
  });

  it('shows why pooling arms overstates the judge: between-arm differences count as agreement', () => {
    const pooled = fixture.expected.pooled!.icc;
    for (const arm of ['Hybrid', 'Base', 'Real']) expect(fixture.expected[arm]!.icc).toBeLessThan(pooled);
  });

  it('resamples with per-row sums exactly as refitting icc() and alpha on every resample would (ragged rows, gaps)', () => {
    const random = mulberry32(42);
    const matrix = Array.from({ length: 30 }, (_, u) => {
      const truth = 2 + random() * 5;
      const row: (number | null)[] = [0, 1, 2].map(() => Math.round(truth + random() * 2 - 1));
      if (u % 7 === 0) row[1] = null;
      return u % 11 === 0 ? row.slice(0, 2) : row;
    });
    const resamples = 200;
    const draws = mulberry32(9);
    const iccs: number[] = [];
    const alphas: number[] = [];
    for (let b = 0; b < resamples; b++) {
      const sample = matrix.map(() => matrix[Math.floor(draws() * matrix.length)]!);
      const i = icc(sample).icc2;
      const a = krippendorffAlphaInterval(sample).alpha;
      if (i !== null) iccs.push(i);
      if (a !== null) alphas.push(a);
    }
    const q = (xs: number[], p: number) => {
      const sorted = [...xs].sort((x, y) => x - y);
      const h = (sorted.length - 1) * p;
      const k = Math.floor(h);
      return sorted[k]! + (h - k) * ((sorted[k + 1] ?? sorted[k]!) - sorted[k]!);
    };
    const got = reliabilityWithIntervals(matrix, { resamples, seed: 9 });
    expect(got.iccCi!.low).toBeCloseTo(q(iccs, 0.025), 10);
    expect(got.iccCi!.high).toBeCloseTo(q(iccs, 0.975), 10);
    expect(got.alphaCi!.low).toBeCloseTo(q(alphas, 0.025), 10);
    expect(got.alphaCi!.high).toBeCloseTo(q(alphas, 0.975), 10);
  });

  it('gives no interval where the statistic is undefined', () => {
    const flat = reliabilityWithIntervals([
      [3, 3],
      [3, 3],
    ]);
    expect(flat).toMatchObject({ icc: null, iccCi: null, alpha: null, alphaCi: null });
    expect(flat.note).toMatch(/vary/);
    // 40 identical ratings: rounding in column means once made this look like ICC 0 instead of undefined.
    const constant = reliabilityWithIntervals(Array.from({ length: 40 }, () => [7, 7]));
    expect(constant).toMatchObject({ icc: null, iccCi: null, alpha: null, alphaCi: null });
  });
});
