import type { Capabilities, PresetId, ProviderPreset } from './provider';

const localServer: Capabilities = {
  chat: true,
  structuredOutput: true,
  embeddings: true,
  files: false,
  batches: false,
  fineTuning: false,
  transcription: false,
};

const hosted: Capabilities = { ...localServer, files: true };

/**
 * Known endpoints. Local servers speak chat, streaming and JSON-schema output but have no files,
 * batches or fine-tuning (DOMAIN.md, "Providers").
 */
export const providerPresets: readonly ProviderPreset[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    apiKeyEnv: 'OPENAI_API_KEY',
    needsKey: true,
    concurrency: 8,
    capabilities: {
      chat: true,
      structuredOutput: true,
      embeddings: true,
      files: true,
      batches: true,
      fineTuning: true,
      transcription: true,
    },
    hint: 'Needs an API key from your OpenAI account.',
  },
  {
    id: 'ollama',
    label: 'Ollama',
    baseUrl: 'http://127.0.0.1:11434/v1',
    apiKeyEnv: null,
    needsKey: false,
    concurrency: 1,
    capabilities: localServer,
    hint: 'Runs on this machine; no key needed.',
  },
  {
    id: 'lmstudio',
    label: 'LM Studio',
    baseUrl: 'http://127.0.0.1:1234/v1',
    apiKeyEnv: null,
    needsKey: false,
    concurrency: 1,
    capabilities: localServer,
    hint: 'Start the local server in LM Studio first.',
  },
  {
    id: 'vllm',
    label: 'vLLM',
    baseUrl: 'http://127.0.0.1:8000/v1',
    apiKeyEnv: 'VLLM_API_KEY',
    needsKey: false,
    concurrency: 8,
    capabilities: localServer,
    hint: 'A key only if the server was started with --api-key.',
  },
  {
    id: 'llamacpp',
    label: 'llama.cpp server',
    baseUrl: 'http://127.0.0.1:8080/v1',
    apiKeyEnv: null,
    needsKey: false,
    concurrency: 1,
    capabilities: localServer,
    hint: 'Start llama-server first.',
  },
  {
    id: 'together',
    label: 'Together AI',
    baseUrl: 'https://api.together.xyz/v1',
    apiKeyEnv: 'TOGETHER_API_KEY',
    needsKey: true,
    concurrency: 8,
    capabilities: { ...hosted, fineTuning: true },
    hint: 'Hosted open models and fine-tuning.',
  },
  {
    id: 'fireworks',
    label: 'Fireworks AI',
    baseUrl: 'https://api.fireworks.ai/inference/v1',
    apiKeyEnv: 'FIREWORKS_API_KEY',
    needsKey: true,
    concurrency: 8,
    capabilities: hosted,
    hint: 'Hosted open models.',
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    apiKeyEnv: 'OPENROUTER_API_KEY',
    needsKey: true,
    concurrency: 4,
    capabilities: { ...localServer, embeddings: false },
    hint: 'One key for many hosted models.',
  },
  {
    id: 'custom',
    label: 'Other OpenAI-compatible endpoint',
    baseUrl: 'http://127.0.0.1:8000/v1',
    apiKeyEnv: null,
    needsKey: false,
    concurrency: 2,
    capabilities: localServer,
    hint: 'Any server that speaks the OpenAI chat API.',
  },
];

export function presetById(id: PresetId): ProviderPreset {
  const preset = providerPresets.find((p) => p.id === id);
  if (!preset) throw new Error(`unknown provider preset ${id}`);
  return preset;
}
