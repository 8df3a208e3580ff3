// Judge calibration (what Kiln calls aligning the judge): with people's ratings on a sample, how well
// does each candidate judge (model × judge prompt × rubric version) agree with them, on the same
// sessions? Per judge: Spearman's rho and Kendall's tau-b with percentile bootstrap intervals, and
// the mean absolute difference. The unit is the session: one pair per session (the person's and the
// judge's mean normalised score over the criteria both gave, a judge's repeats averaged first), and
// resampling draws sessions. Resample b draws n indices ⌊u·n⌋ from mulberry32(seed), in order; the
// interval is the R type-7 quantiles of the statistic over resamples where it is defined (the same
// documented draws as the reliability intervals, so offline references can reproduce them exactly).
import { mean } from 'simple-statistics';
import { percentileInterval } from '../evaluation/statistics/reliabilityInterval';
import { mulberry32 } from '../util/random';
import { agreementStats, kendallTauB, spearmanRho } from './agreement';
import type { StoredJudgment } from './judgmentsRepo';
import { normalisedScore, type Rubric } from './rubric';

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

export interface JudgeAgreement {
  /** Sessions rated by both the people and this judge. */
  n: number;
  spearman: Interval | null;
  kendall: Interval | null;
  /** Mean |person − judge| on the 0–1 scale; null when n = 0. */
  meanAbsDiff: number | null;
  /** Why a correlation is missing, in words. */
  note: string | null;
}

const CALIBRATION_RESAMPLES = 2000;

/** Agreement of one judge with people over paired session scores, with bootstrap intervals. */
export function judgeAgreement(
  human: readonly number[],
  judge: readonly number[],
  options: { resamples?: number; seed?: number; level?: number } = {},
): JudgeAgreement {
  const point = agreementStats(human, judge);
  if (point.spearman === null || point.kendallTauB === null)
    return { n: point.n, spearman: null, kendall: null, meanAbsDiff: point.meanAbsDiff, note: point.note };
  const n = human.length;
  const random = mulberry32(options.seed ?? 1);
  const rhos: number[] = [];
  const taus: number[] = [];
  const h = new Array<number>(n);
  const j = new Array<number>(n);
  for (let b = 0; b < (options.resamples ?? CALIBRATION_RESAMPLES); b++) {
    for (let i = 0; i < n; i++) {
      const k = Math.floor(random() * n);
      h[i] = human[k]!;
      j[i] = judge[k]!;
    }
    const rho = spearmanRho(h, j);
    const tau = rho === null ? null : kendallTauB(h, j);
    if (rho !== null) rhos.push(rho);
    if (tau !== null) taus.push(tau);
  }
  const level = options.level ?? 0.95;
  const ci = (estimate: number, values: number[]) => {
    const interval = percentileInterval(values, level);
    return interval ? { estimate, low: interval.low, high: interval.high } : null;
  };
  return { n, spearman: ci(point.spearman, rhos), kendall: ci(point.kendallTauB, taus), meanAbsDiff: point.meanAbsDiff, note: null };
}

export const CALIBRATION_METHOD =
  "One pair per session: the person's and the judge's mean score over the criteria both gave, each on 0–1 (a judge's repeats averaged first). Spearman's rho and Kendall's tau-b with 95% percentile bootstrap intervals over sessions; mean |difference| on 0–1.";

export interface CalibratedJudge extends JudgeAgreement {
  judge: string;
  model: string;
  prompt: string | null;
  rubricVersion: number | null;
}

/** A judge is a model with a judge prompt and a rubric version: judgments that share all three. */
function judgeLabel(j: Pick<StoredJudgment, 'judgeModel' | 'judgePrompt' | 'rubricVersion'>): string {
  return [
    j.judgeModel,
    j.judgePrompt ?? 'prompt not recorded',
    j.rubricVersion === null ? 'rubric version not recorded' : `rubric v${j.rubricVersion}`,
  ].join(' · ');
}

/** Every judge that scored sessions people rated, each compared with people on the sessions both rated; best Spearman first. */
export function calibrateJudges(
  rubric: Rubric,
  ratings: readonly { sessionId: string; criterion: string; score: number }[],
  judgments: readonly StoredJudgment[],
  options: { resamples?: number; seed?: number } = {},
): CalibratedJudge[] {
  const criteria = new Map(rubric.criteria.map((c) => [c.id, c] as const));
  const human = new Map<string, Map<string, number>>();
  for (const r of ratings) {
    const c = criteria.get(r.criterion);
    if (c) human.set(r.sessionId, (human.get(r.sessionId) ?? new Map()).set(r.criterion, normalisedScore(c, r.score)));
  }
  // judge → session → criterion → the judge's scores over its repeats
  const byJudge = new Map<string, { first: StoredJudgment; sessions: Map<string, Map<string, number[]>> }>();
  for (const j of judgments) {
    if (!j.result.ok || !human.has(j.sessionId)) continue;
    const label = judgeLabel(j);
    const entry = byJudge.get(label) ?? { first: j, sessions: new Map() };
    byJudge.set(label, entry);
    const perCriterion = entry.sessions.get(j.sessionId) ?? new Map<string, number[]>();
    entry.sessions.set(j.sessionId, perCriterion);
    for (const [id, s] of Object.entries(j.result.scores)) {
      const c = criteria.get(id);
      if (c && s.score !== null) perCriterion.set(id, [...(perCriterion.get(id) ?? []), normalisedScore(c, s.score)]);
    }
  }
  const out: CalibratedJudge[] = [];
  for (const [label, { first, sessions }] of byJudge) {
    const h: number[] = [];
    const jv: number[] = [];
    for (const [sessionId, perCriterion] of sessions) {
      const people = human.get(sessionId)!;
      const shared = [...perCriterion.keys()].filter((id) => people.has(id));
      if (shared.length === 0) continue;
      h.push(mean(shared.map((id) => people.get(id)!)));
      jv.push(mean(shared.map((id) => mean(perCriterion.get(id)!))));
    }
    out.push({
      judge: label,
      model: first.judgeModel,
      prompt: first.judgePrompt,
      rubricVersion: first.rubricVersion,
      ...judgeAgreement(h, jv, options),
    });
  }
  return out.sort((a, b) => (b.spearman?.estimate ?? -2) - (a.spearman?.estimate ?? -2));
}
