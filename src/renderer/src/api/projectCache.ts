import type { QueryClient } from '@tanstack/react-query';
import type { ProjectInfo } from '../../../shared/domain/project';
import { isAppWide, queryKeys } from './queryKeys';

/**
 * Records which project is open. Another file means every project-scoped query belongs to the old
 * project, so those are reset (not merely refetched: the old project's rows must not show meanwhile);
 * the same file (a rename) only refreshes the project's own details.
 */
export function applyCurrentProject(queryClient: QueryClient, info: ProjectInfo | null): void {
  const previous = queryClient.getQueryData<ProjectInfo | null>(queryKeys.currentProject);
  queryClient.setQueryData(queryKeys.currentProject, info);
  if (previous !== undefined && previous?.file === info?.file) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.projectDetails });
    void queryClient.invalidateQueries({ queryKey: queryKeys.recentProjects });
  } else {
    void queryClient.resetQueries({ predicate: (q) => !isAppWide(q.queryKey) });
  }
}
