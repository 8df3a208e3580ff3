import { describe, expect, it } from 'vitest';
import type { EvalResults, PairedComparison } from '../../../src/shared/api/evaluation';
import { findings, fixed, intervalDisagrees, noFindingText } from '../../../src/shared/domain/evalFindings';

const comparison = (over: Partial<PairedComparison>): PairedComparison => ({
  criterion: 'r.empathy',
  a: 'Base',
  b: 'Hybrid',
  n: 40,
  meanDifference: -0.5,
  ci: { low: -0.8, high: -0.2 },
  wilcoxon: { statistic: 112, p: 0.004, method: 'exact', effectSize: -0.6 },
  pHolm: 0.012,
  significant: true,
  ...over,
});
const results = (comparisons: PairedComparison[]): EvalResults =>
  ({
    criteria: [{ id: 'r.empathy', rubricId: 'r', label: 'Empathy', scale: { min: 1, max: 10 } }],
    comparisons,
    bootstrap: { resamples: 1000, seed: 1, level: 0.95 },
    holm: { family: 'all', tests: comparisons.length, alpha: 0.05 },
  }) as unknown as EvalResults;

describe('findings', () => {
  it('names who scored higher, turning a negative A − B around, with the interval oriented the same way', () => {
    const [f] = findings(results([comparison({})]));
    expect(f!.text).toBe(
      'Hybrid scored higher than Base on Empathy: difference +0.50 [0.20, 0.80] (95% CI), Wilcoxon W = 112, Holm p = 0.012, 40 scenarios.',
    );
  });

  it('lists every significant comparison and none of the others; says plainly when none is', () => {
    const list = results([
      comparison({}),
      comparison({ a: 'Real', b: 'Hybrid', significant: false, pHolm: 0.2 }),
      comparison({
        a: 'Base',
        b: 'Real',
        meanDifference: 0.3,
        ci: { low: 0.1, high: 0.5 },
        wilcoxon: { statistic: 50, p: 0.0001, method: 'exact', effectSize: 0.7 },
        pHolm: 0.0003,
      }),
    ]);
    expect(findings(list).map((f) => `${f.higher}>${f.lower}`)).toEqual(['Hybrid>Base', 'Base>Real']);
    expect(findings(list)[1]!.text).toContain('Holm p < 0.001');
    const none = results([comparison({ significant: false, pHolm: 0.3 })]);
    expect(findings(none)).toEqual([]);
    expect(noFindingText(none)).toBe(
      "No pairwise difference is significant after Holm's correction over the one comparison of the run (α = 0.05).",
    );
  });

  it('flags an interval that excludes 0 beside a non-significant test, and writes minus as U+2212', () => {
    expect(intervalDisagrees(comparison({ significant: false }))).toBe(true);
    expect(intervalDisagrees(comparison({ significant: false, ci: { low: -0.1, high: 0.3 } }))).toBe(false);
    expect(fixed(-0.5)).toBe('\u22120.50');
    expect(fixed(-0.001)).toBe('0.00');
  });
});
