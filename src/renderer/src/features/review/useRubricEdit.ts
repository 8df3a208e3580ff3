import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RubricView } from '../../../../shared/api/judging';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';

/**
 * Saves one of the project's rubrics. The backend sends no change event for rubrics, so the list (which
 * the judge panel in Review reads too) is updated here at once and then refetched.
 */
export function useSaveRubric() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (rubric: Record<string, unknown>) => api.rubrics.save({ rubric }),
    onSuccess: (saved) => {
      client.setQueryData<RubricView[]>(queryKeys.rubrics, (old) =>
        old ? (old.some((r) => r.id === saved.id) ? old.map((r) => (r.id === saved.id ? saved : r)) : [...old, saved]) : old,
      );
      void client.invalidateQueries({ queryKey: queryKeys.rubrics });
    },
  });
}
