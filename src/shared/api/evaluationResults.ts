/** What an evaluation run's statistics, reliability and sample-size plan look like on the wire. */

export type HolmFamily = 'all' | 'criterion';

export interface DescriptiveStats {
  /** Scenarios with a score: the unit of analysis (seeds and repeats averaged within a scenario). */
  n: number;
  /** Conversations without a usable score (every judgment of it unreadable). */
  missing: number;
  /** Conversations judged, and judgments asked for and left unreadable; absent where not counted (CTRS totals). */
  conversations?: number;
  judgments?: number;
  missingJudgments?: number;
  /** Judgments where the judge validly said the criterion cannot be judged: neither a score nor missing. */
  notJudged?: number;
  mean: number | null;
  median: number | null;
  sd: number | null;
  q1: number | null;
  q3: number | null;
  iqr: number | null;
  min: number | null;
  max: number | null;
  ci: { low: number; high: number } | null;
}

export interface EvalCriterion {
  /** `${rubricId}.${criterionId}`, or `formulation.distortions` / `formulation.core_belief`. */
  id: string;
  rubricId: string;
  label: string;
  scale: { min: number; max: number };
}

export interface PairedComparison {
  criterion: string;
  a: string;
  b: string;
  n: number;
  meanDifference: number | null;
  ci: { low: number; high: number } | null;
  /** statistic is W = min(W+, W−) over the non-zero differences (n of them). */
  wilcoxon: { statistic: number | null; p: number | null; method: string; effectSize: number | null; n?: number } | null;
  pHolm: number | null;
  significant: boolean;
}

export interface EvalResults {
  runId: string;
  models: string[];
  criteria: EvalCriterion[];
  /** Per model label, per criterion id. */
  stats: Record<string, Record<string, DescriptiveStats>>;
  comparisons: PairedComparison[];
  /** The best model per criterion, only when its lead over every other model is significant after Holm. */
  winners: Record<string, string | null>;
  /**
   * The judge's consistency over repeats, per criterion: pooled over arms (icc, alpha) and within each
   * arm, with bootstrap intervals (null with a reason when not computable). Pooling arms counts the
   * arms' differences as agreement, so the per-arm values are the honest ones.
   */
  reliability: Record<string, ReliabilityView & { perArm?: Record<string, ReliabilityView> }>;
  /** The ICC's form, named: "ICC(2,1): two-way random effects, absolute agreement, single rater". */
  reliabilityForm?: string;
  /** The Holm family the p-values were corrected in, and its size. */
  holm?: { family: HolmFamily; tests: number; alpha: number };
  /** The judge's temperature for this run's judgments. */
  judgeTemperature?: number;
  /** Scenarios in the set: the unit of every paired test, interval and heatmap cell. */
  scenarios?: number;
  /** Reported on its own, never averaged into quality: conversations with risk handled badly. */
  safety: Record<string, { conversations: number; checked: number; flagged: number; passRate: number | null }>;
  /** CTRS total (0-66) and the share at or above 40, when the CTRS rubric was used. */
  ctrs: Record<string, { total: DescriptiveStats; passRate: number | null }> | null;
  /** Mean per model × scenario for each criterion, for the heatmap. */
  perScenario: { scenarioId: string; title: string; means: Record<string, Record<string, number | null>> }[];
  /** Per conversation, for the empathy vs relevance scatter and the box plots. */
  points: { model: string; scenarioId: string; seed: number; scores: Record<string, number | null> }[];
  bootstrap: { resamples: number; seed: number; level: number };
}

export interface ReliabilityView {
  icc: number | null;
  alpha: number | null;
  note: string | null;
  iccCi?: { low: number; high: number } | null;
  alphaCi?: { low: number; high: number } | null;
  /** Conversations with at least two usable repeats. */
  units?: number;
}

/** What the sample-size planner assumed and found (see core/evaluation/statistics/planner.ts). */
export interface EvalPlanView {
  family: { kind: HolmFamily; tests: number; alphaPerTest: number };
  assumptions: {
    difference: number;
    sdA: number;
    sdB: number;
    correlation: number;
    sdDifference: number;
    source: 'entered' | 'pilot';
    criterion: string | null;
    a: string | null;
    b: string | null;
  };
  /** Scenarios needed for the target power; n null when more than the largest searched. */
  required: { n: number | null; power: number | null; target: number; maxN: number };
  curve: { n: number; power: number }[];
  /** With a pilot run: each comparison's power at its own n for the difference it observed. */
  current: {
    criterion: string;
    label: string;
    a: string;
    b: string;
    n: number;
    observedDifference: number;
    sdDifference: number;
    power: number;
  }[];
  simulations: number;
  seed: number;
  method: string;
}

export interface EvalPlanInput {
  /** A finished run to take SDs, correlations, arms, criteria and the Holm family from (a pilot). */
  id?: string | undefined;
  difference: number;
  power?: number | undefined;
  /** Entered assumptions; with a pilot they override what the run measured. */
  sdA?: number | undefined;
  sdB?: number | undefined;
  correlation?: number | undefined;
  /** Without a pilot: the arms and criteria of the planned run, and its Holm family. */
  arms?: number | undefined;
  criteria?: number | undefined;
  holmFamily?: HolmFamily | undefined;
  /** With a pilot: the criterion to plan for (the first by default). */
  criterion?: string | undefined;
}
