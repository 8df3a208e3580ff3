import { z } from 'zod';
import { capabilitiesSchema, presetIdSchema } from '../domain/provider';
import type { KeyStorageInfo, PresetId, ProviderPreset, ProviderView, Capabilities } from '../domain/provider';
import type { JobSummary } from '../domain/job';
import { idSchema } from '../domain/ids';
import type { InputSchemas, Method, NoInput } from './contractTypes';

const baseUrl = z
  .string()
  .trim()
  .url('must be a URL such as http://127.0.0.1:11434/v1')
  .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://');

const envVarName = z.string().regex(/^[A-Z_][A-Z0-9_]{0,127}$/, 'must be an environment variable name such as OPENAI_API_KEY');

export interface ProviderTestResult {
  ok: boolean;
  latencyMs: number;
  models: string[];
  message: string;
}

export interface SpeedTestParams {
  providerId: string;
  model: string;
  calls: number;
  concurrency: number;
  maxTokens: number;
  budgetUsd?: number | null | undefined;
}

export interface ProvidersApi {
  'providers.presets': Method<NoInput, ProviderPreset[]>;
  'providers.list': Method<NoInput, ProviderView[]>;
  'providers.add': Method<
    {
      name: string;
      preset: PresetId;
      baseUrl?: string | undefined;
      apiKeyEnv?: string | null | undefined;
      concurrency?: number | undefined;
      capabilities?: Capabilities | undefined;
    },
    ProviderView
  >;
  'providers.update': Method<
    {
      id: string;
      name?: string | undefined;
      baseUrl?: string | undefined;
      apiKeyEnv?: string | null | undefined;
      concurrency?: number | undefined;
      timeoutMs?: number | undefined;
      maxRetries?: number | undefined;
      capabilities?: Capabilities | undefined;
    },
    ProviderView
  >;
  'providers.remove': Method<{ id: string }, null>;
  /** Stores a key. Where only insecure storage exists, it stays in memory unless `persist` is true. */
  'providers.setKey': Method<{ id: string; key: string; persist?: boolean | undefined }, ProviderView>;
  'providers.clearKey': Method<{ id: string }, ProviderView>;
  'providers.keyStorage': Method<NoInput, KeyStorageInfo>;
  /** Allows the provider's environment variable as its key, for its current base URL, on this computer. */
  'providers.allowKeyEnv': Method<{ id: string }, ProviderView>;
  /** Lists the provider's models (and records them in the model registry). */
  'providers.test': Method<{ id: string }, ProviderTestResult>;
  'providers.startSpeedTest': Method<SpeedTestParams, JobSummary>;
}

export const providersInputs = {
  'providers.presets': z.strictObject({}),
  'providers.list': z.strictObject({}),
  'providers.add': z.strictObject({
    name: z.string().trim().min(1, 'a name is required').max(100),
    preset: presetIdSchema(),
    baseUrl: baseUrl.optional(),
    apiKeyEnv: envVarName.nullable().optional(),
    concurrency: z.number().int().min(1).max(64).optional(),
    capabilities: capabilitiesSchema().optional(),
  }),
  'providers.update': z.strictObject({
    id: idSchema,
    name: z.string().trim().min(1).max(100).optional(),
    baseUrl: baseUrl.optional(),
    apiKeyEnv: envVarName.nullable().optional(),
    concurrency: z.number().int().min(1).max(64).optional(),
    timeoutMs: z.number().int().min(1000).max(600_000).optional(),
    maxRetries: z.number().int().min(0).max(10).optional(),
    capabilities: capabilitiesSchema().optional(),
  }),
  'providers.remove': z.strictObject({ id: idSchema }),
  'providers.setKey': z.strictObject({
    id: idSchema,
    key: z.string().trim().min(1, 'the key is empty').max(1000).regex(/^\S+$/, 'a key has no spaces'),
    persist: z.boolean().optional(),
  }),
  'providers.clearKey': z.strictObject({ id: idSchema }),
  'providers.keyStorage': z.strictObject({}),
  'providers.allowKeyEnv': z.strictObject({ id: idSchema }),
  'providers.test': z.strictObject({ id: idSchema }),
  'providers.startSpeedTest': z.strictObject({
    providerId: idSchema,
    model: z.string().trim().min(1).max(200),
    calls: z.number().int().min(1).max(1000),
    concurrency: z.number().int().min(1).max(64),
    maxTokens: z.number().int().min(1).max(4096),
    budgetUsd: z.number().positive().max(100_000).nullable().optional(),
  }),
} satisfies InputSchemas<ProvidersApi>;
