// Sample-size planning for the paired Wilcoxon signed-rank test, by simulation (no closed form is
// exact for the signed-rank test at small n). Per simulated study: n scenarios, each a paired
// difference d = δ + σ_d·Z with σ_d² = σ_a² + σ_b² − 2ρσ_aσ_b (scenario means of the two arms with
// SDs σ_a, σ_b and correlation ρ over scenarios); the study "detects" the difference when the
// two-sided test, run exactly as the evaluation runs it (wilcoxon.ts), gives p ≤ α/m with the right
// sign. m is the size of the run's Holm family: at Holm's first step the smallest p must clear
// α/m, so planning at α/m is what one real difference among m tests needs (conservative when
// several differences are real). Seeded (mulberry32 + Box–Muller): the same inputs give the same answer.
import { mulberry32 } from '../../util/random';
import { wilcoxonOnDifferences } from './wilcoxon';

export interface PlanAssumptions {
  /** The difference to detect, on the criterion's scale (a − b). */
  difference: number;
  /** SD of the arms' scenario means. */
  sdA: number;
  sdB: number;
  /** Correlation of the two arms' scenario means over scenarios (same scenarios, so usually positive). */
  correlation: number;
  /** Tests in the Holm family (1 = no correction). */
  familySize: number;
  alpha?: number;
}

export interface PlanOptions {
  /** Power to reach; 0.8 by default. */
  power?: number;
  /** Simulated studies per n; 2,000 by default. */
  simulations?: number;
  seed?: number;
  /** Largest n searched; 1,000 by default. */
  maxN?: number;
}

export interface PowerPoint {
  n: number;
  power: number;
}

export interface Plan {
  /** Smallest n with simulated power ≥ the target, or null when even maxN falls short. */
  n: number | null;
  power: number | null;
  target: number;
  /** α/m, the level each test is planned at. */
  alphaPerTest: number;
  sdDifference: number;
  /** The powers simulated on the way, by n. */
  curve: PowerPoint[];
  simulations: number;
  seed: number;
}

export function sdOfDifference(sdA: number, sdB: number, correlation: number): number {
  return Math.sqrt(Math.max(0, sdA * sdA + sdB * sdB - 2 * correlation * sdA * sdB));
}

function check(a: PlanAssumptions): void {
  if (!(a.sdA >= 0 && a.sdB >= 0)) throw new RangeError('standard deviations must be zero or more');
  if (!(a.correlation >= -1 && a.correlation <= 1)) throw new RangeError('the correlation must lie in [−1, 1]');
  if (!(Number.isInteger(a.familySize) && a.familySize >= 1)) throw new RangeError('the Holm family needs at least one test');
}

/** Simulated power of n scenarios (seeded per n, so a power curve is repeatable point by point). */
export function simulatePower(a: PlanAssumptions, n: number, simulations = 2000, seed = 1): number {
  check(a);
  const alphaPerTest = (a.alpha ?? 0.05) / a.familySize;
  const sd = sdOfDifference(a.sdA, a.sdB, a.correlation);
  const random = mulberry32((seed * 1_000_003 + n) >>> 0);
  const normal = (): number => {
    // Box–Muller; 1 − u keeps the logarithm finite.
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const d = new Array<number>(n);
  let detected = 0;
  for (let s = 0; s < simulations; s++) {
    for (let i = 0; i < n; i++) d[i] = a.difference + sd * normal();
    const test = wilcoxonOnDifferences(d);
    if (test.p !== null && test.p <= alphaPerTest && test.rankBiserial !== null && Math.sign(test.rankBiserial) === Math.sign(a.difference))
      detected++;
  }
  return detected / simulations;
}

/**
 * The smallest number of scenarios whose simulated power reaches the target: doubling from 4 until
 * it does, then bisection (power rises with n; simulation noise of about ±0.01 at 2,000 studies
 * can move the answer by a scenario or two, which the curve shows).
 */
export function planSampleSize(a: PlanAssumptions, options: PlanOptions = {}): Plan {
  check(a);
  const target = options.power ?? 0.8;
  const simulations = options.simulations ?? 2000;
  const seed = options.seed ?? 1;
  const maxN = options.maxN ?? 1000;
  const curve = new Map<number, number>();
  const power = (n: number) => {
    if (!curve.has(n)) curve.set(n, simulatePower(a, n, simulations, seed));
    return curve.get(n)!;
  };
  const done = (n: number | null): Plan => ({
    n,
    power: n === null ? null : power(n),
    target,
    alphaPerTest: (a.alpha ?? 0.05) / a.familySize,
    sdDifference: sdOfDifference(a.sdA, a.sdB, a.correlation),
    curve: [...curve.entries()].sort(([x], [y]) => x - y).map(([n, p]) => ({ n, power: p })),
    simulations,
    seed,
  });
  if (a.difference === 0) return done(null);
  let low = 2;
  let high = 4;
  while (power(high) < target) {
    if (high >= maxN) return done(null);
    low = high;
    high = Math.min(maxN, high * 2);
  }
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (power(mid) >= target) high = mid;
    else low = mid;
  }
  return done(high);
}
