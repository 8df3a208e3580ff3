import { describe as suite, expect, it } from 'vitest';
import { describe, presentValues } from '../../../src/main/core/evaluation/statistics/descriptive';

// Reference values from numpy 2.4.6, computed offline: np.mean, np.median, np.std(ddof=1),
// np.percentile(x, 25) and (x, 75) (linear, R type 7), min, max.
suite('describe', () => {
  it('matches numpy on an odd-sized sample', () => {
    const d = describe([3.1, 4.7, 2.2, 5.9, 4.4, 3.8, 6.3, 2.9, 4.1, 5.2, 3.3]);
    expect(d.n).toBe(11);
    expect(d.mean).toBeCloseTo(4.172727272727273, 12);
    expect(d.median).toBeCloseTo(4.1, 12);
    expect(d.sd).toBeCloseTo(1.283036171813491, 12);
    expect(d.q1).toBeCloseTo(3.2, 12);
    expect(d.q3).toBeCloseTo(4.95, 12);
    expect(d.iqr).toBeCloseTo(1.75, 12);
    expect(d.min).toBe(2.2);
    expect(d.max).toBe(6.3);
  });

  it('matches numpy on an even-sized sample given out of order', () => {
    const d = describe([4, 1, 3, 2]);
    expect(d).toMatchObject({ n: 4, mean: 2.5, median: 2.5, q1: 1.75, q3: 3.25, iqr: 1.5, min: 1, max: 4 });
    expect(d.sd).toBeCloseTo(1.2909944487358056, 12);
  });

  it('gives nulls for no values and no SD for one value', () => {
    expect(describe([])).toEqual({ n: 0, mean: null, median: null, sd: null, q1: null, q3: null, iqr: null, min: null, max: null });
    expect(describe([5])).toEqual({ n: 1, mean: 5, median: 5, sd: null, q1: 5, q3: 5, iqr: 0, min: 5, max: 5 });
  });

  it('refuses a missing value instead of treating it as a number', () => {
    expect(() => describe([1, Number.NaN])).toThrow(RangeError);
  });
});

suite('presentValues', () => {
  it('drops null, undefined and NaN, counts them, and keeps zeros', () => {
    expect(presentValues([0, null, 3, Number.NaN, undefined, 6, Number.POSITIVE_INFINITY])).toEqual({ values: [0, 3, 6], missing: 4 });
  });
});
