import { useMutation, useQuery } from '@tanstack/react-query';
import type { ApiInput } from '../../../../shared/api';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';

/** Detected details of every session awaiting review, grouped by entity. */
export function usePendingEntities(search: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.pendingDetails(search), queryFn: () => api.redaction.entities(search ? { search } : {}) });
}

export function useDecideEntity() {
  const api = useApi();
  return useMutation({ mutationFn: (input: ApiInput<'redaction.decideEntity'>) => api.redaction.decideEntity(input) });
}

export function useApplySelection() {
  const api = useApi();
  return useMutation({ mutationFn: (input: ApiInput<'redaction.applySelection'>) => api.redaction.applySelection(input) });
}
