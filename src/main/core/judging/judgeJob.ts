import { z } from 'zod';
import type { JobHandler } from '../jobs/jobHandler';
import type { LlmGateway } from '../llm/gateway';
import { ProviderCallError } from '../llm/providerErrors';
import { renderTemplate } from '../generation/templates';
import type { SessionsRepo } from '../sessions/sessionsRepo';
import { newId } from '../util/ids';
import { buildJudgePrompt, judgmentSchemaFor, parseJudgment, type JudgmentResult } from './judgment';
import type { JudgmentsRepo } from './judgmentsRepo';
import { recomputeReview } from './reviewState';
import { rubricSchema } from './rubric';
import { mergeSafety, safetyCheckSchema, type SafetyCheck } from './safetyCheck';

const promptRef = z.object({ name: z.string(), version: z.number(), template: z.string() });

export const judgeJobParamsSchema = z.object({
  providerId: z.string(),
  model: z.string(),
  temperature: z.number(),
  concurrency: z.number().int().min(1),
  rubric: rubricSchema,
  prompt: promptRef,
  safetyPrompt: promptRef,
  items: z.array(z.object({ sessionId: z.string(), repeat: z.number().int().min(1) })).min(1),
});
export type JudgeJobParams = z.infer<typeof judgeJobParamsSchema>;

/** Asks the model; an answer that cannot be read becomes "unscored" (kept, with the reason), never an error or a 0. */
async function readableOrUnscored<T>(ask: () => Promise<T>): Promise<{ value: T } | { unscored: string }> {
  try {
    return { value: await ask() };
  } catch (err) {
    if (err instanceof ProviderCallError && err.errorClass === 'invalid_output') return { unscored: err.message };
    throw err;
  }
}

/**
 * Judges sessions against a rubric, each one k times (repeat 1..k), with a separate safety check per
 * judgment. After each judgment the session's score, flags and review priority are brought up to date.
 */
export function judgeJob(deps: { gateway: LlmGateway; sessions: SessionsRepo; judgments: JudgmentsRepo }): JobHandler<JudgeJobParams, { sessionId: string; repeat: number }, { status: 'scored' | 'unscored' }> {
  return {
    kind: 'judge',
    paramsSchema: judgeJobParamsSchema,
    title: (p) => `Judge ${new Set(p.items.map((i) => i.sessionId)).size} session(s) on ${p.rubric.name} with ${p.model}`,
    plan: (p) => p.items,
    concurrency: (p) => p.concurrency,
    async runItem({ jobId, params, input, signal }) {
      const session = deps.sessions.get(input.sessionId);
      if (!session) throw new Error('The session was deleted before it was judged.');
      const transcript = session.turns;
      const call = { providerId: params.providerId, model: params.model, jobId, temperature: params.temperature, seed: input.repeat, signal };
      const quality = await readableOrUnscored(() =>
        deps.gateway.chatStructured({ ...call, purpose: 'judge', messages: [{ role: 'user', content: buildJudgePrompt(params.prompt.template, params.rubric, transcript) }], schema: judgmentSchemaFor(params.rubric), schemaName: 'judgment' }),
      );
      // The safety check runs on every session, whatever the rubric: risk must never depend on which rubric was chosen.
      const lines = transcript.map((t, i) => `[${i + 1}] ${t.role}: ${t.text}`).join('\n');
      const safety = await readableOrUnscored(() =>
        deps.gateway.chatStructured({ ...call, purpose: 'safety-check', messages: [{ role: 'user', content: renderTemplate(params.safetyPrompt.template, { transcript: lines }) }], schema: safetyCheckSchema, schemaName: 'safety' }),
      );
      const check: SafetyCheck | null = 'value' in safety ? safety.value.value : null;
      const cost = ('value' in quality ? (quality.value.costUsd ?? 0) : 0) + ('value' in safety ? (safety.value.costUsd ?? 0) : 0);
      let result: JudgmentResult = 'value' in quality ? parseJudgment(params.rubric, quality.value.value) : { ok: false, reason: quality.unscored };
      if (result.ok) result = { ...result, safety: mergeSafety(result.safety, check) };
      deps.judgments.save({ id: newId(), sessionId: input.sessionId, rubricId: params.rubric.id, repeat: input.repeat, judgeModel: params.model, result, createdAt: Date.now() });
      recomputeReview(deps, input.sessionId, params.rubric, check);
      return { result: { status: result.ok ? 'scored' : 'unscored' }, costUsd: cost };
    },
  };
}
