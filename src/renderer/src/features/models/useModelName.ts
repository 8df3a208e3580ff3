import { useProviders } from '../providers/useProviders';
import { useModels } from './useModels';

/**
 * Names people read: the registry's name for a model ("Hybrid v1 (gpt-4o-mini-2024-07-18)"), and for
 * hovering, its id at its provider. Falls back to the id while the registry loads or lacks the model.
 */
export function useModelName(): (providerId: string | null, modelId: string) => { name: string; hover: string } {
  const registry = useModels(null);
  const providers = useProviders();
  return (providerId, modelId) => {
    const entry = (registry.data ?? []).find((m) => m.modelId === modelId && (providerId === null || m.providerId === providerId));
    const provider = (providers.data ?? []).find((p) => p.id === (providerId ?? entry?.providerId));
    return {
      name: entry?.displayName ?? modelId,
      hover: provider ? `${modelId} at ${provider.name} (provider id ${provider.id})` : modelId,
    };
  };
}
