// The judge's reliability with percentile bootstrap intervals. The unit resampled is the judged
// unit (a conversation, with all its repeats), because repeats of one conversation are not
// independent: resampling single judgments would make the judge look steadier than it is.
// Resample b draws n row indices ⌊u·n⌋ from mulberry32(seed), in order; the interval is the R
// type-7 quantiles of the statistic over resamples where it is defined (a resample without
// variance has none). Reported form: ICC(2,1), two-way random effects, absolute agreement, single
// rater (Shrout & Fleiss 1979; McGraw & Wong 1996 "ICC(A,1)"), and Krippendorff's interval alpha.
import { mulberry32 } from '../../util/random';
import { icc, krippendorffAlphaInterval, type RatingMatrix } from './reliability';

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

export function reliabilityWithIntervals(matrix: RatingMatrix, options: { resamples?: number; seed?: number; level?: number } = {}): ReliabilityEstimate {
  const resamples = options.resamples ?? DEFAULT_RELIABILITY_RESAMPLES;
  const level = options.level ?? 0.95;
  const point = icc(matrix);
  const a = krippendorffAlphaInterval(matrix);
  const n = matrix.length;
  const iccs: number[] = [];
  const alphas: number[] = [];
  if (n >= 2 && (point.icc2 !== null || a.alpha !== null)) {
    const random = mulberry32(options.seed ?? 1);
    const sample: RatingMatrix[number][] = new Array(n);
    for (let b = 0; b < resamples; b++) {
      for (let i = 0; i < n; i++) sample[i] = matrix[Math.floor(random() * n)]!;
      if (point.icc2 !== null) {
        const v = icc(sample).icc2;
        if (v !== null) iccs.push(v);
      }
      if (a.alpha !== null) {
        const v = krippendorffAlphaInterval(sample).alpha;
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
