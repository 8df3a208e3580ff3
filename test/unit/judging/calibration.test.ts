import { describe, expect, it } from 'vitest';
import { judgeAgreement } from '../../../src/main/core/judging/calibration';
import reference from '../../fixtures/statistics/calibration.json';

// Reference values from scipy.stats (spearmanr, kendalltau variant b) with the same documented
// bootstrap draws: test/fixtures/statistics/make_calibration.py.
describe('judge calibration against scipy', () => {
  for (const c of reference.cases) {
    it(`agrees with scipy for the "${c.judge}" judge: rho, tau-b, mean |difference| and their 95% bootstrap intervals`, () => {
      const got = judgeAgreement(c.human, c.scores, { resamples: c.resamples, seed: c.seed });
      expect(got.n).toBe(c.human.length);
      expect(got.spearman!.estimate).toBeCloseTo(c.spearman, 12);
      expect(got.kendall!.estimate).toBeCloseTo(c.kendall, 12);
      expect(got.meanAbsDiff!).toBeCloseTo(c.meanAbsDiff, 12);
      expect([got.spearman!.low, got.spearman!.high]).toEqual([expect.closeTo(c.spearmanCi[0]!, 10), expect.closeTo(c.spearmanCi[1]!, 10)]);
      expect([got.kendall!.low, got.kendall!.high]).toEqual([expect.closeTo(c.kendallCi[0]!, 10), expect.closeTo(c.kendallCi[1]!, 10)]);
    });
  }

  it('gives no correlation, and says why, when one side has no ranking', () => {
    const got = judgeAgreement([0.5, 0.5, 0.5, 0.5], [0, 0.25, 0.5, 1]);
    expect(got).toMatchObject({
      n: 4,
      spearman: null,
      kendall: null,
      note: expect.stringMatching(/human gave every session the same score/),
    });
  });
});
