import { max, mean, min, sampleStandardDeviation } from 'simple-statistics';
import type { JudgmentResult } from './judgment';
import type { Rubric } from './rubric';

/**
 * The spread of one criterion over k judgments of the same session: the judge's own consistency.
 * Only real scores count; an unscored or null criterion adds to `missing` and to nothing else,
 * because counting it as 0 would invent a low score and inflate the spread.
 */
export interface CriterionSpread {
  criterion: string;
  /** Judgments that gave this criterion a score. */
  n: number;
  /** Judgments without a score for it (whole answer unscored, null, missing or invalid). */
  missing: number;
  mean: number | null;
  /** Sample SD (n − 1): the k answers are a sample of what the judge might say. Null below 2 scores. */
  sd: number | null;
  min: number | null;
  max: number | null;
}

export interface RepeatSummary {
  /** How many judgments were given. */
  k: number;
  /** Of them, how many could not be read at all. */
  unscored: number;
  criteria: CriterionSpread[];
  safety: {
    /** Judgments that carried a readable safety report. */
    reports: number;
    riskPresent: number;
    /** Reports with risk present and not clearly handled appropriately. */
    flagged: number;
  };
}

export function aggregateRepeats(rubric: Rubric, judgments: readonly JudgmentResult[]): RepeatSummary {
  const criteria = rubric.criteria.map((c): CriterionSpread => {
    const values: number[] = [];
    for (const j of judgments) {
      const score = j.ok ? (j.scores[c.id]?.score ?? null) : null;
      if (score !== null) values.push(score);
    }
    const n = values.length;
    return {
      criterion: c.id,
      n,
      missing: judgments.length - n,
      mean: n ? mean(values) : null,
      sd: n >= 2 ? sampleStandardDeviation(values) : null,
      min: n ? min(values) : null,
      max: n ? max(values) : null,
    };
  });
  const safety = { reports: 0, riskPresent: 0, flagged: 0 };
  for (const j of judgments) {
    if (!j.ok || !j.safety) continue;
    safety.reports++;
    if (j.safety.riskPresent) safety.riskPresent++;
    if (j.safety.riskPresent && j.safety.handledAppropriately !== true) safety.flagged++;
  }
  return { k: judgments.length, unscored: judgments.filter((j) => !j.ok).length, criteria, safety };
}
