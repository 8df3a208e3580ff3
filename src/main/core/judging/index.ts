// Pure judging logic: rubrics, the judge's prompt and answer, flags and review priority, the judge's
// own consistency over repeats, and agreement with human raters. No I/O, no model calls.
export { normalisedScore, parseRubric, renderRubric, rubricSchema, type Criterion, type Rubric } from './rubric';
export { defaultRubricId, defaultRubrics } from './defaultRubrics';
export {
  buildJudgePrompt,
  judgmentSchemaFor,
  parseJudgment,
  type CriterionScore,
  type Judgment,
  type JudgmentAnswer,
  type JudgmentResult,
  type SafetyReport,
  type TranscriptTurn,
  type Unscored,
} from './judgment';
export { byReviewPriority, flagsFor, reviewPriority, type CriterionFlag, type FlagResult } from './flags';
export { aggregateRepeats } from './repeats';
export type { CriterionSpread, RepeatSummary } from '../../../shared/api/judging';
export {
  agreement,
  agreementStats,
  kendallTauB,
  spearmanRho,
  type AgreementReport,
  type AgreementStats,
  type DoublyRated,
} from './agreement';
