import { z } from 'zod';
import { idSchema } from '../domain/ids';
import type { JobSummary } from '../domain/job';
import type { SessionDetail, SessionSummary } from '../domain/session';
import type { GenerationEstimate, PersonaView, ScenarioView } from './generation';
import type { InputSchemas, Method, NoInput } from './contractTypes';

// The same rule as a rubric's own id (judging/rubric.ts), so any rubric that can be saved can be used.
const rubricId = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'a rubric id such as session-quality');

export interface RubricView {
  id: string;
  name: string;
  version: number;
  description: string;
  builtin: boolean;
  safety: boolean;
  criteria: {
    id: string;
    label: string;
    description: string;
    scale: { min: number; max: number };
    flagBelow?: number | undefined;
    anchors: { score: number; description: string }[];
  }[];
}

export interface JudgmentView {
  rubricId: string;
  repeat: number;
  judgeModel: string;
  status: 'scored' | 'unscored';
  /** Per criterion: the score (null when the judge could not or would not give one) and the rationale. */
  scores: Record<string, { score: number | null; rationale: string; status: string; reason?: string | undefined }>;
  safety: { riskPresent: boolean; handledAppropriately: boolean | null; notes: string } | null;
  summary: string;
  reason: string | null;
  createdAt: number;
}

export interface ReviewItem extends SessionSummary {
  priority: number | null;
  review: Record<string, unknown> | null;
}

/** Which sessions a judge run covers: every filter given must hold (ids, when given, are a library selection). */
/** Why a session waits in review; a session can wait for several. */
export const reviewReasons = ['safety', 'lowScore', 'unscored', 'personalDetails'] as const;
export type ReviewReason = (typeof reviewReasons)[number];
export const reviewSorts = ['priority', 'score', 'newest', 'title'] as const;
export type ReviewSort = (typeof reviewSorts)[number];

export interface ReviewQueueInput {
  offset?: number | undefined;
  limit?: number | undefined;
  reason?: ReviewReason | undefined;
  source?: 'real' | 'synthetic' | 'sample' | undefined;
  /** The judge's overall score, 0–10. */
  minScore?: number | undefined;
  maxScore?: number | undefined;
  rubricId?: string | undefined;
  search?: string | undefined;
  /** priority (safety first, then the judge's priority), score (lowest first), newest, title. */
  sort?: ReviewSort | undefined;
}

export interface ReviewQueuePage {
  rows: ReviewItem[];
  /** Sessions matching the filters. */
  total: number;
  /** Every waiting session, and how many wait for each reason (whatever the filters). */
  counts: Record<ReviewReason | 'all', number>;
}

export interface JudgeScope {
  /** Sessions to judge; every session in the library when absent. */
  sessionIds?: string[] | undefined;
  source?: 'real' | 'synthetic' | undefined;
  status?: 'draft' | 'approved' | 'rejected' | 'needs_review' | undefined;
  tag?: string | undefined;
  /** Only the sessions frozen into this dataset version. */
  datasetVersionId?: string | undefined;
  /**
   * Judge sessions that already have a judgment on this rubric too. Their new judgments are added as
   * further repeats beside the old ones, never written over them. Without it, judged sessions are skipped.
   */
  again?: boolean | undefined;
}

export interface JudgeInput extends JudgeScope {
  rubricId?: string | undefined;
  /** Judge each session k times to see the judge's own spread. */
  repeats?: number | undefined;
  /** The judge model; the project's default judge when absent. */
  providerId?: string | undefined;
  model?: string | undefined;
  budgetUsd?: number | null | undefined;
  /** Send every judgment and safety check as one Batch API batch: half the price, answers within a day. */
  useBatch?: boolean | undefined;
}

/**
 * The spread of one criterion over k judgments of the same session: the judge's own consistency.
 * Only real scores count; an unscored criterion adds to `missing` and to nothing else.
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
  safety: { reports: number; riskPresent: number; flagged: number };
}

/** What a reviewer reads beside a session: where it came from and how consistent the judge was. */
export interface ReviewContext {
  scenario: ScenarioView | null;
  persona: PersonaView | null;
  provenance: Record<string, unknown> | null;
  spreads: { rubricId: string; rubricName: string; summary: RepeatSummary }[];
}

/** One candidate judge's agreement with people on the sessions both rated (see judging/calibration.ts). */
export interface JudgeCalibrationView {
  /** "gpt-4o · judge v2 · rubric v1": the model, the judge prompt and the rubric version. */
  judge: string;
  model: string;
  prompt: string | null;
  rubricVersion: number | null;
  /** Sessions rated by both. */
  n: number;
  spearman: { estimate: number; low: number; high: number } | null;
  kendall: { estimate: number; low: number; high: number } | null;
  /** Mean |person − judge| on the 0–1 scale. */
  meanAbsDiff: number | null;
  note: string | null;
}

export interface CalibrationReport {
  rubricId: string;
  /** Sessions people rated on this rubric. */
  humanSessions: number;
  /** Best agreement first (Spearman's rho). */
  judges: JudgeCalibrationView[];
  method: string;
}

export interface JudgingApi {
  'rubrics.list': Method<NoInput, RubricView[]>;
  /** Adds or replaces one of the project's own rubrics (the built-in ones cannot be overwritten). Validated as data. */
  'rubrics.save': Method<{ rubric: unknown }, RubricView>;
  'judge.estimate': Method<JudgeInput, GenerationEstimate>;
  'judge.start': Method<JudgeInput, JobSummary>;
  'judgments.forSession': Method<{ id: string }, JudgmentView[]>;
  'review.context': Method<{ id: string }, ReviewContext>;
  'review.queue': Method<ReviewQueueInput, ReviewQueuePage>;
  /** A person's decision: approve, reject with a reason, or send back for regeneration (rejected and tagged). */
  'review.decide': Method<{ id: string; decision: 'approve' | 'reject' | 'regenerate'; reason?: string | undefined }, SessionDetail>;
  'review.rate': Method<{ sessionId: string; rubricId: string; scores: Record<string, number> }, null>;
  /** Compares every judge that judged the sessions people rated, on those same sessions. */
  'review.calibration': Method<{ rubricId: string; resamples?: number | undefined; seed?: number | undefined }, CalibrationReport>;
  'review.agreement': Method<
    { rubricId: string },
    {
      criteria: {
        criterion: string;
        n: number;
        spearman: number | null;
        kendallTauB: number | null;
        meanAbsDiff: number | null;
        note: string | null;
      }[];
      overall: { n: number; spearman: number | null; kendallTauB: number | null; meanAbsDiff: number | null; note: string | null };
    }
  >;
}

const judgeInput = z.strictObject({
  sessionIds: z.array(idSchema).min(1).max(100_000).optional(),
  source: z.enum(['real', 'synthetic']).optional(),
  status: z.enum(['draft', 'approved', 'rejected', 'needs_review']).optional(),
  tag: z.string().trim().min(1).max(100).optional(),
  datasetVersionId: idSchema.optional(),
  again: z.boolean().optional(),
  rubricId: rubricId.optional(),
  repeats: z.number().int().min(1).max(10).optional(),
  providerId: idSchema.optional(),
  model: z.string().trim().min(1).max(200).optional(),
  budgetUsd: z.number().positive().max(100_000).nullable().optional(),
  useBatch: z.boolean().optional(),
});

export const judgingInputs = {
  'rubrics.list': z.strictObject({}),
  // The rubric's own shape is checked by the judging domain, which words its errors for people.
  'rubrics.save': z.strictObject({ rubric: z.record(z.string(), z.unknown()) }),
  'judge.estimate': judgeInput,
  'judge.start': judgeInput,
  'judgments.forSession': z.strictObject({ id: idSchema }),
  'review.context': z.strictObject({ id: idSchema }),
  'review.queue': z.strictObject({
    offset: z.number().int().min(0).optional(),
    // A virtualised list holds thousands; one page of up to 5,000 summaries keeps filters instant.
    limit: z.number().int().min(1).max(5000).optional(),
    reason: z.enum(reviewReasons).optional(),
    source: z.enum(['real', 'synthetic', 'sample']).optional(),
    minScore: z.number().min(0).max(10).optional(),
    maxScore: z.number().min(0).max(10).optional(),
    rubricId: rubricId.optional(),
    search: z.string().trim().max(200).optional(),
    sort: z.enum(reviewSorts).optional(),
  }),
  'review.decide': z
    .strictObject({ id: idSchema, decision: z.enum(['approve', 'reject', 'regenerate']), reason: z.string().trim().max(2000).optional() })
    .refine((d) => d.decision === 'approve' || (d.reason ?? '').length > 0, { message: 'say why, in a few words', path: ['reason'] }),
  'review.rate': z.strictObject({ sessionId: idSchema, rubricId, scores: z.record(z.string().max(60), z.number().min(-100).max(100)) }),
  'review.agreement': z.strictObject({ rubricId }),
  'review.calibration': z.strictObject({
    rubricId,
    resamples: z.number().int().min(100).max(20_000).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
  }),
} satisfies InputSchemas<JudgingApi>;
