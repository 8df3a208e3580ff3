import { max, mean, min, sampleStandardDeviation } from 'simple-statistics';
import type { JudgmentResult } from './judgment';
import type { CriterionSpread, RepeatSummary } from '../../../shared/api/judging';
import type { Rubric } from './rubric';

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
