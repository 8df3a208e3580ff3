import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holm } from '../../../src/main/core/evaluation/statistics/holm';

describe('holm', () => {
  // Wikipedia, "Holm–Bonferroni method", Example: four hypotheses with p = 0.01, 0.04, 0.03, 0.005 at
  // α = 0.05 reject H1 and H4 only. Adjusted values by hand: sorted 0.005·4 = 0.02, 0.01·3 = 0.03,
  // 0.03·2 = 0.06, 0.04·1 = 0.04 → running maximum 0.06. (R: p.adjust(c(.01,.04,.03,.005), "holm").)
  it('reproduces the textbook example in input order', () => {
    const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 15));
    expect(adjusted.map((p) => p <= 0.05)).toEqual([true, false, false, true]);
  });

  it('caps at 1 and keeps the running maximum', () => {
    // Sorted: 0.02·3 = 0.06, 0.3·2 = 0.6, 0.5·1 = 0.5 → 0.6.
    const adjusted = holm([0.5, 0.3, 0.02]);
    [0.6, 0.6, 0.06].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 15));
    expect(holm([0.4, 0.4, 0.4])).toEqual([1, 1, 1]);
    expect(holm([0.2])).toEqual([0.2]);
    expect(holm([])).toEqual([]);
  });

  it('refuses something that is not a probability', () => {
    expect(() => holm([0.1, Number.NaN])).toThrow(RangeError);
    expect(() => holm([1.2])).toThrow(RangeError);
  });

  it('is never below the raw p, never above 1 or m·p, and keeps the order of the raw p-values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }), (ps) => {
        const adjusted = holm(ps);
        ps.forEach((p, i) => {
          expect(adjusted[i]!).toBeGreaterThanOrEqual(p);
          expect(adjusted[i]!).toBeLessThanOrEqual(Math.min(1, ps.length * p) + 1e-15);
          ps.forEach((q, j) => {
            if (p <= q) expect(adjusted[i]!).toBeLessThanOrEqual(adjusted[j]!);
          });
        });
      }),
    );
  });
});
