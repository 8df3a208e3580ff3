import { z } from 'zod';
import type { JobHandler } from '../jobs/jobHandler';
import { jobKinds } from '../jobs/jobKinds';
import { InvalidAnswerError, type LlmGateway } from '../llm/gateway';
import { ProviderCallError } from '../llm/providerErrors';
import { parseJson } from '../generation/parseJson';
import { renderTemplate } from '../generation/templates';
import type { SessionsRepo } from '../sessions/sessionsRepo';
import { newId } from '../util/ids';
import { buildJudgePrompt, isUsable, judgmentProblems, judgmentSchemaFor, parseJudgment, type JudgmentResult } from './judgment';
import type { JudgmentsRepo } from './judgmentsRepo';
import { recomputeReview } from './reviewState';
import { rubricSchema } from './rubric';
import { mergeSafety, safetyCheckSchema, type SafetyCheck } from './safetyCheck';
import { promptRefSchema } from '../generation/runParams';

export const judgeJobParamsSchema = z.object({
  providerId: z.string(),
  model: z.string(),
  temperature: z.number(),
  concurrency: z.number().int().min(1),
  rubric: rubricSchema,
  prompt: promptRefSchema,
  safetyPrompt: promptRefSchema,
  items: z.array(z.object({ sessionId: z.string(), repeat: z.number().int().min(1) })).min(1),
  useBatch: z.boolean().default(false),
});
export type JudgeJobParams = z.infer<typeof judgeJobParamsSchema>;

export type Answer<T> = { value: T } | { unscored: string; answer?: unknown };

/**
 * Asks the model; an answer that still breaks the format after the repair round is kept with its
 * reason (and its last content, so the valid criteria can be saved), never an error or a 0.
 */
async function readableOrUnscored<T>(ask: () => Promise<T>): Promise<Answer<T>> {
  try {
    return { value: await ask() };
  } catch (err) {
    if (err instanceof InvalidAnswerError) return { unscored: err.message, answer: err.answer };
    if (err instanceof ProviderCallError && err.errorClass === 'invalid_output') return { unscored: err.message };
    throw err;
  }
}

/** Per criterion: whatever the answer holds that can be trusted is kept, and only the bad criteria are marked, each with its reason. */
export function readJudgment(rubric: JudgeJobParams['rubric'], quality: Answer<unknown>): JudgmentResult {
  if ('value' in quality) return parseJudgment(rubric, quality.value);
  if (quality.answer !== undefined) {
    const partial = parseJudgment(rubric, quality.answer);
    if (partial.ok) return partial;
  }
  return { ok: false, reason: quality.unscored };
}

type JudgeItemResult = { status: 'scored' | 'unscored'; problems: string[] };

type JudgeItem = { sessionId: string; repeat: number };
type JudgeDeps = { gateway: LlmGateway; sessions: SessionsRepo; judgments: JudgmentsRepo };

/** The judgment request and the safety-check request for one item, the same whether sent now or in a batch. */
function judgeRequests(deps: JudgeDeps, params: JudgeJobParams, input: JudgeItem) {
  const session = deps.sessions.get(input.sessionId);
  if (!session) throw new Error('The session was deleted before it was judged.');
  const lines = session.turns.map((t, i) => `[${i + 1}] ${t.role}: ${t.text}`).join('\n');
  const common = { temperature: params.temperature, seed: input.repeat };
  return {
    quality: {
      ...common,
      purpose: 'judge',
      messages: [{ role: 'user' as const, content: buildJudgePrompt(params.prompt.template, params.rubric, session.turns) }],
      schema: judgmentSchemaFor(params.rubric),
      schemaName: 'judgment',
    },
    // The safety check runs on every session, whatever the rubric: risk must never depend on which rubric was chosen.
    safety: {
      ...common,
      purpose: 'safety-check',
      messages: [{ role: 'user' as const, content: renderTemplate(params.safetyPrompt.template, { transcript: lines }) }],
      schema: safetyCheckSchema,
      schemaName: 'safety',
    },
  };
}

/**
 * Stores one judgment (or its unscored record) and brings the session's score, flags and review priority up to date.
 * The sample project stores its hand-written judge answers through here too, so they read like any judgment.
 */
export function storeJudgment(
  deps: Omit<JudgeDeps, 'gateway'>,
  params: Pick<JudgeJobParams, 'rubric' | 'model' | 'prompt'>,
  input: JudgeItem,
  quality: Answer<unknown>,
  check: SafetyCheck | null,
): JudgeItemResult {
  let result = readJudgment(params.rubric, quality);
  if (result.ok) result = { ...result, safety: mergeSafety(result.safety, check) };
  deps.judgments.save({
    id: newId(),
    sessionId: input.sessionId,
    rubricId: params.rubric.id,
    repeat: input.repeat,
    judgeModel: params.model,
    judgePrompt: `${params.prompt.name} v${params.prompt.version}`,
    rubricVersion: params.rubric.version,
    result,
    createdAt: Date.now(),
  });
  recomputeReview(deps, input.sessionId, params.rubric, check);
  return { status: isUsable(result) ? 'scored' : 'unscored', problems: judgmentProblems(params.rubric, result) };
}

/**
 * Judges sessions against a rubric, each one k times (repeat 1..k), with a separate safety check per
 * judgment. After each judgment the session's score, flags and review priority are brought up to date.
 */
export function judgeJob(deps: JudgeDeps): JobHandler<JudgeJobParams, JudgeItem, JudgeItemResult> {
  return {
    ...jobKinds.judge,
    assess: assessJudged,
    unit: { one: 'answer', many: 'answers' },
    paramsSchema: judgeJobParamsSchema,
    title: (p) => {
      const n = new Set(p.items.map((i) => i.sessionId)).size;
      return `Judge ${n} ${n === 1 ? 'session' : 'sessions'} on ${p.rubric.name} with ${p.model}`;
    },
    plan: (p) => p.items,
    concurrency: (p) => p.concurrency,
    async runItem({ jobId, params, input, signal }) {
      const requests = judgeRequests(deps, params, input);
      const call = { providerId: params.providerId, model: params.model, jobId, signal };
      const quality = await readableOrUnscored(() => deps.gateway.chatStructured({ ...call, ...requests.quality }));
      const safety = await readableOrUnscored(() => deps.gateway.chatStructured({ ...call, ...requests.safety }));
      const cost = ('value' in quality ? (quality.value.costUsd ?? 0) : 0) + ('value' in safety ? (safety.value.costUsd ?? 0) : 0);
      return {
        costUsd: cost,
        store: () =>
          storeJudgment(
            deps,
            params,
            input,
            'value' in quality ? { value: quality.value.value } : quality,
            'value' in safety ? safety.value.value : null,
          ),
      };
    },
    batch: {
      purpose: 'judge',
      provider: (p) => ({ providerId: p.providerId, model: p.model }),
      requests: ({ params, input }) => {
        const { quality, safety } = judgeRequests(deps, params, input);
        return [quality, safety];
      },
      accept: ({ params, input }, [quality, safety]) => {
        // A provider error leaves the item failed (it can be judged again); an answer that cannot be read is unscored, as in a direct run.
        if (!quality || quality.text === null) throw new Error(quality?.error ?? 'The batch answered the judgment without text.');
        // Read per criterion, like a direct answer after its repair round: one bad score does not discard the others.
        const answer = parseJson(quality.text);
        const check = safety?.text ? safetyCheckSchema.safeParse(parseJson(safety.text)) : null;
        const stored: Answer<unknown> =
          answer === null || answer === undefined ? { unscored: 'The answer is not JSON.' } : { value: answer };
        return {
          costUsd: (quality.costUsd ?? 0) + (safety?.costUsd ?? 0),
          store: () => storeJudgment(deps, params, input, stored, check?.success ? check.data : null),
        };
      },
    },
  };
}

/** Reads a judge item's stored result for the job's honest count; results from before problems were recorded count as they were. */
export function assessJudged(result: unknown): { usable: boolean; problems: string[] } {
  const r = (result ?? {}) as Partial<JudgeItemResult>;
  return {
    usable: r.status === 'scored',
    problems: Array.isArray(r.problems) ? r.problems : r.status === 'scored' ? [] : ['could not be read'],
  };
}
