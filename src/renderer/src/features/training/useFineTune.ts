import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../../../shared/api';
import type { DatasetVersionSummary } from '../../../../shared/api/datasets';
import type { TrainingRunView } from '../../../../shared/api/training';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';

/** Every run of the project, newest first. */
export function useTrainingRuns() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.training.list,
    queryFn: () => api.training.list(),
    select: (runs: TrainingRunView[]) => [...runs].sort((a, b) => b.createdAt - a.createdAt),
  });
}

export function useTrainingRun(id: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.training.run(id), queryFn: () => api.training.get({ id }) });
}

export interface FrozenVersion extends DatasetVersionSummary {
  datasetName: string;
}

/** Every frozen version of every dataset, newest first. */
export function useFrozenVersions() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.datasets.list,
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
    queryClient.setQueryData(queryKeys.training.run(run.id), run);
    void queryClient.invalidateQueries({ queryKey: queryKeys.training.list });
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
