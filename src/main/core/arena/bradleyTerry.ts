import { mulberry32 } from '../util/random';

/** One comparison: the score of `a` against `b` is 1 (a won), 0 (b won) or 0.5 (a tie). */
export interface Battle {
  a: string;
  b: string;
  scoreA: 0 | 0.5 | 1;
}

const ITERATIONS = 200;
const TOLERANCE = 1e-9;
/** A tiny pseudo-count of one tie against an average opponent keeps a model that never lost (or never won) finite. */
const PRIOR = 0.5;

/**
 * Bradley–Terry strengths by Hunter's (2004) MM algorithm: p_i ← W_i / Σ_j n_ij / (p_i + p_j), with
 * ties as half a win to each side. Returned on an Elo-like scale: 1000 + 400·log10(p_i / geometric mean),
 * so a 400-point gap means 10:1 odds, as in chess.
 */
export function bradleyTerry(models: string[], battles: readonly Battle[]): Map<string, number> {
  const index = new Map(models.map((m, i) => [m, i]));
  const k = models.length;
  const wins = new Float64Array(k).fill(PRIOR);
  const games = Array.from({ length: k }, () => new Float64Array(k));
  for (const b of battles) {
    const i = index.get(b.a);
    const j = index.get(b.b);
    if (i === undefined || j === undefined || i === j) continue;
    wins[i]! += b.scoreA;
    wins[j]! += 1 - b.scoreA;
    games[i]![j]! += 1;
    games[j]![i]! += 1;
  }
  // The prior is one game against every other model, so the comparison graph is connected.
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (i !== j) games[i]![j]! += (2 * PRIOR) / Math.max(1, k - 1);
  let p = new Float64Array(k).fill(1);
  for (let it = 0; it < ITERATIONS; it++) {
    const next = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      let denominator = 0;
      for (let j = 0; j < k; j++) if (i !== j && games[i]![j]! > 0) denominator += games[i]![j]! / (p[i]! + p[j]!);
      next[i] = denominator > 0 ? wins[i]! / denominator : p[i]!;
    }
    // Strengths are defined up to a factor: fix the geometric mean at 1.
    const logMean = next.reduce((s, v) => s + Math.log(v), 0) / k;
    let change = 0;
    for (let i = 0; i < k; i++) {
      const v = next[i]! / Math.exp(logMean);
      change = Math.max(change, Math.abs(v - p[i]!));
      next[i] = v;
    }
    p = next;
    if (change < TOLERANCE) break;
  }
  return new Map(models.map((m, i) => [m, 1000 + 400 * Math.log10(p[i]!)]));
}

/**
 * Percentile bootstrap intervals of the ratings: the votes are resampled with replacement and the
 * model refitted, seeded so the same votes always give the same intervals.
 */
export function ratingIntervals(
  models: string[],
  battles: readonly Battle[],
  resamples: number,
  seed: number,
  level = 0.95,
): Map<string, { low: number; high: number }> {
  const random = mulberry32(seed);
  const draws = new Map(models.map((m) => [m, [] as number[]]));
  for (let r = 0; r < resamples; r++) {
    const sample = Array.from({ length: battles.length }, () => battles[Math.floor(random() * battles.length)]!);
    for (const [m, rating] of bradleyTerry(models, sample)) draws.get(m)!.push(rating);
  }
  const tail = (1 - level) / 2;
  return new Map(
    models.map((m) => {
      const sorted = draws.get(m)!.sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))]!;
      return [m, { low: at(tail), high: at(1 - tail) }];
    }),
  );
}
