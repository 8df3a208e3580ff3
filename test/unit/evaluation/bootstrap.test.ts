import fc from 'fast-check';
import { mean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { bootstrapMeanCI, bootstrapMeanCIs, pairedBootstrap } from '../../../src/main/core/evaluation/statistics/bootstrap';
import { mulberry32 } from '../../../src/main/core/util/random';

const sample = (n: number, seed: number) => {
  const random = mulberry32(seed);
  // A skewed 0–6 score: sum of three uniforms, squashed.
  return Array.from({ length: n }, () => Math.round(((random() + random() + random()) / 3) ** 1.5 * 6));
};

describe('bootstrapMeanCI', () => {
  it('resamples every value with equal chance: five 0s and five 1s give the Binomial(10, ½)/10 quantiles', () => {
    // The bootstrap mean is X/10 with X ~ Binomial(10, 0.5): P(X ≤ 1) = 11/1024 ≈ 0.011 and
    // P(X ≤ 2) = 56/1024 ≈ 0.055, so the 2.5% quantile is 0.2 and, by symmetry, the 97.5% is 0.8.
    // An index that never reached the last values (the 1s) would pull the upper end down to 0.7.
    const ci = bootstrapMeanCI([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], { seed: 11 });
    expect(ci).toEqual({ estimate: 0.5, lower: 0.2, upper: 0.8, level: 0.95, resamples: 10_000 });
  });

  it('can be reproduced by anyone holding the seed: B rows of n mulberry32 uniforms, indices ⌊u·n⌋, type-7 quantiles', () => {
    const random = mulberry32(17);
    // Continuous values: every order statistic differs, so an off-by-one selection shows.
    const values = Array.from({ length: 23 }, () => random() * 6);
    for (const [seed, level] of [
      [1, 0.95],
      [77, 0.9],
      [5, 0.5],
    ] as const) {
      const draw = mulberry32(seed);
      const means: number[] = [];
      for (let b = 0; b < 3000; b++) {
        const row = values.map(() => draw());
        means.push(mean(row.map((u) => values[Math.floor(u * values.length)]!)));
      }
      means.sort((x, y) => x - y);
      const ci = bootstrapMeanCI(values, { seed, level, resamples: 3000 })!;
      expect(ci.lower).toBeCloseTo(quantileSorted(means, (1 - level) / 2), 12);
      expect(ci.upper).toBeCloseTo(quantileSorted(means, (1 + level) / 2), 12);
    }
  });

  it('agrees with the normal-theory interval on a large sample', () => {
    // For n = 400 the bootstrap distribution of the mean is close to normal with SD = s·√((n−1)/n)/√n
    // (the plug-in standard error, Efron & Tibshirani 1993 §6.2), so the percentile interval is about
    // mean ± 1.96 of it; 10,000 resamples put each end within about 1% of the width.
    const values = sample(400, 3);
    const ci = bootstrapMeanCI(values, { seed: 5 })!;
    const se = (sampleStandardDeviation(values) * Math.sqrt(399 / 400)) / Math.sqrt(400);
    expect(ci.estimate).toBeCloseTo(mean(values), 12);
    expect(ci.upper - ci.lower).toBeGreaterThan(0.95 * 2 * 1.959964 * se);
    expect(ci.upper - ci.lower).toBeLessThan(1.05 * 2 * 1.959964 * se);
    expect(Math.abs((ci.upper + ci.lower) / 2 - ci.estimate)).toBeLessThan(0.05 * 2 * 1.959964 * se);
  });

  it('narrows as the sample grows and widens with the level', () => {
    const width = (n: number, level = 0.95) => {
      const ci = bootstrapMeanCI(sample(n, 9), { level, seed: 2 })!;
      return ci.upper - ci.lower;
    };
    expect(width(200)).toBeLessThan(width(50));
    expect(width(50)).toBeLessThan(width(12));
    expect(width(50, 0.99)).toBeGreaterThan(width(50, 0.9));
  });

  it('is fixed by its seed, and a sample sharing draws with others gets the interval it would get alone', () => {
    // Continuous values, so that different resamples give different quantiles.
    const random = mulberry32(4);
    const values = Array.from({ length: 30 }, () => random() * 6);
    const shorter = values.slice(0, 20).map((v) => v * 2);
    expect(bootstrapMeanCI(values, { seed: 8 })).toEqual(bootstrapMeanCI(values, { seed: 8 }));
    expect(bootstrapMeanCI(values, { seed: 8 })).not.toEqual(bootstrapMeanCI(values, { seed: 9 }));
    const [alone, beside, none] = bootstrapMeanCIs([values, shorter, [1]], { seed: 8, resamples: 2000 });
    expect(alone).toEqual(bootstrapMeanCI(values, { seed: 8, resamples: 2000 }));
    expect(none).toBeNull();
    // The shorter sample's interval depends on the width, not on its neighbours.
    expect(beside).toEqual(bootstrapMeanCIs([shorter], { seed: 8, resamples: 2000, width: 30 })[0]);
    expect(beside).not.toEqual(bootstrapMeanCI(shorter, { seed: 8, resamples: 2000 }));
    expect(() => bootstrapMeanCIs([values], { width: 20 })).toThrow(RangeError);
  });

  it('gives no interval for fewer than two values and a point for constant data', () => {
    expect(bootstrapMeanCI([])).toBeNull();
    expect(bootstrapMeanCI([4])).toBeNull();
    expect(bootstrapMeanCI([3, 3, 3], { resamples: 100 })).toEqual({ estimate: 3, lower: 3, upper: 3, level: 0.95, resamples: 100 });
    expect(() => bootstrapMeanCI([1, Number.NaN])).toThrow(RangeError);
    expect(() => bootstrapMeanCI([1, 2], { level: 1 })).toThrow(RangeError);
    expect(() => bootstrapMeanCI([1, 2], { resamples: 0 })).toThrow(RangeError);
  });

  it('always contains the sample mean', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 40 }), fc.integer(), (values, seed) => {
        const ci = bootstrapMeanCI(values, { resamples: 1000, seed })!;
        expect(ci.lower).toBeLessThanOrEqual(ci.estimate + 1e-12);
        expect(ci.upper).toBeGreaterThanOrEqual(ci.estimate - 1e-12);
        expect(ci.lower).toBeGreaterThanOrEqual(Math.min(...values));
        expect(ci.upper).toBeLessThanOrEqual(Math.max(...values));
      }),
      { numRuns: 100 },
    );
  });
});

describe('pairedBootstrap', () => {
  it('resamples pairs, so a constant shift gives a zero-width interval however noisy the scores', () => {
    const a = sample(40, 6);
    const b = a.map((x) => x - 0.5);
    expect(pairedBootstrap(a, b, { resamples: 500 })).toEqual({ estimate: 0.5, lower: 0.5, upper: 0.5, level: 0.95, resamples: 500 });
  });

  it('is the bootstrap of the differences, estimating mean(a) − mean(b)', () => {
    const a = sample(25, 1);
    const b = sample(25, 2);
    const ci = pairedBootstrap(a, b, { seed: 3 })!;
    expect(ci).toEqual(
      bootstrapMeanCI(
        a.map((x, i) => x - b[i]!),
        { seed: 3 },
      ),
    );
    expect(ci.estimate).toBeCloseTo(mean(a) - mean(b), 12);
    expect(() => pairedBootstrap([1, 2], [1])).toThrow(RangeError);
  });
});
