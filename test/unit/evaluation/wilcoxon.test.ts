import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erfc, wilcoxon, wilcoxonOnDifferences } from '../../../src/main/core/evaluation/statistics/wilcoxon';

// Reference values computed offline with scipy 1.17.1 (scipy.stats.wilcoxon unless said otherwise).
describe('wilcoxon signed-rank test', () => {
  it("reproduces scipy's documented example (Darwin's plant heights, exact)", () => {
    // scipy.stats.wilcoxon docs: d = [6, 8, …, 75] → statistic 24.0, pvalue 0.041259765625.
    const r = wilcoxonOnDifferences([6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75]);
    expect(r).toMatchObject({ n: 15, zeros: 0, wPlus: 96, wMinus: 24, statistic: 24, method: 'exact', ties: false, z: null });
    expect(r.p).toBe(0.041259765625);
    // Kerby's matched-pairs rank-biserial: (96 − 24) / 120.
    expect(r.rankBiserial).toBeCloseTo(0.6, 15);
  });

  it('drops zero differences (Wilcoxon) and stays exact without ties', () => {
    // wilcoxon(dz, method='exact') → statistic 8.0, pvalue 0.048828125; W+ = 47 over 10 non-zero pairs.
    const r = wilcoxonOnDifferences([0, 1.5, -2.5, 3.5, 4.5, 0, 5.5, -6.5, 7.5, 8.5, 9.5, 10.5]);
    expect(r).toMatchObject({ pairs: 12, zeros: 2, n: 10, wPlus: 47, wMinus: 8, statistic: 8, method: 'exact' });
    expect(r.p).toBe(0.048828125);
    expect(r.note).toMatch(/2 zero differences dropped/);
  });

  it('gives the exact permutation p-value with tied ranks (n ≤ 13, as scipy does)', () => {
    // wilcoxon(dt) with method='auto' runs an exhaustive permutation test here: 7.5, 0.0107421875.
    const r = wilcoxonOnDifferences([1, -1, 2, 2, 3, -3, 3, 4, 5, 5, 6, 7]);
    expect(r).toMatchObject({ n: 12, wPlus: 70.5, wMinus: 7.5, statistic: 7.5, ties: true, method: 'exact' });
    expect(r.p).toBeCloseTo(0.0107421875, 14);
  });

  it('gives the exact permutation p-value with ties above 13 pairs', () => {
    // scipy.stats.permutation_test((d,), W+, permutation_type='samples', n_resamples=np.inf) on all
    // 2^16 sign patterns: W+ = 112, pvalue 0.020233154296875 (scipy's asymptotic 'auto' gives 0.0226).
    const r = wilcoxonOnDifferences([1, 2, -2, 2, 3, 3, -4, 4, 5, 5, 5, 6, -7, 7, 8, 9]);
    expect(r).toMatchObject({ n: 16, wPlus: 112, statistic: 24, method: 'exact' });
    expect(r.p).toBeCloseTo(0.020233154296875, 14);
  });

  it('uses the normal approximation with tie and continuity corrections above 50 pairs', () => {
    // a, b: numpy default_rng(42).integers(0, 7, 70) twice. wilcoxon(a, b, method='asymptotic',
    // correction=True) → statistic 786.0, pvalue 0.4536347713626909, zstatistic −0.7493690974928437.
    const a = [
      0, 5, 4, 3, 3, 6, 0, 4, 1, 0, 3, 6, 5, 5, 5, 5, 3, 0, 5, 3, 3, 2, 1, 6, 5, 4, 2, 5, 3, 3, 3, 1, 0, 3, 6, 0, 6, 5, 1, 4, 1, 5, 4, 2, 0,
      6, 3, 6, 4, 5, 5, 1, 2, 3, 3, 0, 3, 1, 5, 4, 6, 5, 2, 6, 2, 2, 6, 2, 0, 3,
    ];
    const b = [
      5, 1, 3, 0, 4, 3, 2, 1, 3, 4, 6, 3, 1, 5, 4, 4, 0, 2, 5, 5, 3, 5, 5, 2, 6, 2, 1, 4, 4, 0, 5, 1, 5, 0, 5, 5, 5, 4, 3, 4, 1, 5, 3, 3, 3,
      3, 0, 0, 1, 0, 3, 4, 4, 3, 5, 3, 0, 5, 4, 4, 3, 3, 0, 3, 5, 2, 4, 0, 2, 3,
    ];
    const r = wilcoxon(a, b);
    expect(r).toMatchObject({ pairs: 70, zeros: 11, n: 59, wPlus: 984, wMinus: 786, statistic: 786, method: 'normal', ties: true });
    // scipy reports −|z|; here z keeps the direction (a above b → positive).
    expect(r.z).toBeCloseTo(0.7493690974928437, 12);
    expect(r.p!).toBeCloseTo(0.4536347713626909, 6);
    expect(Math.abs(r.p! - 0.4536347713626909) / 0.4536347713626909).toBeLessThan(1.2e-7);
  });

  it('uses the normal approximation without ties above 50 pairs', () => {
    // d_i = ±i for i = 1…60: wilcoxon(d, method='asymptotic', correction=True) → 756.0,
    // 0.24328546138426, z −1.1668140757578018 (method='exact' would give 0.24523784959806094).
    const d = Array.from({ length: 60 }, (_, i) => ((i * 7) % 5 < 3 ? 1 : -1) * (i + 1));
    const r = wilcoxonOnDifferences(d);
    expect(r).toMatchObject({ n: 60, statistic: 756, method: 'normal', ties: false });
    // W+ = 1074 lies above its mean 915, so z is positive here.
    expect(r.z).toBeCloseTo(1.1668140757578018, 12);
    expect(Math.abs(r.p! - 0.24328546138426) / 0.24328546138426).toBeLessThan(1.2e-7);
  });

  it('says why when there is nothing to test', () => {
    expect(wilcoxon([], [])).toMatchObject({ pairs: 0, n: 0, p: null, method: null, rankBiserial: null, note: 'no pairs to compare' });
    expect(wilcoxon([3, 4, 5], [3, 4, 5])).toMatchObject({
      pairs: 3,
      zeros: 3,
      n: 0,
      p: 1,
      rankBiserial: null,
      note: 'every difference is zero',
    });
    expect(() => wilcoxon([1, 2], [1])).toThrow(RangeError);
  });

  it('treats floating residue from averaging repeats as equal, not as a difference or a broken tie', () => {
    const residue = 0.1 + 0.2 - 0.3; // 5.6e-17, not 0
    const almostOne = (0.7 + 0.1) * 10 - 7; // 0.9999999999999991
    expect(residue).not.toBe(0);
    expect(almostOne).not.toBe(1);
    const clean = wilcoxonOnDifferences([0, 1, 1, 2, -3, 4, 5]);
    const noisy = wilcoxonOnDifferences([residue, 1, almostOne, 2, -3, 4, 5]);
    expect(clean).toMatchObject({ zeros: 1, ties: true });
    expect(noisy).toEqual(clean);
  });

  it('is symmetric under swapping the samples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 80 }),
        (pairs) => {
          const a = pairs.map(([x]) => x);
          const b = pairs.map(([, y]) => y);
          const ab = wilcoxon(a, b);
          const ba = wilcoxon(b, a);
          expect(ba.p).toBe(ab.p);
          expect(ba.statistic).toBe(ab.statistic);
          expect(ba.wPlus).toBe(ab.wMinus);
          expect(ba.wMinus).toBe(ab.wPlus);
          if (ab.rankBiserial !== null) expect(ba.rankBiserial! + ab.rankBiserial).toBe(0);
          if (ab.p !== null) {
            expect(ab.p).toBeGreaterThan(0);
            expect(ab.p).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('erfc', () => {
  // scipy.special.erfc; Numerical Recipes' fit promises a fractional error below 1.2e-7.
  const reference: [number, number][] = [
    [0, 1],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028516],
    [1.96, 0.005573724535172135],
    [3, 2.2090496998585445e-5],
    [5, 1.5374597944280347e-12],
    [8, 1.1224297172982928e-29],
    [12, 1.3562611692059047e-64],
    [-1, 1.8427007929497148],
  ];
  it.each(reference)('erfc(%d) within 1.2e-7 relative of scipy', (x, expected) => {
    expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1.2e-7);
  });
});
