import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';

/** The study checklist; any change to the project's data refetches it (see useLiveUpdates). */
export function useStudy() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.study, queryFn: () => api.study.status() });
}
