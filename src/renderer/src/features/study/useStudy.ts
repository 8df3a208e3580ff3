import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';
import { parseHash } from '../../lib/router';

/** The study checklist; any change to the project's data refetches it (see useLiveUpdates). */
export function useStudy() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.study, queryFn: () => api.study.status() });
}

/**
 * A project opens on the Study home, so its checklist is asked for alongside the open project rather
 * than after the shell has drawn: one round trip less before the first screen shows its counts. With no
 * project open the answer is an error nobody sees; opening a project resets it (applyCurrentProject).
 */
export function usePrefetchStudy(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (parseHash(window.location.hash).area === 'study')
      void queryClient.prefetchQuery({ queryKey: queryKeys.study, queryFn: () => api.study.status() });
  }, [api, queryClient]);
}
