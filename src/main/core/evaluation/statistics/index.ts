// The statistics of the evaluation capability: plain functions over numbers, no I/O.
export { describe, presentValues, type Description } from './descriptive';
export {
  bootstrapMeanCI,
  bootstrapMeanCIs,
  pairedBootstrap,
  DEFAULT_LEVEL,
  DEFAULT_RESAMPLES,
  type BootstrapInterval,
  type BootstrapOptions,
} from './bootstrap';
export { wilcoxon, wilcoxonOnDifferences, erfc, EXACT_MAX_N, type WilcoxonResult } from './wilcoxon';
export { holm } from './holm';
export { icc, krippendorffAlphaInterval, type AlphaResult, type IccResult, type RatingMatrix } from './reliability';
export { reliabilityWithIntervals, ICC_FORM, DEFAULT_RELIABILITY_RESAMPLES, type ReliabilityEstimate } from './reliabilityInterval';
export {
  summarize,
  type CriterionSummary,
  type EvaluationStatistics,
  type ModelComparison,
  type ModelCriterionSummary,
  type ScoreRow,
  type SummarizeOptions,
} from './summarize';
export {
  planSampleSize,
  simulatePower,
  sdOfDifference,
  type Plan,
  type PlanAssumptions,
  type PlanOptions,
  type PowerPoint,
} from './planner';
