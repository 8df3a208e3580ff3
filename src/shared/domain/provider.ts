import { z } from 'zod';
import { lazy } from './lazy';

// The schemas are built on first use: the CLI's command table (presetIds) and the providers repo load this
// module with every command and every project open.

/** What a provider can do; the UI offers only what the chosen provider supports. */
export const capabilitiesSchema = lazy(() =>
  z.strictObject({
    chat: z.boolean(),
    structuredOutput: z.boolean(),
    embeddings: z.boolean(),
    files: z.boolean(),
    batches: z.boolean(),
    fineTuning: z.boolean(),
    transcription: z.boolean(),
  }),
);
export type Capabilities = z.infer<ReturnType<typeof capabilitiesSchema>>;

export const presetIds = ['openai', 'ollama', 'lmstudio', 'vllm', 'llamacpp', 'together', 'fireworks', 'openrouter', 'custom'] as const;
export const presetIdSchema = lazy(() => z.enum(presetIds));
export type PresetId = (typeof presetIds)[number];

export interface ProviderPreset {
  id: PresetId;
  label: string;
  baseUrl: string;
  /** Environment variable browser mode and the CLI read the key from, when set. */
  apiKeyEnv: string | null;
  needsKey: boolean;
  concurrency: number;
  capabilities: Capabilities;
  hint: string;
}

export type KeyStorage = 'secure' | 'session' | 'file' | 'env' | 'none';

/** What the renderer may know about a key: never the key itself. */
export interface KeyStatus {
  hasKey: boolean;
  last4: string | null;
  storage: KeyStorage;
  /**
   * A key exists on this computer but is held back until the person allows it: the provider names an
   * environment variable nobody chose here (a project from elsewhere), or its base URL is not the one the key
   * was set for. Says which variable and which address would receive it.
   */
  heldBack: { reason: 'env-not-chosen-here' | 'base-url-changed'; env: string | null; baseUrl: string } | null;
}

export interface Provider {
  id: string;
  name: string;
  preset: PresetId;
  baseUrl: string;
  apiKeyEnv: string | null;
  concurrency: number;
  timeoutMs: number;
  maxRetries: number;
  capabilities: Capabilities;
  createdAt: number;
  updatedAt: number;
}

export interface ProviderView extends Provider {
  key: KeyStatus;
}

/** How keys are kept on this host, so the UI can warn before storing one insecurely. */
export interface KeyStorageInfo {
  backend: 'safeStorage' | 'basic_text' | 'file' | 'memory';
  secure: boolean;
  warning: string | null;
}
