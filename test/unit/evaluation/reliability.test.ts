import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { icc, krippendorffAlphaInterval } from '../../../src/main/core/evaluation/statistics/reliability';

// Shrout & Fleiss (1979), Table 2: six targets rated by four judges. Their Table 4 reports
// ICC(1,1) = .17, ICC(2,1) = .29, ICC(3,1) = .71 and Table 3 the mean squares BMS 11.24,
// JMS 32.49, EMS 1.02, WMS 6.26. Full-precision values computed offline with numpy 2.4.6 from the
// same ANOVA formulas.
const shroutFleiss = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: observers A–D
// (rows there) × 12 units with missing values; interval α = 0.849. Here transposed to units × repeats.
// Full precision 0.8491071428571428 from a numpy coincidence-matrix computation made offline.
const krippendorff = [
  [1, 1, null, 1],
  [2, 2, 3, 2],
  [3, 3, 3, 3],
  [3, 3, 3, 3],
  [2, 2, 2, 2],
  [1, 2, 3, 4],
  [4, 4, 4, 4],
  [1, 1, 2, 1],
  [2, 2, 2, 2],
  [null, 5, 5, 5],
  [null, null, 1, 1],
  [null, 3, null, null],
];

describe('icc', () => {
  it('reproduces Shrout & Fleiss (1979)', () => {
    const r = icc(shroutFleiss);
    expect(r).toMatchObject({ units: 6, raters: 4, incompleteUnits: 0, reason: null });
    expect(r.icc1).toBeCloseTo(0.16574176840547553, 12);
    expect(r.icc2).toBeCloseTo(0.2897637795275592, 12);
    expect(r.icc3).toBeCloseTo(0.7148407148407154, 12);
    expect(r.icc1!.toFixed(2)).toBe('0.17');
    expect(r.icc2!.toFixed(2)).toBe('0.29');
    expect(r.icc3!.toFixed(2)).toBe('0.71');
    expect(r.meanSquares!.bms).toBeCloseTo(11.241666666666669, 12);
    expect(r.meanSquares!.jms).toBeCloseTo(32.486111111111114, 12);
    expect(r.meanSquares!.ems).toBeCloseTo(1.019444444444442, 12);
    expect(r.meanSquares!.wms).toBeCloseTo(6.2638888888888875, 12);
  });

  it('leaves out and counts units missing a rating', () => {
    const r = icc([...shroutFleiss, [5, null, 4, 4], [3, 3]]);
    expect(r.incompleteUnits).toBe(2);
    expect(r.icc2).toBeCloseTo(0.2897637795275592, 12);
  });

  it('is 1 when every repeat gives the same scores to units that differ', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 30 }),
        fc.integer({ min: 2, max: 5 }),
        (scores, k) => {
          fc.pre(new Set(scores).size > 1);
          const r = icc(scores.map((s) => Array.from({ length: k }, () => s)));
          expect(r.icc1).toBeCloseTo(1, 12);
          expect(r.icc2).toBeCloseTo(1, 12);
          expect(r.icc3).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it('says why when it cannot be computed', () => {
    expect(icc([[1], [2], [3]])).toMatchObject({ icc2: null, reason: expect.stringMatching(/two ratings/) });
    expect(icc([[1, 2]])).toMatchObject({ icc2: null, reason: expect.stringMatching(/two units/) });
    expect(icc([])).toMatchObject({ icc2: null });
    expect(
      icc([
        [4, 4],
        [4, 4],
        [4, 4],
      ]),
    ).toMatchObject({ icc1: null, icc2: null, icc3: null, reason: expect.stringMatching(/undefined/) });
  });
});

describe('krippendorffAlphaInterval', () => {
  it('reproduces the worked example of Krippendorff (2011), missing values included', () => {
    const r = krippendorffAlphaInterval(krippendorff);
    // Unit 12 has a single value and is not pairable.
    expect(r).toMatchObject({ units: 11, values: 40, reason: null });
    expect(r.alpha).toBeCloseTo(0.8491071428571428, 12);
    expect(r.alpha!.toFixed(3)).toBe('0.849');
  });

  it('is 1 for perfect agreement and ignores which repeat is missing', () => {
    expect(
      krippendorffAlphaInterval([
        [1, 1, null],
        [2, 2, 2],
        [null, 5, 5],
      ]).alpha,
    ).toBeCloseTo(1, 12);
  });

  it('says why when it cannot be computed', () => {
    expect(
      krippendorffAlphaInterval([
        [1, 2],
        [3, null],
      ]),
    ).toMatchObject({ alpha: null, units: 1, reason: expect.stringMatching(/two units/) });
    expect(
      krippendorffAlphaInterval([
        [2, 2],
        [2, 2],
      ]),
    ).toMatchObject({ alpha: null, reason: expect.stringMatching(/do not vary/) });
  });
});
