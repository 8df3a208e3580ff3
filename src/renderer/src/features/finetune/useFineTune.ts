import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../../../shared/api';
import type { DatasetVersionSummary } from '../../../../shared/api/datasets';
import type { TrainingRunView } from '../../../../shared/api/training';
import { useApi } from '../../api/ApiProvider';

/**
 * Keys start with "training" (or "datasets"), so the backend's `data.changed` for that entity refreshes
 * them all: every poll of a running fine-tune saves the run and says so.
 */
export const trainingKeys = {
  all: ['training'] as const,
  list: ['training', 'list'] as const,
  run: (id: string) => ['training', 'get', id] as const,
  /** The same list the Datasets area reads; the versions are flattened here. */
  datasets: ['datasets', 'list'] as const,
};

/** Every run of the project, newest first. */
export function useTrainingRuns() {
  const api = useApi();
  return useQuery({
    queryKey: trainingKeys.list,
    queryFn: () => api.training.list(),
    select: (runs: TrainingRunView[]) => [...runs].sort((a, b) => b.createdAt - a.createdAt),
  });
}

export function useTrainingRun(id: string) {
  const api = useApi();
  return useQuery({ queryKey: trainingKeys.run(id), queryFn: () => api.training.get({ id }) });
}

export interface FrozenVersion extends DatasetVersionSummary {
  datasetName: string;
}

/** Every frozen version of every dataset, newest first. */
export function useFrozenVersions() {
  const api = useApi();
  return useQuery({
    queryKey: trainingKeys.datasets,
    queryFn: () => api.datasets.list(),
    select: (datasets): FrozenVersion[] =>
      datasets.flatMap((d) => d.versions.map((v) => ({ ...v, datasetName: d.name }))).sort((a, b) => b.createdAt - a.createdAt),
  });
}

/** The format checks and the training cost of a version for a model and a number of epochs. */
export function useCheckVersion() {
  const api = useApi();
  return useMutation({ mutationFn: (input: ApiInput<'datasets.validate'>) => api.datasets.validate(input) });
}

function useRunWrite() {
  const queryClient = useQueryClient();
  return (run: TrainingRunView) => {
    queryClient.setQueryData(trainingKeys.run(run.id), run);
    void queryClient.invalidateQueries({ queryKey: trainingKeys.list });
  };
}

export function useStartTraining() {
  const api = useApi();
  const write = useRunWrite();
  return useMutation({ mutationFn: (input: ApiInput<'training.start'>) => api.training.start(input), onSuccess: write });
}

export function useCancelTraining() {
  const api = useApi();
  const write = useRunWrite();
  return useMutation({ mutationFn: (id: string) => api.training.cancel({ id }), onSuccess: write });
}
