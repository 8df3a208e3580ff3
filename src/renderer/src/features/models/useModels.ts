import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../../../shared/api';
import type { ModelPrice } from '../../../../shared/domain/model';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';

export function useModels(providerId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.models(providerId),
    queryFn: () => api.models.list(providerId ? { providerId } : {}),
  });
}

export function useRoleDefaults() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.roleDefaults, queryFn: () => api.models.roleDefaults() });
}

export function useSetRoleDefault() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiInput<'models.setRoleDefault'>) => api.models.setRoleDefault(input),
    onSuccess: (defaults) => queryClient.setQueryData(queryKeys.roleDefaults, defaults),
  });
}

export function useRegisterModel() {
  const api = useApi();
  return useMutation({ mutationFn: (input: ApiInput<'models.register'>) => api.models.register(input) });
}

export function useRemoveModel() {
  const api = useApi();
  return useMutation({ mutationFn: (id: string) => api.models.remove({ id }) });
}

export function usePrices() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.prices, queryFn: () => api.models.prices() });
}

export function useSetPrice() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiInput<'models.setPrice'>) => api.models.setPrice(input),
    onSuccess: (price) =>
      queryClient.setQueryData<ModelPrice[]>(queryKeys.prices, (list) =>
        list ? [...list.filter((p) => p.model !== price.model), price].sort((a, b) => a.model.localeCompare(b.model)) : list,
      ),
  });
}

export function useRemovePrice() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (model: string) => api.models.removePrice({ model }),
    onSuccess: (_null, model) => queryClient.setQueryData<ModelPrice[]>(queryKeys.prices, (list) => list?.filter((p) => p.model !== model)),
  });
}
