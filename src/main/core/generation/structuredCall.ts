import type { z } from 'zod';
import type { LlmGateway } from '../llm/gateway';

export interface GenerationSettings {
  providerId: string;
  model: string;
  temperature: number;
  seed: number;
  prompt: { name: string; version: number; template: string };
}

/** Where a generated item came from, kept with it: prompt version, model, parameters, seed, tokens, cost. */
export interface Provenance {
  jobId: string;
  prompt: { name: string; version: number };
  providerId: string;
  model: string;
  temperature: number;
  seed: number;
  callIds: string[];
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  /** Answered through the Batch API (at its price). */
  batch?: boolean;
}

/** One structured-output call with its provenance; the gateway retries once with the validation error. */
export async function generateStructured<T>(
  gateway: LlmGateway,
  settings: GenerationSettings,
  call: {
    jobId: string;
    purpose: string;
    seed: number;
    signal: AbortSignal;
    messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
    schema: z.ZodType<T>;
    schemaName: string;
  },
): Promise<{ value: T; provenance: Provenance }> {
  const answer = await gateway.chatStructured({
    providerId: settings.providerId,
    model: settings.model,
    purpose: call.purpose,
    jobId: call.jobId,
    temperature: settings.temperature,
    seed: call.seed,
    signal: call.signal,
    messages: call.messages,
    schema: call.schema,
    schemaName: call.schemaName,
  });
  return {
    value: answer.value,
    provenance: {
      jobId: call.jobId,
      prompt: { name: settings.prompt.name, version: settings.prompt.version },
      providerId: settings.providerId,
      model: settings.model,
      temperature: settings.temperature,
      seed: call.seed,
      callIds: [answer.callId],
      tokensIn: answer.usage.tokensIn ?? 0,
      tokensOut: answer.usage.tokensOut ?? 0,
      costUsd: answer.costUsd ?? 0,
    },
  };
}
