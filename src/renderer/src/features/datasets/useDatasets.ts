import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../../../shared/api';
import type { DatasetSpec } from '../../../../shared/api/datasets';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';

const keys = queryKeys.datasets;

export function useDatasets() {
  const api = useApi();
  return useQuery({ queryKey: keys.list, queryFn: () => api.datasets.list() });
}

export function useDatasetVersion(versionId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.version(versionId ?? ''),
    queryFn: () => api.datasets.version({ versionId: versionId! }),
    enabled: versionId !== null,
  });
}

export const EXAMPLES_PAGE = 50;

export function useDatasetExamples(versionId: string, split: 'train' | 'validation' | null, offset: number) {
  const api = useApi();
  return useQuery({
    queryKey: keys.examples(versionId, split ?? 'all', offset),
    queryFn: () => api.datasets.examples({ versionId, offset, limit: EXAMPLES_PAGE, ...(split ? { split } : {}) }),
    placeholderData: keepPreviousData,
  });
}

export function useExportFormats() {
  const api = useApi();
  return useQuery({ queryKey: keys.formats, queryFn: () => api.datasets.formats(), staleTime: Infinity });
}

/** Writes through the API, then refreshes the list (the event would too; this is for the window that acted). */
function useDatasetMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }) });
}

export function useDatasetActions() {
  const api = useApi();
  return {
    create: useDatasetMutation((input: ApiInput<'datasets.create'>) => api.datasets.create(input)),
    update: useDatasetMutation((input: ApiInput<'datasets.update'>) => api.datasets.update(input)),
    remove: useDatasetMutation((input: { id: string }) => api.datasets.remove(input)),
    freeze: useDatasetMutation((input: ApiInput<'datasets.freeze'>) => api.datasets.freeze(input)),
    preview: useMutation({ mutationFn: (spec: DatasetSpec) => api.datasets.preview({ spec }) }),
    validate: useMutation({ mutationFn: (input: ApiInput<'datasets.validate'>) => api.datasets.validate(input) }),
    diff: useMutation({ mutationFn: (input: ApiInput<'datasets.diff'>) => api.datasets.diff(input) }),
    exportVersion: useMutation({ mutationFn: (input: ApiInput<'datasets.export'>) => api.datasets.export(input) }),
  };
}
