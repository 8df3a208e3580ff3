import type { ModelsRepo } from './modelsRepo';

/**
 * The name people gave a model in the registry ("Hybrid v1 (gpt-4o-mini-2024-07-18)"), or its id when
 * the registry does not know it. Without a provider, the first entry with that id anywhere is used.
 */
export function registryName(models: ModelsRepo, providerId: string | null, modelId: string): string {
  const entry = providerId ? models.find(providerId, modelId) : models.list().find((m) => m.modelId === modelId);
  return entry?.displayName ?? modelId;
}
