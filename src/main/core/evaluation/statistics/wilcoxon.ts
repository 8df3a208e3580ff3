// Wilcoxon signed-rank test for paired samples (Wilcoxon 1945), two-sided, with the matched-pairs
// rank-biserial correlation as effect size (Kerby 2014, "The simple difference formula",
// Comprehensive Psychology 3:11.IT.3.1).
//
// - Zero differences are dropped before ranking (Wilcoxon's own method; scipy's default
//   zero_method='wilcox').
// - |differences| that tie get their average rank.
// - n ≤ 50 non-zero pairs: exact p-value from the permutation distribution of the signs given the
//   ranks (all 2^n sign patterns are equally likely under H0), counted by dynamic programming over
//   doubled ranks so average ranks stay integers. Without ties this is the classic exact
//   distribution (scipy method='exact'); with ties it is the exact conditional distribution, what
//   scipy's permutation test computes for n ≤ 13. scipy switches to the normal approximation for
//   ties or zeros at larger n; an exact count is cheap here and never worse.
// - n > 50: normal approximation with the tie correction of the variance and a continuity
//   correction (scipy method='asymptotic', correction=True).
// Differences that agree to 1e-9 of the largest |difference| count as tied (and as zero near 0), so
// floating residue from averaging repeated judgments neither breaks ties nor invents differences.

export const EXACT_MAX_N = 50;

export interface WilcoxonResult {
  /** Pairs given. */
  pairs: number;
  /** Pairs with a zero difference, dropped before ranking. */
  zeros: number;
  /** Pairs used: those with a non-zero difference. */
  n: number;
  /** Sum of the ranks of positive differences (a > b). */
  wPlus: number;
  /** Sum of the ranks of negative differences (a < b). */
  wMinus: number;
  /** min(W+, W−), the two-sided statistic scipy reports. */
  statistic: number;
  /** Standardised W+ (positive when a tends to exceed b), continuity-corrected; null when the p-value is exact. */
  z: number | null;
  /** Two-sided p-value; null when there are no pairs. */
  p: number | null;
  method: 'exact' | 'normal' | null;
  /** Whether some non-zero |differences| tie. */
  ties: boolean;
  /** Matched-pairs rank-biserial correlation (W+ − W−) / (W+ + W−), in [−1, 1]; null when n = 0. */
  rankBiserial: number | null;
  /** Why p or the effect size is missing, or what is special about the result. */
  note: string | null;
}

/** Paired test of a against b (differences a[i] − b[i]). */
export function wilcoxon(a: readonly number[], b: readonly number[]): WilcoxonResult {
  if (a.length !== b.length) throw new RangeError(`paired samples differ in length (${a.length} and ${b.length})`);
  return wilcoxonOnDifferences(a.map((x, i) => x - b[i]!));
}

export function wilcoxonOnDifferences(differences: readonly number[]): WilcoxonResult {
  const pairs = differences.length;
  if (differences.some((d) => !Number.isFinite(d))) throw new RangeError('wilcoxon() takes real values only');
  const empty = { pairs, n: 0, wPlus: 0, wMinus: 0, statistic: 0, z: null, ties: false, rankBiserial: null };
  if (pairs === 0) return { ...empty, zeros: 0, p: null, method: null, note: 'no pairs to compare' };

  const largest = Math.max(...differences.map(Math.abs));
  const tolerance = largest * 1e-9;
  const nonZero = differences.filter((d) => Math.abs(d) > tolerance);
  const n = nonZero.length;
  const zeros = pairs - n;
  // With every difference zero, W+ = W− = 0 is the only outcome under H0: p = 1.
  if (n === 0) return { ...empty, zeros, p: 1, method: 'exact', note: 'every difference is zero' };

  const order = nonZero.map((_, i) => i).sort((i, j) => Math.abs(nonZero[i]!) - Math.abs(nonZero[j]!));
  // Ranks are doubled (2·rank) so that average ranks of ties, multiples of 0.5, stay integers.
  const doubledRank = new Array<number>(n);
  let tieTerm = 0;
  let ties = false;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && Math.abs(nonZero[order[end]!]!) - Math.abs(nonZero[order[start]!]!) <= tolerance) end++;
    const t = end - start;
    if (t > 1) {
      ties = true;
      tieTerm += t * t * t - t;
    }
    // Ranks start+1 … end average to (start + 1 + end) / 2; doubled, start + 1 + end.
    for (let k = start; k < end; k++) doubledRank[order[k]!] = start + 1 + end;
    start = end;
  }
  let doubledPlus = 0;
  for (let i = 0; i < n; i++) if (nonZero[i]! > 0) doubledPlus += doubledRank[i]!;
  const wPlus = doubledPlus / 2;
  const wMinus = (n * (n + 1)) / 2 - wPlus;
  const base = {
    pairs,
    zeros,
    n,
    wPlus,
    wMinus,
    statistic: Math.min(wPlus, wMinus),
    ties,
    rankBiserial: (wPlus - wMinus) / (wPlus + wMinus),
  };
  const note = zeros > 0 ? `${zeros} zero difference${zeros === 1 ? '' : 's'} dropped` : null;

  if (n <= EXACT_MAX_N) {
    return { ...base, z: null, p: exactTwoSidedP(doubledRank, doubledPlus), method: 'exact', note };
  }
  const expected = (n * (n + 1)) / 4;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48);
  const deviation = wPlus - expected;
  // Continuity correction: move W+ half a unit towards its mean, never past it.
  const corrected = Math.sign(deviation) * Math.max(0, Math.abs(deviation) - 0.5);
  const z = corrected / sd;
  return { ...base, z, p: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)), method: 'normal', note };
}

/**
 * 2·min(P(T ≤ t), P(T ≥ t)), capped at 1, where T is the sum of the (doubled) ranks given a plus
 * sign when each sign is + or − with probability 1/2. Counts fit a double exactly up to n = 50 (2^50 < 2^53).
 */
function exactTwoSidedP(doubledRanks: readonly number[], observed: number): number {
  const total = doubledRanks.reduce((s, r) => s + r, 0);
  const counts = new Float64Array(total + 1);
  counts[0] = 1;
  let reach = 0;
  for (const r of doubledRanks) {
    reach += r;
    for (let s = reach; s >= r; s--) counts[s]! += counts[s - r]!;
  }
  let atMost = 0;
  let atLeast = 0;
  for (let s = 0; s <= total; s++) {
    if (s <= observed) atMost += counts[s]!;
    if (s >= observed) atLeast += counts[s]!;
  }
  const patterns = 2 ** doubledRanks.length;
  return Math.min(1, (2 * Math.min(atMost, atLeast)) / patterns);
}

/**
 * Complementary error function, computed directly so small tail probabilities keep their relative
 * precision (1 − erf(x) would round them to 0). Chebyshev fit from Numerical Recipes in C, 2nd ed.
 * (Press et al. 1992), §6.2 `erfcc`: fractional error below 1.2e-7 everywhere. It is the same fit
 * behind simple-statistics' errorFunction, which offers erf only.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const ans =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? ans : 2 - ans;
}
