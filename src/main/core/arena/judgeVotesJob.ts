import { z } from 'zod';
import type { JobHandler } from '../jobs/jobHandler';
import { jobKinds } from '../jobs/jobKinds';
import { InvalidAnswerError, type LlmGateway } from '../llm/gateway';
import { ProviderCallError } from '../llm/providerErrors';
import { buildJudgePrompt, judgmentProblems, judgmentSchemaFor, parseJudgment } from '../judging/judgment';
import { normalisedScore, rubricSchema } from '../judging/rubric';
import type { ArenaRepo } from './arenaRepo';
import { thread } from './threads';
import { promptRefSchema } from '../generation/runParams';

export const judgeVotesParamsSchema = z.object({
  providerId: z.string(),
  model: z.string(),
  concurrency: z.number().int().min(1),
  rubric: rubricSchema,
  prompt: promptRefSchema,
  items: z.array(z.object({ conversationId: z.string(), column: z.number().int().min(0) })).min(1),
});
export type JudgeVotesParams = z.infer<typeof judgeVotesParamsSchema>;

/**
 * Judges each column of the voted blind comparisons on a rubric, so the leaderboard can say how often
 * the judge prefers the answer people preferred. A column's score is the mean of its criteria, each
 * put on 0–1 so scales do not weigh differently; an unreadable answer leaves it unscored.
 */
export function judgeVotesJob(deps: {
  gateway: LlmGateway;
  arena: ArenaRepo;
}): JobHandler<JudgeVotesParams, { conversationId: string; column: number }, { score: number | null; problems?: string[] }> {
  return {
    ...jobKinds.arenaJudge,
    assess: (r) => ({ usable: r.score !== null, problems: r.problems ?? (r.score === null ? ['could not be read'] : []) }),
    unit: { one: 'answer', many: 'answers' },
    paramsSchema: judgeVotesParamsSchema,
    title: (p) => `Judge ${p.items.length / 2} voted comparisons on ${p.rubric.name} with ${p.model}`,
    plan: (p) => p.items,
    concurrency: (p) => p.concurrency,
    async runItem({ jobId, params, input, signal }) {
      const c = deps.arena.get(input.conversationId);
      if (!c) throw new Error('The conversation was deleted before it was judged.');
      const turns = thread(deps.arena.messages(c.id), c.heads[input.column] ?? null).map((m) => ({ role: m.role, text: m.text }));
      let score: number | null = null;
      let result: object;
      let cost = 0;
      let problems: string[];
      try {
        const answer = await deps.gateway
          .chatStructured({
            providerId: params.providerId,
            model: params.model,
            jobId,
            signal,
            purpose: 'arena-judge',
            temperature: 0,
            messages: [{ role: 'user', content: buildJudgePrompt(params.prompt.template, params.rubric, turns) }],
            schema: judgmentSchemaFor(params.rubric),
            schemaName: 'judgment',
          })
          // After the repair round the valid criteria of the last answer still count; only the bad ones are marked.
          .catch((err: unknown) => {
            if (err instanceof InvalidAnswerError && err.answer !== undefined && parseJudgment(params.rubric, err.answer).ok)
              return { value: err.answer, costUsd: 0 };
            throw err;
          });
        cost = answer.costUsd ?? 0;
        const judgment = parseJudgment(params.rubric, answer.value);
        result = judgment;
        problems = judgmentProblems(params.rubric, judgment);
        if (judgment.ok) {
          const values = params.rubric.criteria.flatMap((k) => {
            const s = judgment.scores[k.id]?.score;
            return typeof s === 'number' ? [normalisedScore(k, s)] : [];
          });
          score = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
        }
      } catch (err) {
        if (!(err instanceof ProviderCallError && err.errorClass === 'invalid_output')) throw err;
        result = { ok: false, reason: err.message };
        problems = ['could not be read'];
      }
      return {
        costUsd: cost,
        store: () => {
          deps.arena.saveJudgment(c.id, input.column, score, result, Date.now());
          return { score, problems };
        },
      };
    },
  };
}
