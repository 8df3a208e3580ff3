import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';

export const SESSIONS_PAGE_SIZE = 25;

export function useSessions(offset: number) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.sessions(offset, SESSIONS_PAGE_SIZE),
    queryFn: () => api.sessions.list({ offset, limit: SESSIONS_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
}

export function useSession(id: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.session(id), queryFn: () => api.sessions.get({ id }) });
}
