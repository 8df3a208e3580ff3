import type { EvalRunSpec } from '../../../shared/api/evaluation';
import type { GenerationEstimate } from '../../../shared/api/generation';
import { batchEstimate, estimateRun, type CallShape } from '../generation/estimate';
import { currentPrompt } from '../generation/domainPack';
import { countTokens } from '../imports/tokens';
import { scoringKinds } from './startScoring';
import type { JobsRepo } from '../jobs/jobsRepo';
import type { ProjectMetaRepo } from '../db/projectMetaRepo';
import type { PricesRepo } from '../llm/pricesRepo';
import type { PromptsRepo } from '../generation/promptsRepo';
import type { ProvidersRepo } from '../llm/providersRepo';

/** Rough sizes for the estimate: a client or counselor line, and a judge's answer. */
const LINE_TOKENS = 120;
const JUDGE_OUTPUT_TOKENS = 500;

export type EvalRunEstimate = GenerationEstimate & { conversations: number; judgments: number };

/**
 * The calls a run makes, by who makes them: the models under test answer every counselor turn, the
 * simulated client every client turn (one opening per scenario and seed is shared by all arms), and the
 * judge every rubric repeat, safety check and formulation of every conversation.
 */
export function evalRunShapes(
  spec: EvalRunSpec,
  scenarios: number,
  judgePromptTokens: number,
): { counselor: CallShape; client: CallShape; judge: CallShape; conversations: number; judgments: number } {
  const conversations = scenarios * spec.arms.length * spec.seeds;
  // The conversation so far: on average half of the last one, read by both sides.
  const history = LINE_TOKENS * spec.turns;
  const judgments = conversations * scoringKinds(spec).reduce((a, k) => a + k.repeats, 0);
  return {
    counselor: { calls: conversations * spec.turns, tokensInPerCall: 400 + history, tokensOutPerCall: LINE_TOKENS },
    client: {
      calls: conversations * spec.turns - scenarios * spec.seeds * (spec.arms.length - 1),
      tokensInPerCall: 600 + history,
      tokensOutPerCall: LINE_TOKENS,
    },
    judge: {
      calls: judgments,
      tokensInPerCall: judgePromptTokens + LINE_TOKENS * spec.turns * 2 + 400,
      tokensOutPerCall: JUDGE_OUTPUT_TOKENS,
    },
    conversations,
    judgments,
  };
}

/** Parts added up; cost and time are unknown as soon as one part's is. */
export function sumEstimates(parts: readonly GenerationEstimate[]): Omit<GenerationEstimate, 'basis'> {
  const sum = (k: 'calls' | 'tokensIn' | 'tokensOut') => parts.reduce((a, e) => a + e[k], 0);
  return {
    calls: sum('calls'),
    tokensIn: sum('tokensIn'),
    tokensOut: sum('tokensOut'),
    costUsd: parts.some((e) => e.costUsd === null) ? null : parts.reduce((a, e) => a + (e.costUsd ?? 0), 0),
    seconds: parts.some((e) => e.seconds === null) ? null : parts.reduce((a, e) => a + (e.seconds ?? 0), 0),
  };
}

/** What a run of `spec` over a set of `scenarios` will cost and take, from the project's prices and speed tests. */
export function estimateEvalRun(
  project: { providers: ProvidersRepo; prices: PricesRepo; jobsRepo: JobsRepo; meta: ProjectMetaRepo; prompts: PromptsRepo },
  spec: EvalRunSpec,
  scenarios: number,
): EvalRunEstimate {
  const shapes = evalRunShapes(spec, scenarios, countTokens(currentPrompt(project, 'judge').template));
  const prices = project.prices.list();
  const estimate = (shape: CallShape, who: { providerId: string; model: string }) =>
    estimateRun(shape, who.model, who.providerId, project.providers.get(who.providerId)!.concurrency, prices, project.jobsRepo);
  const judging = estimate(shapes.judge, spec.judge);
  // Batch scoring: the discount, and no time estimate (the provider's queue decides).
  const judged = spec.useBatchForScoring ? { ...batchEstimate(judging), basis: judging.basis } : judging;
  const total = sumEstimates([estimate(shapes.counselor, spec.arms[0]!), estimate(shapes.client, spec.simulator), judged]);
  return {
    ...total,
    basis: `${shapes.conversations} conversations of ${spec.turns} counselor turns, then ${shapes.judgments} judgments. ${total.costUsd === null ? 'A model has no price in Settings > Models, so the cost is unknown. ' : ''}${judged.basis}`,
    conversations: shapes.conversations,
    judgments: shapes.judgments,
  };
}
