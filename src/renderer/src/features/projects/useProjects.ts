import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProjectInfo } from '../../../../shared/domain/project';
import { useApi } from '../../api/ApiProvider';
import { applyCurrentProject } from '../../api/projectCache';
import { queryKeys } from '../../api/queryKeys';

export function useAppInfo() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => api.app.info(), staleTime: Infinity });
}

/** The open project (null when none is). Kept current by `project.changed` events. */
export function useCurrentProject() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.currentProject, queryFn: () => api.projects.current() });
}

/** The same call for the project screen, refetched when counts change; the header does not need that. */
export function useProjectDetails() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.projectDetails, queryFn: () => api.projects.current() });
}

export function useRecentProjects() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.recentProjects, queryFn: () => api.projects.recent() });
}

/** Opening, creating or closing answers with the new project at once; the event confirms it later. */
function useSetCurrent() {
  const queryClient = useQueryClient();
  return (info: ProjectInfo | null) => applyCurrentProject(queryClient, info);
}

export function useCreateProject() {
  const api = useApi();
  const setCurrent = useSetCurrent();
  return useMutation({ mutationFn: (input: { name: string; file?: string }) => api.projects.create(input), onSuccess: setCurrent });
}

export function useOpenProject() {
  const api = useApi();
  const setCurrent = useSetCurrent();
  return useMutation({ mutationFn: (file: string) => api.projects.open({ file }), onSuccess: setCurrent });
}

export function useCloseProject() {
  const api = useApi();
  const setCurrent = useSetCurrent();
  return useMutation({ mutationFn: () => api.projects.close(), onSuccess: () => setCurrent(null) });
}

export function useRenameProject() {
  const api = useApi();
  const setCurrent = useSetCurrent();
  return useMutation({ mutationFn: (name: string) => api.projects.rename({ name }), onSuccess: setCurrent });
}

export function useForgetRecent() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: string) => api.projects.forgetRecent({ file }),
    onSuccess: (recent) => queryClient.setQueryData(queryKeys.recentProjects, recent),
  });
}

export function useSaveCopy() {
  const api = useApi();
  return useMutation({ mutationFn: (input: { file: string; overwrite: boolean }) => api.projects.saveCopy(input) });
}

export function useRevealInFolder() {
  const api = useApi();
  return useMutation({ mutationFn: (file: string) => api.desktop.revealInFolder({ file }) });
}

/** The desktop app's native file dialog; null when the person cancelled. */
export function useChooseFile() {
  const api = useApi();
  return (mode: 'open' | 'save', title: string, defaultPath?: string) =>
    api.desktop.chooseFile({ mode, title, extensions: ['hds'], ...(defaultPath ? { defaultPath } : {}) }).then((r) => r.file);
}
