import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreement, agreementStats, kendallTauB, spearmanRho } from '../../../src/main/core/judging';
import { tinyRubric } from './fixtures';

/*
 * Reference values. Each is given as the exact expression it reduces to, worked out by hand or with
 * a separate Python script (exact fractions; average ranks for rho, tie-group sums for tau-b). Two
 * of them are the published examples of SciPy's documentation, which the script reproduces:
 *   scipy.stats.kendalltau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) = -0.47140452079103173
 *   scipy.stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])    =  0.8207826816681233
 */
const references = [
  {
    name: 'SciPy kendalltau example (ties in both)',
    x: [12, 2, 1, 12, 2],
    y: [1, 4, 7, 1, 0],
    // S = −4; n0 = 10, ties in x: two pairs, in y: one pair → −4 / √(8 · 9).
    tau: -0.47140452079103173,
    // average ranks x: 4.5 2.5 1 4.5 2.5; y: 2.5 4 5 2.5 1 → Σdxdy = −5, Σdx² = 9, Σdy² = 9.5.
    rho: -5 / Math.sqrt(9 * 9.5),
  },
  {
    name: 'SciPy spearmanr example (ties in y)',
    x: [1, 2, 3, 4, 5],
    y: [5, 6, 7, 8, 7],
    rho: 0.8207826816681233, // = 8 / √(10 · 9.5)
    tau: 7 / Math.sqrt(10 * 9),
  },
  {
    name: 'by hand, one tie in each',
    x: [1, 2, 2, 3],
    y: [1, 3, 2, 3],
    // Pairs: 4 concordant, 0 discordant, one tied in x, one tied in y → 4 / √(5 · 5).
    tau: 0.8,
    // Ranks x: 1 2.5 2.5 4, y: 1 3.5 2 3.5 → Σdxdy = 3.75, Σdx² = Σdy² = 4.5 → 5/6.
    rho: 5 / 6,
  },
  {
    name: 'Likert ratings, many ties',
    x: [3, 4, 2, 5, 4, 3, 1, 2, 5, 4],
    y: [4, 4, 3, 5, 5, 4, 2, 2, 4, 5],
    // S = 27; n0 = 45; tied pairs 6 in x, 10 in y.
    tau: 27 / Math.sqrt(39 * 35),
    // Pearson on average ranks: 62 / √5925.
    rho: 62 / Math.sqrt(5925),
  },
];

describe('rank correlations against reference values', () => {
  it.each(references)('$name', ({ x, y, tau, rho }) => {
    expect(kendallTauB(x, y)).toBeCloseTo(tau, 12);
    expect(spearmanRho(x, y)).toBeCloseTo(rho, 12);
    // Symmetric in its arguments.
    expect(kendallTauB(y, x)).toBeCloseTo(tau, 12);
    expect(spearmanRho(y, x)).toBeCloseTo(rho, 12);
  });

  it('is 1 for perfect agreement and −1 for perfect disagreement, ties included', () => {
    expect(kendallTauB([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])).toBe(1);
    // Pearson on ranks goes through floating point: 0.9999999999999999 is 1 to 15 digits.
    expect(spearmanRho([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])).toBeCloseTo(1, 15);
    expect(kendallTauB([1, 2, 3, 4, 5], [9, 7, 5, 3, 1])).toBe(-1);
    expect(spearmanRho([1, 2, 3, 4, 5], [9, 7, 5, 3, 1])).toBeCloseTo(-1, 15);
    // Tied the same way on both sides: tau-b (unlike tau-a) still reaches 1.
    expect(kendallTauB([1, 1, 2, 3, 3], [4, 4, 5, 6, 6])).toBe(1);
    expect(spearmanRho([1, 1, 2, 3, 3], [4, 4, 5, 6, 6])).toBeCloseTo(1, 15);
  });

  it('is undefined (null) for a constant series', () => {
    expect(kendallTauB([3, 3, 3, 3], [1, 2, 3, 4])).toBeNull();
    expect(spearmanRho([1, 2, 3, 4], [2, 2, 2, 2])).toBeNull();
  });

  it('matches a naive tau-b (tie-group sums) and a naive Spearman on random Likert ratings', () => {
    const likert = fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })), { minLength: 2, maxLength: 30 });
    fc.assert(
      fc.property(likert, (pairs) => {
        const x = pairs.map((p) => p[0]);
        const y = pairs.map((p) => p[1]);
        const tau = naiveTauB(x, y);
        const rho = naiveSpearman(x, y);
        if (tau === null) expect(kendallTauB(x, y)).toBeNull();
        else expect(kendallTauB(x, y)).toBeCloseTo(tau, 12);
        if (rho === null) expect(spearmanRho(x, y)).toBeNull();
        else expect(spearmanRho(x, y)).toBeCloseTo(rho, 12);
      }),
      { numRuns: 300, seed: 20261124 },
    );
  });
});

describe('agreementStats', () => {
  it('gives n, rho, tau-b and the mean absolute difference', () => {
    const s = agreementStats([3, 4, 2, 5, 4, 3, 1, 2, 5, 4], [4, 4, 3, 5, 5, 4, 2, 2, 4, 5]);
    // |differences|: 1 0 1 0 1 1 1 0 1 1 → 7 / 10.
    expect(s).toMatchObject({ n: 10, meanAbsDiff: 0.7, note: null });
    expect(s.spearman).toBeCloseTo(62 / Math.sqrt(5925), 12);
    expect(s.kendallTauB).toBeCloseTo(27 / Math.sqrt(39 * 35), 12);
  });

  it('withholds correlations below 3 sessions, and says why', () => {
    expect(agreementStats([1, 5], [2, 4])).toEqual({
      n: 2,
      spearman: null,
      kendallTauB: null,
      meanAbsDiff: 1,
      note: 'Only 2 sessions rated by both; a rank correlation needs at least 3.',
    });
    expect(agreementStats([], [])).toMatchObject({
      n: 0,
      meanAbsDiff: null,
      note: 'Only 0 sessions rated by both; a rank correlation needs at least 3.',
    });
  });

  it('withholds correlations when one side is constant, and says which', () => {
    expect(agreementStats([4, 4, 4], [1, 2, 3])).toMatchObject({
      spearman: null,
      kendallTauB: null,
      meanAbsDiff: 2,
      note: 'The human gave every session the same score (4), so there is no ranking to compare.',
    });
    expect(agreementStats([1, 2, 3], [5, 5, 5])).toMatchObject({
      spearman: null,
      kendallTauB: null,
      note: 'The judge gave every session the same score (5), so there is no ranking to compare.',
    });
  });
});

describe('agreement over a rubric', () => {
  const sessions = [
    { sessionId: 'a', human: { warmth: 1, focus: 0 }, judge: { warmth: 2, focus: 0 } },
    { sessionId: 'b', human: { warmth: 3, focus: 3 }, judge: { warmth: 3, focus: null } },
    { sessionId: 'c', human: { warmth: 5, focus: 6 }, judge: { warmth: 5, focus: 6 } },
    { sessionId: 'd', human: { warmth: 4, focus: 6 }, judge: { warmth: 5 } },
    { sessionId: 'e', human: { warmth: null, focus: 2 }, judge: { warmth: 1, focus: 3 } },
  ];

  it('uses, per criterion, only the sessions both rated', () => {
    const r = agreement(tinyRubric, sessions);
    const warmth = r.criteria[0]!;
    // a, b, c, d: human 1 3 5 4, judge 2 3 5 5.
    expect(warmth).toMatchObject({ criterion: 'warmth', n: 4, meanAbsDiff: 0.5, note: null });
    expect(warmth.kendallTauB).toBeCloseTo(naiveTauB([1, 3, 5, 4], [2, 3, 5, 5])!, 12);
    expect(warmth.kendallTauB).toBeCloseTo(5 / Math.sqrt(30), 12); // S = 5; one pair tied in the judge's scores.
    // a, c, e: focus human 0 6 2, judge 0 6 3: same order.
    expect(r.criteria[1]).toMatchObject({ criterion: 'focus', n: 3, spearman: 1, kendallTauB: 1, note: null });
    expect(r.criteria[1]!.meanAbsDiff).toBeCloseTo(1 / 3, 12);
  });

  it('compares overall with one normalised pair per session', () => {
    const r = agreement(tinyRubric, sessions);
    // Per session, mean of (score − min) / (max − min) over the criteria both rated:
    // a: human (0 + 0)/2 = 0, judge (0.25 + 0)/2 = 0.125; b: 0.5, 0.5; c: 1, 1; d: 0.75, 1; e: 1/3, 0.5.
    expect(r.overall.n).toBe(5);
    expect(r.overall.meanAbsDiff).toBeCloseTo((0.125 + 0 + 0 + 0.25 + 1 / 6) / 5, 12);
    expect(r.overall.kendallTauB).toBeCloseTo(naiveTauB([0, 0.5, 1, 0.75, 1 / 3], [0.125, 0.5, 1, 1, 0.5])!, 12);
    expect(r.overall.spearman).toBeCloseTo(naiveSpearman([0, 0.5, 1, 0.75, 1 / 3], [0.125, 0.5, 1, 1, 0.5])!, 12);
  });
});

// Independent reference: tau-b from the tie-group sums n1 = Σ t(t−1)/2 rather than pair-by-pair tie counts.
function naiveTauB(x: number[], y: number[]): number | null {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(x[i]! - x[j]!) * Math.sign(y[i]! - y[j]!);
  const tiePairs = (v: number[]) => [...groupSizes(v)].reduce((sum, t) => sum + (t * (t - 1)) / 2, 0);
  const n0 = (n * (n - 1)) / 2;
  const d = (n0 - tiePairs(x)) * (n0 - tiePairs(y));
  return d > 0 ? s / Math.sqrt(d) : null;
}

// Independent reference: average ranks from counting smaller and equal values, then the textbook Pearson formula.
function naiveSpearman(x: number[], y: number[]): number | null {
  const ranks = (v: number[]) => v.map((a) => v.filter((b) => b < a).length + (v.filter((b) => b === a).length + 1) / 2);
  const rx = ranks(x);
  const ry = ranks(y);
  const mx = rx.reduce((a, b) => a + b, 0) / rx.length;
  const my = ry.reduce((a, b) => a + b, 0) / ry.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  rx.forEach((r, i) => {
    sxy += (r - mx) * (ry[i]! - my);
    sxx += (r - mx) ** 2;
    syy += (ry[i]! - my) ** 2;
  });
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

function groupSizes(v: number[]): number[] {
  const counts = new Map<number, number>();
  for (const a of v) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts.values()];
}
