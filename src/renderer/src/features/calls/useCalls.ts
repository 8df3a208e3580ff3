import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CallStatus } from '../../../../shared/domain/call';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';

export const CALLS_PAGE_SIZE = 50;

export function useCalls(offset: number, status: CallStatus | null) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.calls(offset, CALLS_PAGE_SIZE, status ?? 'all'),
    queryFn: () => api.calls.list({ offset, limit: CALLS_PAGE_SIZE, ...(status ? { status } : {}) }),
    placeholderData: keepPreviousData,
  });
}

export function useCallTotals() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.callTotals, queryFn: () => api.calls.totals() });
}

export function useCallsByPurpose() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.callsByPurpose, queryFn: () => api.calls.byPurpose() });
}
