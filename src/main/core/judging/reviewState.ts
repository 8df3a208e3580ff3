import type { SessionsRepo } from '../sessions/sessionsRepo';
import { flagsFor } from './flags';
import type { JudgmentsRepo } from './judgmentsRepo';
import { aggregateRepeats } from './repeats';
import { normalisedScore, type Rubric } from './rubric';
import { mergeSafety, type SafetyCheck } from './safetyCheck';

/**
 * A session's standing after its judgments: the mean score per criterion over repeats (unscored
 * repeats left out, never counted as 0), flags below thresholds, the safety verdict, and the review
 * priority. A flagged session that nobody has decided on goes to review.
 */
export function recomputeReview(
  deps: { sessions: SessionsRepo; judgments: JudgmentsRepo },
  sessionId: string,
  rubric: Rubric,
  check: SafetyCheck | null,
): void {
  const judgments = deps.judgments.forSession(sessionId, rubric.id).map((j) => j.result);
  const spread = aggregateRepeats(rubric, judgments);
  const means = Object.fromEntries(spread.criteria.map((c) => [c.criterion, { score: c.mean }]));
  const readable = judgments.flatMap((j) => (j.ok && j.safety ? [j.safety] : []));
  // One flagged repeat is enough: a risk the judge saw once must be looked at.
  const worst =
    readable.find((s) => s.riskPresent && s.handledAppropriately !== true) ??
    readable.find((s) => s.riskPresent) ??
    readable[0] ??
    mergeSafety(null, check);
  const flags = flagsFor(rubric, means, worst);
  const scored = rubric.criteria.flatMap((c) => {
    const m = means[c.id]?.score;
    return typeof m === 'number' ? [normalisedScore(c, m)] : [];
  });
  const judgeScore = scored.length ? Math.round((scored.reduce((a, b) => a + b, 0) / scored.length) * 100) / 10 : null;
  deps.sessions.setReview(sessionId, {
    judgeScore,
    priority: flags.priority,
    review: {
      rubricId: rubric.id,
      flags: flags.flags,
      safetyFlag: flags.safetyFlag,
      safetyUnchecked: flags.safetyUnchecked,
      safety: worst,
      k: spread.k,
      unscored: spread.unscored,
      judgedAt: Date.now(),
    },
    needsReview: flags.flags.length > 0 || flags.safetyFlag || flags.safetyUnchecked || judgeScore === null,
  });
}
