import { mean, sampleRankCorrelation } from 'simple-statistics';
import { normalisedScore, type Rubric } from './rubric';

/** One session rated on the same rubric by a person and by the judge; null = not rated. */
export interface DoublyRated {
  sessionId: string;
  human: Readonly<Record<string, number | null | undefined>>;
  judge: Readonly<Record<string, number | null | undefined>>;
}

export interface AgreementStats {
  /** Sessions where both gave a score. */
  n: number;
  /** Spearman's rho: Pearson's r on average ranks, so ties are handled. */
  spearman: number | null;
  /** Kendall's tau-b: tie-corrected. */
  kendallTauB: number | null;
  /** Mean |human − judge|, in scale points (per criterion) or on the 0–1 scale (overall). Null when n = 0. */
  meanAbsDiff: number | null;
  /** Why the correlations are null, in words; null when they are computed. */
  note: string | null;
}

export interface AgreementReport {
  criteria: (AgreementStats & { criterion: string })[];
  /**
   * One pair per session: the mean normalised (0–1) score over the criteria both rated it on. One
   * pair per session keeps the pairs independent, which pooling every (session, criterion) would not.
   */
  overall: AgreementStats;
}

export function agreement(rubric: Rubric, sessions: readonly DoublyRated[]): AgreementReport {
  const criteria = rubric.criteria.map((c) => {
    const h: number[] = [];
    const j: number[] = [];
    for (const s of sessions) {
      const hs = s.human[c.id];
      const js = s.judge[c.id];
      if (typeof hs === 'number' && typeof js === 'number') {
        h.push(hs);
        j.push(js);
      }
    }
    return { criterion: c.id, ...agreementStats(h, j) };
  });

  const h: number[] = [];
  const j: number[] = [];
  for (const s of sessions) {
    const hn: number[] = [];
    const jn: number[] = [];
    for (const c of rubric.criteria) {
      const hs = s.human[c.id];
      const js = s.judge[c.id];
      if (typeof hs === 'number' && typeof js === 'number') {
        hn.push(normalisedScore(c, hs));
        jn.push(normalisedScore(c, js));
      }
    }
    if (hn.length) {
      h.push(mean(hn));
      j.push(mean(jn));
    }
  }
  return { criteria, overall: agreementStats(h, j) };
}

/** Agreement between paired human and judge scores (same length, same order). */
export function agreementStats(human: readonly number[], judge: readonly number[]): AgreementStats {
  if (human.length !== judge.length) throw new Error(`Paired scores differ in length (${human.length} human, ${judge.length} judge).`);
  const n = human.length;
  const meanAbsDiff = n ? mean(human.map((h, i) => Math.abs(h - judge[i]!))) : null;
  const note =
    n < 3
      ? `Only ${n} session${n === 1 ? '' : 's'} rated by both; a rank correlation needs at least 3.`
      : isConstant(human)
        ? `The human gave every session the same score (${human[0]}), so there is no ranking to compare.`
        : isConstant(judge)
          ? `The judge gave every session the same score (${judge[0]}), so there is no ranking to compare.`
          : null;
  if (note) return { n, spearman: null, kendallTauB: null, meanAbsDiff, note };
  return { n, spearman: spearmanRho(human, judge), kendallTauB: kendallTauB(human, judge), meanAbsDiff, note: null };
}

/** Spearman's rho with ties (average ranks); null when undefined (n < 2 or a constant series). */
export function spearmanRho(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length) throw new Error('spearmanRho needs series of equal length.');
  if (x.length < 2 || isConstant(x) || isConstant(y)) return null;
  return clamp(sampleRankCorrelation([...x], [...y]));
}

/**
 * Kendall's tau-b = (C − D) / √((n₀ − n₁)(n₀ − n₂)), where n₀ = n(n−1)/2 pairs, n₁ and n₂ the pairs
 * tied in x and in y (a pair tied in both counts in each). No well-kept npm package offers the
 * tie-corrected form, so it is counted here over all pairs: O(n²), which is fine for the hundreds of
 * sessions a person can rate (10 000 sessions take about 50 M comparisons).
 */
export function kendallTauB(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length) throw new Error('kendallTauB needs series of equal length.');
  const n = x.length;
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  for (let i = 0; i < n; i++) {
    for (let k = i + 1; k < n; k++) {
      const dx = Math.sign(x[i]! - x[k]!);
      const dy = Math.sign(y[i]! - y[k]!);
      if (dx === 0) tiedX++;
      if (dy === 0) tiedY++;
      if (dx !== 0 && dy !== 0) {
        if (dx === dy) concordant++;
        else discordant++;
      }
    }
  }
  const pairs = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((pairs - tiedX) * (pairs - tiedY));
  return denominator > 0 ? clamp((concordant - discordant) / denominator) : null;
}

function isConstant(v: readonly number[]): boolean {
  return v.every((x) => x === v[0]);
}

// Floating-point rounding can land a perfect correlation at 1.0000000000000002.
function clamp(r: number): number {
  return Math.max(-1, Math.min(1, r));
}
