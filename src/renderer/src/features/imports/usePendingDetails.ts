import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';

/** How many sessions of the project wait for a person to review their personal details; null until asked and loaded. */
export function usePendingDetailsCount(enabled: boolean): number | null {
  const api = useApi();
  const query = useQuery({
    queryKey: queryKeys.pendingDetailsCount,
    queryFn: async () => (await api.sessions.list({ pendingDetails: true, limit: 1 })).total,
    enabled,
  });
  return enabled && query.data !== undefined ? query.data : null;
}
