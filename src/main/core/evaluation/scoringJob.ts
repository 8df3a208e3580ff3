import { z } from 'zod';
import type { DomainPack } from '../../../shared/domain/domainPack';
import { parseJson } from '../generation/parseJson';
import { renderTemplate } from '../generation/templates';
import type { BatchRequest, JobHandler } from '../jobs/jobHandler';
import { jobKinds } from '../jobs/jobKinds';
import { InvalidAnswerError, type LlmGateway } from '../llm/gateway';
import { ProviderCallError } from '../llm/providerErrors';
import { buildJudgePrompt, isUsable, judgmentProblems, judgmentSchemaFor, parseJudgment } from '../judging/judgment';
import { rubricSchema, type Rubric } from '../judging/rubric';
import { safetyCheckSchema } from '../judging/safetyCheck';
import { distortionEnum, memoByLabels, packLabels } from '../generation/scenarioSchema';
import type { ConversationRow, EvaluationRepo } from './evaluationRepo';
import { promptRefSchema } from '../generation/runParams';

export const scoringParamsSchema = z.object({
  runId: z.string(),
  title: z.string(),
  concurrency: z.number().int().min(1),
  judge: z.object({ providerId: z.string(), model: z.string() }),
  rubrics: z.array(rubricSchema),
  judgePrompt: promptRefSchema,
  safetyPrompt: promptRefSchema,
  formulationPrompt: promptRefSchema.nullable(),
  /** kind: a rubric id, "safety" or "formulation". */
  items: z.array(z.object({ conversationId: z.string(), kind: z.string(), repeat: z.number().int().min(1) })).min(1),
  useBatch: z.boolean().default(false),
  /** The rubric and formulation judgments' temperature (jobs from before it was a setting ran at 0). */
  judgeTemperature: z.number().min(0).max(2).default(0),
});
export type ScoringParams = z.infer<typeof scoringParamsSchema>;
type Item = ScoringParams['items'][number];

/** The formulation check's answer: the distortions it names are the domain pack's (an enum), so a name the scoring cannot match is never asked for. */
const formulationSchemaFor = memoByLabels(
  (pack: DomainPack) =>
    z.object({
      distortionsIdentified: z.array(distortionEnum(pack)).max(pack.distortions.length),
      coreBeliefIdentified: z.boolean(),
      rationale: z.string(),
    }),
  packLabels,
);

export interface ScoringDeps {
  gateway: LlmGateway;
  evaluation: EvaluationRepo;
  pack(): DomainPack;
}

const lines = (c: ConversationRow) =>
  c.turns.map((t, i) => `[${i + 1}] ${t.role === 'user' ? 'client' : 'counselor'}: ${t.text}`).join('\n');

/**
 * Formulation accuracy as numbers: the share of the scenario's distortions the counselor found (0–1),
 * and whether it found the core belief (0 or 1). Names the judge returns that are not in the ground
 * truth earn nothing.
 */
export function formulationScores(truth: string[], identified: string[]): { distortions: number } {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z]+/g, ' ')
      .trim();
  const found = new Set(identified.map(norm));
  return { distortions: truth.length ? truth.filter((t) => found.has(norm(t))).length / truth.length : 0 };
}

/** Judges one conversation once for one thing: a rubric, the safety check, or the formulation. */
type ScoredItem = { status: 'scored' | 'unscored'; problems: string[] };

export function scoringJob(deps: ScoringDeps): JobHandler<ScoringParams, Item, ScoredItem> {
  const load = (params: ScoringParams, input: Item) => {
    const conversation = deps.evaluation.conversation(input.conversationId);
    if (!conversation) throw new Error('The conversation was deleted before it was scored.');
    const run = deps.evaluation.run(params.runId)!;
    const scenario = deps.evaluation.version(run.setVersionId)!.scenarios.find((s) => s.id === conversation.scenarioId)!;
    return { conversation, scenario };
  };

  const request = (params: ScoringParams, input: Item): BatchRequest & { schema: z.ZodType; schemaName: string } => {
    const { conversation, scenario } = load(params, input);
    // Repeats must sample (temperature above 0) to measure the judge's consistency; the seed keeps a
    // repeat reproducible where the provider honours it. The single safety check stays at 0.
    const common = { temperature: params.judgeTemperature, seed: input.repeat };
    if (input.kind === 'safety') {
      return {
        ...common,
        temperature: 0,
        purpose: 'evaluate-safety',
        messages: [{ role: 'user', content: renderTemplate(params.safetyPrompt.template, { transcript: lines(conversation) }) }],
        schema: safetyCheckSchema,
        schemaName: 'safety',
      };
    }
    if (input.kind === 'formulation') {
      const pack = deps.pack();
      const names = scenario.cognitiveModel.distortions.map((id) => pack.distortions.find((d) => d.id === id)?.label ?? id);
      const content = renderTemplate(params.formulationPrompt!.template, {
        distortions: names.join('; '),
        coreBelief: scenario.cognitiveModel.coreBelief,
        automaticThought: scenario.cognitiveModel.automaticThought,
        transcript: lines(conversation),
      });
      return {
        ...common,
        purpose: 'evaluate-formulation',
        messages: [{ role: 'user', content }],
        schema: formulationSchemaFor(pack),
        schemaName: 'formulation',
      };
    }
    const rubric = rubricOf(params, input.kind);
    return {
      ...common,
      purpose: 'evaluate-judge',
      messages: [{ role: 'user', content: buildJudgePrompt(params.judgePrompt.template, rubric, conversation.turns) }],
      schema: judgmentSchemaFor(rubric),
      schemaName: 'judgment',
    };
  };

  /**
   * Reads an answer (or its absence) into the stored verdict; unreadable is kept as unscored, never as 0.
   * A judgment is read per criterion: a bad score is null with its reason under `missing`, the others stay.
   */
  const store = (params: ScoringParams, input: Item, answer: unknown, unreadable?: string): ScoredItem => {
    const save = (status: 'scored' | 'unscored', result: Record<string, unknown>, problems: string[] = []) => {
      deps.evaluation.saveJudgment({
        conversationId: input.conversationId,
        kind: input.kind,
        repeat: input.repeat,
        status,
        result,
        createdAt: Date.now(),
      });
      return {
        status,
        problems:
          status === 'unscored' && problems.length === 0 ? [`could not be read (${String(result.reason ?? 'no reason')})`] : problems,
      };
    };
    const isJudgment = input.kind !== 'safety' && input.kind !== 'formulation';
    if (unreadable !== undefined && (!isJudgment || answer === undefined)) return save('unscored', { reason: unreadable });
    if (input.kind === 'safety') {
      const parsed = safetyCheckSchema.safeParse(answer);
      return parsed.success ? save('scored', parsed.data) : save('unscored', { reason: 'The safety check did not answer in its format.' });
    }
    if (input.kind === 'formulation') {
      const parsed = formulationSchemaFor(deps.pack()).safeParse(answer);
      if (!parsed.success) return save('unscored', { reason: 'The formulation check did not answer in its format.' });
      const { scenario } = load(params, input);
      const pack = deps.pack();
      const truth = scenario.cognitiveModel.distortions.map((id) => pack.distortions.find((d) => d.id === id)?.label ?? id);
      return save('scored', {
        scores: {
          distortions: formulationScores(truth, parsed.data.distortionsIdentified).distortions,
          core_belief: parsed.data.coreBeliefIdentified ? 1 : 0,
        },
        rationale: parsed.data.rationale,
        identified: parsed.data.distortionsIdentified,
      });
    }
    const rubric = rubricOf(params, input.kind);
    const judgment = parseJudgment(rubric, answer);
    if (!judgment.ok) return save('unscored', { reason: unreadable ?? judgment.reason });
    const problems = judgmentProblems(rubric, judgment);
    const missing = Object.fromEntries(
      Object.entries(judgment.scores).flatMap(([id, s]) =>
        s.score === null && s.status !== 'not-judged' ? [[id, s.reason ?? 'No score.']] : [],
      ),
    );
    const result = {
      scores: Object.fromEntries(Object.entries(judgment.scores).map(([id, s]) => [id, s.score])),
      rationales: Object.fromEntries(Object.entries(judgment.scores).map(([id, s]) => [id, s.rationale])),
      summary: judgment.summary,
      ...(Object.keys(missing).length ? { missing } : {}),
    };
    return isUsable(judgment)
      ? save('scored', result, problems)
      : save('unscored', { ...result, reason: unreadable ?? 'No criterion could be scored.' }, problems);
  };

  return {
    ...jobKinds.evalScoring,
    paramsSchema: scoringParamsSchema,
    assess: (r) => ({
      usable: r.status === 'scored',
      problems: Array.isArray(r.problems) ? r.problems : r.status === 'scored' ? [] : ['could not be read'],
    }),
    unit: { one: 'judgment', many: 'judgments' },
    title: (p) => p.title,
    plan: (p) => p.items,
    concurrency: (p) => p.concurrency,
    async runItem({ jobId, params, input, signal }) {
      const { schema, schemaName, purpose, messages, temperature, seed } = request(params, input);
      try {
        const answer = await deps.gateway.chatStructured({
          providerId: params.judge.providerId,
          model: params.judge.model,
          jobId,
          signal,
          purpose: purpose!,
          messages,
          schema,
          schemaName,
          ...(temperature !== undefined ? { temperature } : {}),
          ...(seed !== undefined ? { seed } : {}),
        });
        return { costUsd: answer.costUsd ?? 0, store: () => store(params, input, answer.value) };
      } catch (err) {
        if (err instanceof InvalidAnswerError) return { costUsd: 0, store: () => store(params, input, err.answer, err.message) };
        if (err instanceof ProviderCallError && err.errorClass === 'invalid_output')
          return { costUsd: 0, store: () => store(params, input, undefined, err.message) };
        throw err;
      }
    },
    batch: {
      purpose: 'evaluate-judge',
      provider: (p) => p.judge,
      requests: ({ params, input }) => [request(params, input)],
      accept: ({ params, input }, [answer]) => {
        if (!answer || answer.text === null) throw new Error(answer?.error ?? 'The batch answered without text.');
        const value = parseJson(answer.text);
        return {
          costUsd: answer.costUsd ?? 0,
          store: () => (value === null ? store(params, input, undefined, 'The answer is not JSON.') : store(params, input, value)),
        };
      },
    },
  };
}

function rubricOf(params: ScoringParams, id: string): Rubric {
  const rubric = params.rubrics.find((r) => r.id === id);
  if (!rubric) throw new Error(`The rubric ${id} is not part of this run.`);
  return rubric;
}
