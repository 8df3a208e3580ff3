import type { GenerationEstimate } from '../../../shared/api/generation';
import type { ModelPrice } from '../../../shared/domain/model';
import type { JobsRepo } from '../jobs/jobsRepo';
import { BATCH_DISCOUNT } from '../llm/batchCalls';
import { costOf, findPrice } from '../llm/pricing';

export interface CallShape {
  calls: number;
  tokensInPerCall: number;
  tokensOutPerCall: number;
}

interface SpeedFigures {
  latencyMs?: { p50?: number };
  ttftMsP50?: number | null;
  tokensPerSecondPerCall?: number | null;
}

/**
 * What a run will cost and take before it starts: calls and tokens from the prompts, money from the
 * project's price table, time from the provider's last speed test at the chosen concurrency.
 */
export function estimateRun(
  shape: CallShape,
  model: string,
  providerId: string,
  concurrency: number,
  prices: readonly ModelPrice[],
  jobs: JobsRepo,
): GenerationEstimate {
  const tokensIn = Math.round(shape.calls * shape.tokensInPerCall);
  const tokensOut = Math.round(shape.calls * shape.tokensOutPerCall);
  const costUsd = costOf({ tokensIn, tokensOut, tokensCached: 0 }, findPrice(model, prices));
  const speed = jobs
    .list({ kind: 'speedTest', status: 'succeeded' }, 50)
    .sort((a, b) => Number(b.params.model === model) - Number(a.params.model === model))
    .find((j) => j.params.providerId === providerId && j.result);
  let seconds: number | null = null;
  let basis = 'No speed test for this provider yet; run one in Settings > Speed test for a time estimate.';
  if (speed?.result) {
    const figures = speed.result as SpeedFigures;
    const tps = figures.tokensPerSecondPerCall ?? null;
    const ttft = (figures.ttftMsP50 ?? figures.latencyMs?.p50 ?? 0) / 1000;
    const perCall = tps ? ttft + shape.tokensOutPerCall / tps : (figures.latencyMs?.p50 ?? 0) / 1000;
    seconds = Math.round((shape.calls * perCall) / Math.max(1, concurrency));
    basis = `From the speed test of ${String(speed.params.model)} on ${new Date(speed.createdAt).toLocaleDateString('en-GB')}, at concurrency ${concurrency}.`;
  }
  return { calls: shape.calls, tokensIn, tokensOut, costUsd, seconds, basis };
}

/** The Batch API halves the price; time depends on the provider's queue, so it is not estimated. */
export function batchEstimate(estimate: GenerationEstimate): GenerationEstimate {
  return {
    ...estimate,
    costUsd: estimate.costUsd === null ? null : estimate.costUsd * BATCH_DISCOUNT,
    seconds: null,
    basis: 'Batch API: half the price; the provider answers within 24 hours, usually much sooner.',
  };
}

/** A run's estimate in an open project (its prices, its speed tests), at Batch API prices when the run asks for them. */
export function estimateFor(
  project: { prices: { list(): readonly ModelPrice[] }; jobsRepo: JobsRepo },
  shape: CallShape,
  run: { model: string; providerId: string; concurrency: number; useBatch?: boolean | undefined },
): GenerationEstimate {
  const estimate = estimateRun(shape, run.model, run.providerId, run.concurrency, project.prices.list(), project.jobsRepo);
  return run.useBatch ? batchEstimate(estimate) : estimate;
}
