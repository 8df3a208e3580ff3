// The judge's reliability with percentile bootstrap intervals. The unit resampled is the judged
// unit (a conversation, with all its repeats), because repeats of one conversation are not
// independent: resampling single judgments would make the judge look steadier than it is.
// Resample b draws n row indices ⌊u·n⌋ from mulberry32(seed), in order; the interval is the R
// type-7 quantiles of the statistic over resamples where it is defined (a resample without
// variance has none). Reported form: ICC(2,1), two-way random effects, absolute agreement, single
// rater (Shrout & Fleiss 1979; McGraw & Wong 1996 "ICC(A,1)"), and Krippendorff's interval alpha.
import { mulberry32 } from '../../util/random';
import { icc, krippendorffAlphaInterval, NO_VARIANCE, type RatingMatrix } from './reliability';

export const ICC_FORM = 'ICC(2,1): two-way random effects, absolute agreement, single rater';
export const DEFAULT_RELIABILITY_RESAMPLES = 2000;

export interface ReliabilityEstimate {
  /** Conversations with at least two usable repeats. */
  units: number;
  icc: number | null;
  iccCi: { low: number; high: number } | null;
  alpha: number | null;
  alphaCi: { low: number; high: number } | null;
  /** Why a value is missing, if one is. */
  note: string | null;
}

/** Linear-interpolation quantile (R type 7) of sorted values. */
function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const k = Math.floor(h);
  return k + 1 < sorted.length ? sorted[k]! + (h - k) * (sorted[k + 1]! - sorted[k]!) : sorted[k]!;
}

export function percentileInterval(values: number[], level: number): { low: number; high: number } | null {
  if (values.length < 2) return null;
  values.sort((a, b) => a - b);
  return { low: quantile(values, (1 - level) / 2), high: quantile(values, (1 + level) / 2) };
}

/**
 * Per-row sums, so a resample costs O(rows × raters) arithmetic and no allocation: ICC(2,1) from the
 * two-way ANOVA sums of squares and alpha from each unit's count, sum and sum of squares (the same
 * formulas as reliability.ts, which the point estimates still use).
 */
interface RowStats {
  length: number;
  complete: boolean;
  values: Float64Array;
  /** Over the row's present values (alpha). */
  count: number;
  sum: number;
  squares: number;
}

function rowStats(row: RatingMatrix[number]): RowStats {
  const present = row.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return {
    length: row.length,
    complete: present.length === row.length,
    values: Float64Array.from(row.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : 0))),
    count: present.length,
    sum: present.reduce((a, b) => a + b, 0),
    squares: present.reduce((a, b) => a + b * b, 0),
  };
}

function resampledIcc(rows: readonly RowStats[], drawn: Int32Array, columns: Float64Array): number | null {
  let k = 0;
  for (let i = 0; i < drawn.length; i++) k = Math.max(k, rows[drawn[i]!]!.length);
  if (k < 2) return null;
  columns.fill(0, 0, k);
  let n = 0;
  let total = 0;
  let squares = 0;
  let rowSquares = 0;
  for (let i = 0; i < drawn.length; i++) {
    const r = rows[drawn[i]!]!;
    if (r.length !== k || !r.complete) continue;
    n++;
    let rowSum = 0;
    for (let j = 0; j < k; j++) {
      const v = r.values[j]!;
      rowSum += v;
      squares += v * v;
      columns[j]! += v;
    }
    total += rowSum;
    rowSquares += rowSum * rowSum;
  }
  if (n < 2) return null;
  const correction = (total * total) / (n * k);
  const ssRows = rowSquares / k - correction;
  let columnSquares = 0;
  for (let j = 0; j < k; j++) columnSquares += columns[j]! * columns[j]!;
  const ssColumns = columnSquares / n - correction;
  const ssTotal = squares - correction;
  const grand = total / (n * k);
  if (!(ssTotal > NO_VARIANCE * Math.max(1, grand * grand) * n * k)) return null;
  const bms = ssRows / (n - 1);
  const jms = ssColumns / (k - 1);
  const ems = Math.max(0, ssTotal - ssRows - ssColumns) / ((n - 1) * (k - 1));
  const denominator = bms + (k - 1) * ems + (k * (jms - ems)) / n;
  return denominator > 0 ? (bms - ems) / denominator : null;
}

function resampledAlpha(rows: readonly RowStats[], drawn: Int32Array): number | null {
  let units = 0;
  let n = 0;
  let sum = 0;
  let squares = 0;
  let observed = 0;
  for (let i = 0; i < drawn.length; i++) {
    const r = rows[drawn[i]!]!;
    if (r.count < 2) continue;
    units++;
    n += r.count;
    sum += r.sum;
    squares += r.squares;
    const centred = Math.max(0, r.squares - (r.sum * r.sum) / r.count);
    observed += (2 * r.count * centred) / (r.count - 1);
  }
  if (units < 2) return null;
  const spread = squares - (sum * sum) / n;
  if (!(spread > NO_VARIANCE * Math.max(1, (sum / n) ** 2) * n)) return null;
  const expected = (2 * spread) / (n - 1);
  return 1 - observed / n / expected;
}

export function reliabilityWithIntervals(
  matrix: RatingMatrix,
  options: { resamples?: number; seed?: number; level?: number } = {},
): ReliabilityEstimate {
  const resamples = options.resamples ?? DEFAULT_RELIABILITY_RESAMPLES;
  const level = options.level ?? 0.95;
  const point = icc(matrix);
  const a = krippendorffAlphaInterval(matrix);
  const n = matrix.length;
  const iccs: number[] = [];
  const alphas: number[] = [];
  if (n >= 2 && (point.icc2 !== null || a.alpha !== null)) {
    const rows = matrix.map(rowStats);
    const random = mulberry32(options.seed ?? 1);
    const drawn = new Int32Array(n);
    const columns = new Float64Array(Math.max(0, ...rows.map((r) => r.length)));
    for (let b = 0; b < resamples; b++) {
      for (let i = 0; i < n; i++) drawn[i] = Math.floor(random() * n);
      if (point.icc2 !== null) {
        const v = resampledIcc(rows, drawn, columns);
        if (v !== null) iccs.push(v);
      }
      if (a.alpha !== null) {
        const v = resampledAlpha(rows, drawn);
        if (v !== null) alphas.push(v);
      }
    }
  }
  return {
    units: a.units,
    icc: point.icc2,
    iccCi: point.icc2 === null ? null : percentileInterval(iccs, level),
    alpha: a.alpha,
    alphaCi: a.alpha === null ? null : percentileInterval(alphas, level),
    note: point.icc2 === null ? point.reason : a.reason,
  };
}
