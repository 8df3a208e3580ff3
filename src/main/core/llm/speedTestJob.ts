import { mean, quantileSorted } from 'simple-statistics';
import { z } from 'zod';
import { resultOnly, type JobHandler } from '../jobs/jobHandler';
import { jobKinds } from '../jobs/jobKinds';
import type { ItemRow } from '../jobs/jobRows';
import type { LlmGateway } from './gateway';

export const speedTestParamsSchema = z.object({
  providerId: z.string(),
  providerName: z.string(),
  model: z.string(),
  calls: z.number().int().min(1),
  concurrency: z.number().int().min(1),
  maxTokens: z.number().int().min(1),
});
export type SpeedTestJobParams = z.infer<typeof speedTestParamsSchema>;

interface SpeedSample {
  latencyMs: number;
  ttftMs: number | null;
  tokensOut: number | null;
}

const itemResultSchema = z.object({ latencyMs: z.number(), ttftMs: z.number().nullable(), tokensOut: z.number().nullable() });

/** Short questions so the test measures the provider, not the prompt. */
const prompts = [
  'In one sentence, what is a cognitive distortion?',
  'Name one technique used in CBT, in a few words.',
  'Reply with a short, kind greeting to a new client.',
  'Give one example of an automatic thought.',
];

/**
 * N short streamed calls at a chosen concurrency: latency percentiles, time to first token, tokens per
 * second and errors. Later estimates of time for generation and evaluation runs use these figures.
 */
export function speedTestJob(gateway: LlmGateway): JobHandler<SpeedTestJobParams, { index: number }, SpeedSample> {
  return {
    ...jobKinds.speedTest,
    paramsSchema: speedTestParamsSchema,
    title: (p) => `Speed test: ${p.providerName} ${p.model} (${p.calls} calls × ${p.concurrency})`,
    plan: (p) => Array.from({ length: p.calls }, (_, index) => ({ index })),
    concurrency: (p) => p.concurrency,
    async runItem({ jobId, params, input, signal }) {
      const result = await gateway.chat({
        providerId: params.providerId,
        model: params.model,
        purpose: 'speed-test',
        jobId,
        maxTokens: params.maxTokens,
        temperature: 0,
        seed: input.index,
        signal,
        messages: [{ role: 'user', content: prompts[input.index % prompts.length]! }],
        onDelta: () => undefined,
      });
      return resultOnly(
        {
          latencyMs: Math.round(result.latencyMs),
          ttftMs: result.ttftMs === null ? null : Math.round(result.ttftMs),
          tokensOut: result.usage.tokensOut,
        },
        result.costUsd ?? 0,
      );
    },
    summarize: (_params, items, wallMs) => summarizeSpeed(items, wallMs),
  };
}

export function summarizeSpeed(items: ItemRow[], wallMs: number): Record<string, unknown> {
  const samples = items.filter((i) => i.status === 'done').map((i) => itemResultSchema.parse(i.result));
  const errors: Record<string, number> = {};
  for (const item of items.filter((i) => i.status === 'failed')) {
    const reason = (item.error ?? 'unknown').split(' (')[0]!;
    errors[reason] = (errors[reason] ?? 0) + 1;
  }
  if (samples.length === 0) return { succeeded: 0, failed: items.filter((i) => i.status === 'failed').length, errors };
  const latencies = samples.map((s) => s.latencyMs).sort((a, b) => a - b);
  const ttfts = samples.flatMap((s) => (s.ttftMs === null ? [] : [s.ttftMs])).sort((a, b) => a - b);
  const tokens = samples.reduce((sum, s) => sum + (s.tokensOut ?? 0), 0);
  const perCall = samples.filter((s) => s.tokensOut && s.latencyMs > 0).map((s) => (s.tokensOut! / s.latencyMs) * 1000);
  return {
    succeeded: samples.length,
    failed: items.filter((i) => i.status === 'failed').length,
    latencyMs: {
      p50: quantileSorted(latencies, 0.5),
      p90: quantileSorted(latencies, 0.9),
      p99: quantileSorted(latencies, 0.99),
      mean: mean(latencies),
      min: latencies[0],
      max: latencies[latencies.length - 1],
    },
    ttftMsP50: ttfts.length ? quantileSorted(ttfts, 0.5) : null,
    tokensPerSecondPerCall: perCall.length ? mean(perCall) : null,
    throughputTokensPerSecond: wallMs > 0 ? (tokens / wallMs) * 1000 : null,
    callsPerMinute: wallMs > 0 ? (samples.length / wallMs) * 60_000 : null,
    outputTokens: tokens,
    errors,
  };
}
