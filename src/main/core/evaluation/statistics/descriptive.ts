// Descriptive statistics of one set of scores. Missing scores are never zeros: callers pass only
// real scores (`presentValues` separates them and counts the rest).
import { interquartileRange, max, mean, median, min, quantileSorted, sampleStandardDeviation } from 'simple-statistics';

export interface Description {
  n: number;
  mean: number | null;
  median: number | null;
  /** Sample standard deviation (n − 1 in the denominator); null when n < 2. */
  sd: number | null;
  /** Quartiles by linear interpolation (R type 7, numpy's default), as simple-statistics computes them. */
  q1: number | null;
  q3: number | null;
  iqr: number | null;
  min: number | null;
  max: number | null;
}

/** Splits a list of possibly missing scores into the real ones and a count of the missing ones (null, undefined, NaN, ±Infinity). */
export function presentValues(values: readonly (number | null | undefined)[]): { values: number[]; missing: number } {
  const present: number[] = [];
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) present.push(v);
  return { values: present, missing: values.length - present.length };
}

export function describe(values: readonly number[]): Description {
  const n = values.length;
  if (n === 0) return { n, mean: null, median: null, sd: null, q1: null, q3: null, iqr: null, min: null, max: null };
  if (values.some((v) => !Number.isFinite(v)))
    throw new RangeError('describe() takes real scores only; drop missing ones with presentValues() first');
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n,
    mean: mean(sorted),
    median: median(sorted),
    sd: n >= 2 ? sampleStandardDeviation(sorted) : null,
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
    iqr: interquartileRange(sorted),
    min: min(sorted),
    max: max(sorted),
  };
}
