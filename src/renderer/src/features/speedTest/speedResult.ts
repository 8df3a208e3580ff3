import { z } from 'zod';

const n = z.number().nullable().optional();

/** The figures a finished speed test stores in `job.result` (see the speed test job). */
export const speedResultSchema = z.object({
  succeeded: z.number(),
  failed: z.number(),
  latencyMs: z.object({ p50: z.number(), p90: z.number(), p99: z.number() }).optional(),
  ttftMsP50: n,
  tokensPerSecondPerCall: n,
  throughputTokensPerSecond: n,
  callsPerMinute: n,
  outputTokens: n,
  errors: z.record(z.string(), z.number()).optional(),
});
export type SpeedResult = z.infer<typeof speedResultSchema>;

export function parseSpeedResult(result: unknown): SpeedResult | null {
  const parsed = speedResultSchema.safeParse(result);
  return parsed.success ? parsed.data : null;
}

export function describeErrors(errors: Record<string, number> | undefined): string {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return 'none';
  return entries.map(([reason, count]) => `${count} × ${reason}`).join('; ');
}
