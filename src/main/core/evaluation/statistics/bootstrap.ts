// Percentile bootstrap confidence intervals of a mean (Efron & Tibshirani 1993, An Introduction to
// the Bootstrap, ch. 13). Seeded (mulberry32), so anyone holding the seed gets the same interval.
//
// Speed: the evaluation summary needs 78 intervals × 10,000 resamples × ~150 values in under a
// second, and drawing a random number costs far more than adding a value. So several samples can
// share one set of draws (`bootstrapMeanCIs`): resample b draws a row of `width` uniforms, and a
// sample of n ≤ width values takes the indices ⌊u·n⌋ from the first n of them, which are
// independent and uniform on 0…n−1 for every n. Each interval is still an ordinary percentile
// bootstrap; intervals sharing the draws are merely correlated (common random numbers). The row is
// reused while it sits in cache, and nothing is allocated per resample.
import { mean, quickselect } from 'simple-statistics';
import { mulberry32 } from '../../util/random';

export interface BootstrapOptions {
  /** Number of resamples; 10,000 by default. */
  resamples?: number;
  /** Confidence level; 0.95 by default. */
  level?: number;
  /** 32-bit seed of the resampling; 1 by default. */
  seed?: number;
}

export interface BootstrapInterval {
  /** The statistic on the original sample: the mean, or the mean difference a − b. */
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  resamples: number;
}

export const DEFAULT_RESAMPLES = 10_000;
export const DEFAULT_LEVEL = 0.95;

/**
 * Percentile bootstrap interval of the mean: resample n values with replacement and take the mean,
 * B times; the interval runs between the (1 − level)/2 and (1 + level)/2 quantiles of those B
 * means (linear interpolation, R type 7). Null when n < 2: one value says nothing about spread.
 */
export function bootstrapMeanCI(values: readonly number[], options: BootstrapOptions = {}): BootstrapInterval | null {
  return bootstrapMeanCIs([values], options)[0]!;
}

/**
 * The intervals of several samples from one set of draws (see the top of this file). With `width`
 * (at least the longest sample; the longest by default) fixed by the caller, a sample's interval
 * depends only on its values, the seed and the width: `bootstrapMeanCIs([x, y], { width: x.length })[0]`
 * equals `bootstrapMeanCI(x)` with the same seed.
 */
export function bootstrapMeanCIs(
  samples: readonly (readonly number[])[],
  options: BootstrapOptions & { width?: number } = {},
): (BootstrapInterval | null)[] {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const level = options.level ?? DEFAULT_LEVEL;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie in (0, 1), got ${level}`);
  const longest = Math.max(0, ...samples.map((s) => s.length));
  const width = options.width ?? longest;
  if (width < longest) throw new RangeError(`width ${width} is shorter than a sample of ${longest} values`);
  const data = samples.map((values) => {
    if (values.some((v) => !Number.isFinite(v))) throw new RangeError('the bootstrap takes real values only');
    return Float64Array.from(values);
  });
  const live = data.map((_, s) => s).filter((s) => data[s]!.length >= 2);
  const means = live.map(() => new Float64Array(resamples));
  // Samples of the same size share their indices, computed once per resample.
  const sizes = [...new Set(live.map((s) => data[s]!.length))];
  const indexRows = sizes.map((n) => new Int32Array(n));
  const rowOf = live.map((s) => indexRows[sizes.indexOf(data[s]!.length)]!);
  if (live.length > 0) {
    const random = mulberry32(options.seed ?? 1);
    const row = new Float64Array(width);
    for (let b = 0; b < resamples; b++) {
      for (let i = 0; i < width; i++) row[i] = random();
      for (let g = 0; g < sizes.length; g++) {
        const n = sizes[g]!;
        const indices = indexRows[g]!;
        // u·n < n < 2^31, so `| 0` is the floor.
        for (let i = 0; i < n; i++) indices[i] = (row[i]! * n) | 0;
      }
      for (let k = 0; k < live.length; k++) {
        const values = data[live[k]!]!;
        const indices = rowOf[k]!;
        const n = values.length;
        let sum = 0;
        for (let i = 0; i < n; i++) sum += values[indices[i]!]!;
        means[k]![b] = sum / n;
      }
    }
  }
  const alpha = 1 - level;
  const out: (BootstrapInterval | null)[] = samples.map(() => null);
  live.forEach((s, k) => {
    const [lower, upper] = quantilesInPlace(means[k]!, alpha / 2, 1 - alpha / 2);
    out[s] = { estimate: mean(samples[s] as number[]), lower, upper, level, resamples };
  });
  return out;
}

/**
 * Paired bootstrap interval of the mean difference a − b: the pairs (a[i], b[i]) are resampled
 * together, which is resampling the differences, so the pairing (same scenario, same seed) is kept.
 */
export function pairedBootstrap(a: readonly number[], b: readonly number[], options: BootstrapOptions = {}): BootstrapInterval | null {
  if (a.length !== b.length) throw new RangeError(`paired samples differ in length (${a.length} and ${b.length})`);
  return bootstrapMeanCI(
    a.map((x, i) => x - b[i]!),
    options,
  );
}

/**
 * Two quantiles p < q by linear interpolation between order statistics (R type 7, the definition of
 * simple-statistics' quantileSorted: h = (B − 1)·p, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)), found by
 * selection rather than a full sort, which was a tenth of the summary's time. Reorders `x`.
 */
function quantilesInPlace(x: Float64Array, p: number, q: number): [number, number] {
  // quickselect is typed for number[]; it only reads, writes and swaps by index, so a typed array serves.
  const xs = x as unknown as number[];
  const last = x.length - 1;
  const at = (h: number, from: number): number => {
    const k = Math.floor(h);
    quickselect(xs, k, from, last);
    if (k === last) return x[k]!;
    // After selection everything right of k is ≥ x[k]; the next order statistic is their minimum.
    let next = Number.POSITIVE_INFINITY;
    for (let i = k + 1; i <= last; i++) if (x[i]! < next) next = x[i]!;
    return x[k]! + (h - k) * (next - x[k]!);
  };
  const hp = last * p;
  const low = at(hp, 0);
  // Selecting the upper one only among positions right of the lower one's keeps the first intact.
  const high = at(last * q, Math.floor(hp) + 1 <= Math.floor(last * q) ? Math.floor(hp) + 1 : 0);
  return [low, high];
}
