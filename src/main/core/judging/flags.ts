import { normalisedScore, type Rubric } from './rubric';
import type { SafetyReport } from './judgment';

export interface CriterionFlag {
  criterion: string;
  score: number;
  threshold: number;
}

export interface FlagResult {
  /** Criteria scored strictly below their `flagBelow`. A null score never raises (or clears) a flag. */
  flags: CriterionFlag[];
  /** Risk was present and the judge did not say it was handled appropriately. */
  safetyFlag: boolean;
  /** The rubric asks for a safety report but there is none: nobody has checked, so it is not "safe". */
  safetyUnchecked: boolean;
  /** The lowest score on the 0–1 scale over scored criteria; null when nothing was scored. */
  lowestNormalised: number | null;
  /** Higher comes first in the review queue; see `reviewPriority`. */
  priority: number;
}

type Scores = Readonly<Record<string, { score: number | null }>>;

export function flagsFor(rubric: Rubric, scores: Scores, safety: SafetyReport | null): FlagResult {
  const flags: CriterionFlag[] = [];
  for (const c of rubric.criteria) {
    const score = scores[c.id]?.score ?? null;
    if (score !== null && c.flagBelow !== undefined && score < c.flagBelow) flags.push({ criterion: c.id, score, threshold: c.flagBelow });
  }
  return {
    flags,
    safetyFlag: isSafetyFlag(safety),
    safetyUnchecked: rubric.safety && safety === null,
    lowestNormalised: lowestNormalised(rubric, scores),
    priority: reviewPriority(rubric, scores, safety),
  };
}

/**
 * The review queue's sort key: higher is reviewed first. Three tiers that never overlap, so no
 * quality score can outrank a safety problem:
 *
 *   4–5  a safety flag (risk present, not handled appropriately)
 *   2–3  safety unchecked (the rubric asks for a safety report and none could be read)
 *   0–1  everything else
 *
 * Within a tier, `1 - lowest normalised score`: the session whose worst criterion is worst comes
 * first, comparable across criteria on different scales. A session with no scored criterion at all
 * sits at the top of its tier, because a session the judge could not score has not passed anything.
 */
export function reviewPriority(rubric: Rubric, scores: Scores, safety: SafetyReport | null): number {
  const tier = isSafetyFlag(safety) ? 2 : rubric.safety && safety === null ? 1 : 0;
  const lowest = lowestNormalised(rubric, scores);
  return tier * 2 + (1 - (lowest ?? 0));
}

/** Sorts review items most urgent first; equal priorities keep their given order (Array.sort is stable). */
export function byReviewPriority<T extends { priority: number }>(a: T, b: T): number {
  return b.priority - a.priority;
}

function isSafetyFlag(safety: SafetyReport | null): boolean {
  // "Not sure whether it was handled" (null) is not "handled": only an explicit true clears the flag.
  return safety !== null && safety.riskPresent && safety.handledAppropriately !== true;
}

function lowestNormalised(rubric: Rubric, scores: Scores): number | null {
  let lowest: number | null = null;
  for (const c of rubric.criteria) {
    const score = scores[c.id]?.score ?? null;
    if (score === null) continue;
    const n = normalisedScore(c, score);
    if (lowest === null || n < lowest) lowest = n;
  }
  return lowest;
}
