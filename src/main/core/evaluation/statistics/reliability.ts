// How consistently a judge scores the same thing twice. The input is a units × repeats matrix:
// one row per judged unit (a session, on one criterion), one column per repeated judgment, null
// where a judgment is missing (unparseable, or fewer repeats for that unit). Rows may be ragged.
//
// Two measures:
// - Intraclass correlations from the two-way ANOVA of Shrout & Fleiss (1979), "Intraclass
//   correlations: uses in assessing rater reliability", Psychol. Bull. 86:420–428, single-rater
//   forms. Repeats of one judge are exchangeable (repeat 2 means nothing as a "rater"), which is
//   their Case 1, so ICC(1,1) is the textbook fit; ICC(2,1) (two-way random, absolute agreement) is
//   reported as the common headline and, with exchangeable repeats, lands close to ICC(1,1).
//   ICC(3,1) (consistency) ignores shifts between repeats. The ANOVA needs complete rows: units
//   missing any repeat are left out and counted.
// - Krippendorff's alpha for interval data, which uses every unit with at least two values and so
//   tolerates missing judgments (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability",
//   Annenberg School for Communication, University of Pennsylvania).
// Both are null, with a reason, when not computable: fewer than two units or raters, or no variance.

export type RatingMatrix = readonly (readonly (number | null | undefined)[])[];

export interface IccResult {
  /** ICC(1,1): one-way random effects, single rater. */
  icc1: number | null;
  /** ICC(2,1): two-way random effects, absolute agreement, single rater. */
  icc2: number | null;
  /** ICC(3,1): two-way mixed effects, consistency, single rater. */
  icc3: number | null;
  /** Complete units used. */
  units: number;
  /** Raters (repeats): the longest row. */
  raters: number;
  /** Units left out for a missing score. */
  incompleteUnits: number;
  /** Mean squares of Shrout & Fleiss's Table 1: between targets, between judges, residual, within targets. */
  meanSquares: { bms: number; jms: number; ems: number; wms: number } | null;
  reason: string | null;
}

export interface AlphaResult {
  alpha: number | null;
  /** Units with at least two values (pairable). */
  units: number;
  /** Values in pairable units. */
  values: number;
  observedDisagreement: number | null;
  expectedDisagreement: number | null;
  reason: string | null;
}

const isScore = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
/** Relative spread below which ratings count as constant (floating residue, not disagreement). */
export const NO_VARIANCE = 1e-12;

export function icc(matrix: RatingMatrix): IccResult {
  const k = Math.max(0, ...matrix.map((row) => row.length));
  const complete = matrix.filter((row) => row.length === k && row.every(isScore)) as readonly (readonly number[])[];
  const n = complete.length;
  const none = { icc1: null, icc2: null, icc3: null, units: n, raters: k, incompleteUnits: matrix.length - n, meanSquares: null };
  if (k < 2) return { ...none, reason: 'needs at least two ratings (repeats) per unit' };
  if (n < 2) return { ...none, reason: 'needs at least two units rated by every rater' };

  let grand = 0;
  for (const row of complete) for (const v of row) grand += v;
  grand /= n * k;
  // Sums first, divided once: adding v/n n times leaves rounding that makes constant ratings look varied.
  const columnSums = new Array<number>(k).fill(0);
  let ssRows = 0;
  let ssTotal = 0;
  for (const row of complete) {
    let rowSum = 0;
    row.forEach((v, j) => {
      rowSum += v;
      columnSums[j]! += v;
      ssTotal += (v - grand) ** 2;
    });
    ssRows += k * (rowSum / k - grand) ** 2;
  }
  if (!(ssTotal > NO_VARIANCE * Math.max(1, grand * grand) * n * k))
    return { ...none, reason: 'the ratings do not vary, so agreement is undefined' };
  let ssColumns = 0;
  for (const sum of columnSums) ssColumns += n * (sum / n - grand) ** 2;
  const bms = ssRows / (n - 1);
  const jms = ssColumns / (k - 1);
  // Rounding can leave a tiny negative residual when the model fits exactly.
  const ems = Math.max(0, ssTotal - ssRows - ssColumns) / ((n - 1) * (k - 1));
  const wms = Math.max(0, ssTotal - ssRows) / (n * (k - 1));
  const meanSquares = { bms, jms, ems, wms };
  const ratio = (num: number, den: number) => (den > 0 ? num / den : null);
  const icc1 = ratio(bms - wms, bms + (k - 1) * wms);
  const icc2 = ratio(bms - ems, bms + (k - 1) * ems + (k * (jms - ems)) / n);
  const icc3 = ratio(bms - ems, bms + (k - 1) * ems);
  const undefinedForms = [icc1 === null && 'ICC(1,1)', icc2 === null && 'ICC(2,1)', icc3 === null && 'ICC(3,1)'].filter(Boolean);
  const reason = undefinedForms.length
    ? `${undefinedForms.join(', ')} undefined: the scores do not vary between units or within them`
    : null;
  return { icc1, icc2, icc3, units: n, raters: k, incompleteUnits: matrix.length - n, meanSquares, reason };
}

/**
 * Krippendorff's alpha with the interval metric δ² = (c − k)²: α = 1 − D_o / D_e, where
 * D_o = (1/n) Σ_u Σ_{i≠j in u} (x_i − x_j)² / (m_u − 1) over units with m_u ≥ 2 values and n values
 * in all, and D_e = Σ_{i≠j} (x_i − x_j)² / (n(n − 1)) over all n values. Sums over ordered pairs use
 * Σ_{i≠j} (x_i − x_j)² = 2m Σ (x_i − x̄)², which is the coincidence-matrix computation of
 * Krippendorff (2011) without building the matrix.
 */
export function krippendorffAlphaInterval(matrix: RatingMatrix): AlphaResult {
  const units = matrix.map((row) => row.filter(isScore)).filter((values) => values.length >= 2);
  const n = units.reduce((s, u) => s + u.length, 0);
  const none = { alpha: null, units: units.length, values: n, observedDisagreement: null, expectedDisagreement: null };
  if (units.length < 2) return { ...none, reason: 'needs at least two units with two or more ratings' };
  const centredSquares = (values: readonly number[]) => {
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    return values.reduce((s, v) => s + (v - mean) ** 2, 0);
  };
  let observed = 0;
  for (const u of units) observed += (2 * u.length * centredSquares(u)) / (u.length - 1);
  observed /= n;
  const expected = (2 * centredSquares(units.flat())) / (n - 1);
  if (!(expected > 0))
    return {
      ...none,
      observedDisagreement: observed,
      expectedDisagreement: expected,
      reason: 'the ratings do not vary, so agreement is undefined',
    };
  return {
    alpha: 1 - observed / expected,
    units: units.length,
    values: n,
    observedDisagreement: observed,
    expectedDisagreement: expected,
    reason: null,
  };
}
