import { z } from 'zod';
import { idSchema } from '../domain/ids';
import type { JobSummary } from '../domain/job';
import type { GenerationEstimate } from './generation';
import type { InputSchemas, Method, NoInput } from './contractTypes';
import type { HolmFamily, EvalResults, EvalPlanView, EvalPlanInput } from './evaluationResults';

// Results and plans have their own file (evaluationResults.ts); importers keep reading them from here.
export type {
  HolmFamily,
  DescriptiveStats,
  EvalCriterion,
  PairedComparison,
  EvalResults,
  ReliabilityView,
  EvalPlanView,
  EvalPlanInput,
} from './evaluationResults';

/** The hidden ground truth a scenario rests on: the simulated client knows it, the counselor must find it. */
export interface EvalCognitiveModel {
  situation: string;
  automaticThought: string;
  emotion: string;
  behaviour: string;
  coreBelief: string;
  /** Distortion ids from the domain pack, 1 to 3. */
  distortions: string[];
}

export interface EvalScenario {
  id: string;
  title: string;
  /** What the counselor may know at the start, as an intake note would say it. */
  intake: string;
  /** A client style id from the domain pack (plain, upset, verbose…). */
  style: string;
  riskLevel: string;
  cognitiveModel: EvalCognitiveModel;
  source: 'generated' | 'imported' | 'manual';
}

export interface EvalSetVersionSummary {
  id: string;
  setId: string;
  version: number;
  contentHash: string;
  scenarios: number;
  createdAt: number;
}

export interface EvalSetView {
  id: string;
  name: string;
  description: string;
  /** The editable draft; freezing copies it into a version. */
  scenarios: EvalScenario[];
  versions: EvalSetVersionSummary[];
  createdAt: number;
  updatedAt: number;
}

/** One model under test. Base models take a system prompt; fine-tuned ones usually the same shared prompt. */
export interface EvalArm {
  label: string;
  providerId: string;
  model: string;
  /** This arm's own system prompt; null uses the run's shared prompt. */
  systemPrompt: string | null;
  temperature: number | null;
}

export interface EvalRunSpec {
  name: string;
  setVersionId: string;
  arms: EvalArm[];
  sharedSystemPrompt: string | null;
  simulator: { providerId: string; model: string; temperature: number };
  judge: { providerId: string; model: string };
  /** Rubrics to score with; empathy-relevance reproduces the write-up's table. */
  rubricIds: string[];
  /** Also judge whether the counselor found the scenario's distortions and core belief. */
  formulation: boolean;
  /** Counselor turns per conversation (the client speaks first). */
  turns: number;
  /** Repeats per scenario, each with its own seed; every arm meets the same client for the same seed. */
  seeds: number;
  judgeRepeats: number;
  /**
   * The judge's sampling temperature. Null or absent: 0 for a single judgment, 0.7 with repeats,
   * because repeats at temperature 0 are near copies and would overstate the judge's consistency.
   */
  judgeTemperature?: number | null | undefined;
  /** Holm's family: every comparison of the run (default) or the model pairs within one criterion. */
  holmFamily?: HolmFamily | undefined;
  useBatchForScoring: boolean;
  budgetUsd: number | null;
}

/** The judge temperature a run uses (see `EvalRunSpec.judgeTemperature`). */
export function judgeTemperatureOf(spec: Pick<EvalRunSpec, 'judgeRepeats' | 'judgeTemperature'>): number {
  return spec.judgeTemperature ?? (spec.judgeRepeats > 1 ? 0.7 : 0);
}

export const holmFamilyOf = (spec: Pick<EvalRunSpec, 'holmFamily'>): HolmFamily => spec.holmFamily ?? 'all';

/** How a report and the CLI name a Holm family. */
export function holmFamilyLabel(family: HolmFamily, tests: number): string {
  if (family === 'criterion') return 'the model pairs within each criterion';
  return tests === 1 ? 'the one comparison of the run' : `all ${tests} comparisons of the run (every criterion × model pair)`;
}

/** `problems`: the run ended, but some conversations or judgments are missing (never shown as done). */
/** One arm's model traced to its training: training run, dataset version, hash and size. */
export interface EvalArmLineage {
  label: string;
  model: string;
  /** The registry's name for the model, for people; its id when the registry has none. */
  name: string;
  providerName: string;
  trainingRunId: string | null;
  /** Null for a model not fine-tuned in this project. */
  dataset: { name: string; version: number; hash: string; trainingExamples: number; examples: number } | null;
}

export type EvalRunStatus = 'conversing' | 'scoring' | 'done' | 'problems' | 'stopped' | 'failed';

export interface EvalRunView {
  id: string;
  spec: EvalRunSpec;
  setName: string;
  setVersion: number;
  setHash: string;
  status: EvalRunStatus;
  conversationsJobId: string;
  scoringJobId: string | null;
  conversations: { total: number; done: number; failed: number };
  /** Judgments asked for, given, and unreadable (kept as missing, never as 0). */
  judgments: { total: number; scored: number; missing: number };
  costUsd: number;
  createdAt: number;
  /** Each arm's model, training run and training set; absent from views made before it was recorded. */
  arms?: EvalArmLineage[];
  /** Set when the arms' training sets differ by more than 20% in size: amount, not kind, may explain a difference. */
  sizeWarning?: string | null;
}

export interface EvalConversationView {
  id: string;
  arm: string;
  seed: number;
  status: 'pending' | 'done' | 'failed';
  endedBy: 'marker' | 'limit' | null;
  error: string | null;
  turns: { role: 'user' | 'assistant'; text: string }[];
  /** Per criterion: mean over repeats, the repeats' rationales. */
  scores: Record<string, { score: number | null; rationales: string[] }>;
  safety: { riskPresent: boolean; flagged: boolean; notes: string } | null;
}

export interface EvalReportFiles {
  folder: string;
  html: string;
  csv: string;
  manifest: string;
}

export interface EvaluationApi {
  'evalSets.list': Method<NoInput, EvalSetView[]>;
  'evalSets.get': Method<{ id: string }, EvalSetView>;
  'evalSets.create': Method<{ name: string; description?: string | undefined }, EvalSetView>;
  /** Writes one scenario per distortion × style cell (× repeats) with the generator model, as a job. */
  'evalSets.generate': Method<
    {
      setId: string;
      distortions: string[];
      styles: string[];
      perCell?: number | undefined;
      riskLevel?: string | undefined;
      providerId: string;
      model: string;
      seed?: number | undefined;
    },
    JobSummary
  >;
  /** Adds scenarios from a JSON array or a CSV file's text; every row is checked and the first problems named. */
  'evalSets.import': Method<{ setId: string; format: 'json' | 'csv'; content: string }, { added: number }>;
  'evalSets.saveScenario': Method<
    { setId: string; scenario: Omit<EvalScenario, 'id' | 'source'> & { id?: string | undefined } },
    EvalSetView
  >;
  'evalSets.removeScenario': Method<{ setId: string; scenarioId: string }, EvalSetView>;
  'evalSets.freeze': Method<{ setId: string }, EvalSetVersionSummary>;
  'evalSets.version': Method<{ versionId: string }, { version: EvalSetVersionSummary; scenarios: EvalScenario[] }>;
  /** Scenarios that are near duplicates of a training session in the given dataset versions. */
  'evalSets.leakage': Method<
    { versionId: string; datasetVersionIds: string[] },
    { scenarioId: string; title: string; sessionId: string; sessionTitle: string; datasetVersionId: string; similarity: number }[]
  >;

  'evalRuns.estimate': Method<{ spec: EvalRunSpec }, GenerationEstimate & { conversations: number; judgments: number }>;
  'evalRuns.start': Method<{ spec: EvalRunSpec }, EvalRunView>;
  'evalRuns.list': Method<NoInput, EvalRunView[]>;
  'evalRuns.get': Method<{ id: string }, EvalRunView>;
  'evalRuns.cancel': Method<{ id: string }, EvalRunView>;
  'evalRuns.results': Method<{ id: string; resamples?: number | undefined }, EvalResults>;
  /** How many scenarios a run needs to detect a difference with the paired Wilcoxon at its Holm family (simulation), and a pilot run's power. */
  'evalRuns.plan': Method<EvalPlanInput, EvalPlanView>;
  'evalRuns.conversations': Method<{ id: string; scenarioId: string }, { scenario: EvalScenario; conversations: EvalConversationView[] }>;
  /** A self-contained HTML report, a CSV of every score and a JSON manifest, written to a new folder. */
  'evalRuns.report': Method<{ id: string; outDir?: string | undefined }, EvalReportFiles>;
}

const text = (max: number) => z.string().trim().min(1).max(max);

export const evalScenarioInput = z.strictObject({
  id: idSchema.optional(),
  title: text(200),
  intake: text(4000),
  style: text(60),
  riskLevel: text(60),
  cognitiveModel: z.strictObject({
    situation: text(2000),
    automaticThought: text(1000),
    emotion: text(200),
    behaviour: text(1000),
    coreBelief: text(300),
    distortions: z.array(text(100)).min(1).max(3),
  }),
});

const armSchema = z.strictObject({
  label: text(60),
  providerId: idSchema,
  model: text(200),
  systemPrompt: z.string().max(20_000).nullable(),
  temperature: z.number().min(0).max(2).nullable(),
});

export const evalRunSpecSchema: z.ZodType<EvalRunSpec> = z.strictObject({
  name: text(120),
  setVersionId: idSchema,
  arms: z.array(armSchema).min(1).max(6),
  sharedSystemPrompt: z.string().max(20_000).nullable(),
  simulator: z.strictObject({ providerId: idSchema, model: text(200), temperature: z.number().min(0).max(2) }),
  judge: z.strictObject({ providerId: idSchema, model: text(200) }),
  rubricIds: z.array(z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/)).max(10),
  formulation: z.boolean(),
  turns: z.number().int().min(1).max(40),
  seeds: z.number().int().min(1).max(10),
  judgeRepeats: z.number().int().min(1).max(5),
  judgeTemperature: z.number().min(0).max(2).nullable().optional(),
  holmFamily: z.enum(['all', 'criterion']).optional(),
  useBatchForScoring: z.boolean(),
  budgetUsd: z.number().positive().max(100_000).nullable(),
});

export const evaluationInputs = {
  'evalSets.list': z.strictObject({}),
  'evalSets.get': z.strictObject({ id: idSchema }),
  'evalSets.create': z.strictObject({ name: text(120), description: z.string().max(2000).optional() }),
  'evalSets.generate': z.strictObject({
    setId: idSchema,
    distortions: z.array(text(100)).min(1).max(30),
    styles: z.array(text(60)).min(1).max(20),
    perCell: z.number().int().min(1).max(10).optional(),
    riskLevel: text(60).optional(),
    providerId: idSchema,
    model: text(200),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
  }),
  'evalSets.import': z.strictObject({ setId: idSchema, format: z.enum(['json', 'csv']), content: z.string().min(1).max(20_000_000) }),
  'evalSets.saveScenario': z.strictObject({ setId: idSchema, scenario: evalScenarioInput }),
  'evalSets.removeScenario': z.strictObject({ setId: idSchema, scenarioId: idSchema }),
  'evalSets.freeze': z.strictObject({ setId: idSchema }),
  'evalSets.version': z.strictObject({ versionId: idSchema }),
  'evalSets.leakage': z.strictObject({ versionId: idSchema, datasetVersionIds: z.array(idSchema).max(20) }),
  'evalRuns.estimate': z.strictObject({ spec: evalRunSpecSchema }),
  'evalRuns.start': z.strictObject({ spec: evalRunSpecSchema }),
  'evalRuns.list': z.strictObject({}),
  'evalRuns.get': z.strictObject({ id: idSchema }),
  'evalRuns.cancel': z.strictObject({ id: idSchema }),
  'evalRuns.results': z.strictObject({ id: idSchema, resamples: z.number().int().min(100).max(100_000).optional() }),
  'evalRuns.plan': z.strictObject({
    id: idSchema.optional(),
    difference: z.number().refine((d) => d !== 0 && Number.isFinite(d), 'The difference to detect must be a number other than 0.'),
    power: z.number().min(0.5).max(0.99).optional(),
    sdA: z.number().positive().max(1000).optional(),
    sdB: z.number().positive().max(1000).optional(),
    correlation: z.number().min(-1).max(1).optional(),
    arms: z.number().int().min(2).max(6).optional(),
    criteria: z.number().int().min(1).max(50).optional(),
    holmFamily: z.enum(['all', 'criterion']).optional(),
    criterion: z.string().max(200).optional(),
  }),
  'evalRuns.conversations': z.strictObject({ id: idSchema, scenarioId: idSchema }),
  'evalRuns.report': z.strictObject({ id: idSchema, outDir: z.string().trim().min(1).max(4096).optional() }),
} satisfies InputSchemas<EvaluationApi>;
