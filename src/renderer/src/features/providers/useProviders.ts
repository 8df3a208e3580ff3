import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../../../shared/api';
import type { ProviderView } from '../../../../shared/domain/provider';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';

export function useProviders() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.providers, queryFn: () => api.providers.list() });
}

export function usePresets() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.presets, queryFn: () => api.providers.presets(), staleTime: Infinity });
}

export function useKeyStorage() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.keyStorage, queryFn: () => api.providers.keyStorage(), staleTime: Infinity });
}

/** Writes a changed provider into the list at once; the `data.changed` event refetches anyway. */
function useProviderWrite() {
  const queryClient = useQueryClient();
  return (provider: ProviderView) =>
    queryClient.setQueryData<ProviderView[]>(queryKeys.providers, (list) => {
      if (!list) return list;
      const rest = list.filter((p) => p.id !== provider.id);
      return [...rest, provider].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
    });
}

export function useAddProvider() {
  const api = useApi();
  const write = useProviderWrite();
  return useMutation({ mutationFn: (input: ApiInput<'providers.add'>) => api.providers.add(input), onSuccess: write });
}

export function useUpdateProvider() {
  const api = useApi();
  const write = useProviderWrite();
  return useMutation({ mutationFn: (input: ApiInput<'providers.update'>) => api.providers.update(input), onSuccess: write });
}

export function useSetKey() {
  const api = useApi();
  const write = useProviderWrite();
  return useMutation({ mutationFn: (input: ApiInput<'providers.setKey'>) => api.providers.setKey(input), onSuccess: write });
}

export function useClearKey() {
  const api = useApi();
  const write = useProviderWrite();
  return useMutation({ mutationFn: (id: string) => api.providers.clearKey({ id }), onSuccess: write });
}

/** Allows the environment variable a project from elsewhere names, for its shown base URL, on this computer. */
export function useAllowKeyEnv() {
  const api = useApi();
  const write = useProviderWrite();
  return useMutation({ mutationFn: (id: string) => api.providers.allowKeyEnv({ id }), onSuccess: write });
}

export function useRemoveProvider() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.providers.remove({ id }),
    onSuccess: (_null, id) => queryClient.setQueryData<ProviderView[]>(queryKeys.providers, (list) => list?.filter((p) => p.id !== id)),
  });
}

export function useTestProvider() {
  const api = useApi();
  return useMutation({ mutationFn: (id: string) => api.providers.test({ id }) });
}
