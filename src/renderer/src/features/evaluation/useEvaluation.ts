import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../../../shared/api';
import type { EvalPlanInput, EvalRunSpec, EvalRunStatus, EvalRunView, EvalSetView } from '../../../../shared/api/evaluation';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';

export function useEvalSets() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.evaluation.sets,
    queryFn: () => api.evalSets.list(),
    select: (sets: EvalSetView[]) => [...sets].sort((a, b) => b.updatedAt - a.updatedAt),
  });
}

export function useEvalSetVersion(versionId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.evaluation.version(versionId ?? ''),
    queryFn: () => api.evalSets.version({ versionId: versionId! }),
    enabled: versionId !== null,
    staleTime: Infinity,
  });
}

export function useEvalRuns() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.evaluation.runs,
    queryFn: () => api.evalRuns.list(),
    select: (runs: EvalRunView[]) => [...runs].sort((a, b) => b.createdAt - a.createdAt),
  });
}

export const activeStatuses: readonly EvalRunStatus[] = ['conversing', 'scoring'];

export function useEvalRun(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.evaluation.run(id),
    // No polling: the run's jobs announce each conversation and judgment they store (data.changed for the evaluation).
    queryFn: () => api.evalRuns.get({ id }),
  });
}

export function useEvalResults(run: EvalRunView, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.evaluation.results(run.id, `${run.status}/${run.judgments.scored}`),
    queryFn: () => api.evalRuns.results({ id: run.id }),
    enabled,
    staleTime: 60_000,
  });
}

export function useEvalConversations(runId: string, scenarioId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.evaluation.conversations(runId, scenarioId ?? ''),
    queryFn: () => api.evalRuns.conversations({ id: runId, scenarioId: scenarioId! }),
    enabled: scenarioId !== null,
  });
}

/** Every frozen dataset version, for the leakage check. */
export function useDatasetVersions() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.datasets.list,
    queryFn: () => api.datasets.list(),
    select: (datasets) =>
      datasets.flatMap((d) => d.versions.map((v) => ({ id: v.id, label: `${d.name} v${v.version} · ${v.examples} examples` }))),
  });
}

/** Writes a scenario set through the API, then refreshes the sets (the event would too; this is for the window that acted). */
function useEvalMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.evaluation.sets }) });
}

export function useEvalSetActions() {
  const api = useApi();
  return {
    create: useEvalMutation((input: ApiInput<'evalSets.create'>) => api.evalSets.create(input)),
    generate: useEvalMutation((input: ApiInput<'evalSets.generate'>) => api.evalSets.generate(input)),
    importScenarios: useEvalMutation((input: ApiInput<'evalSets.import'>) => api.evalSets.import(input)),
    saveScenario: useEvalMutation((input: ApiInput<'evalSets.saveScenario'>) => api.evalSets.saveScenario(input)),
    removeScenario: useEvalMutation((input: ApiInput<'evalSets.removeScenario'>) => api.evalSets.removeScenario(input)),
    freeze: useEvalMutation((input: ApiInput<'evalSets.freeze'>) => api.evalSets.freeze(input)),
    leakage: useMutation({ mutationFn: (input: ApiInput<'evalSets.leakage'>) => api.evalSets.leakage(input) }),
  };
}

export function useEvalRunActions() {
  const api = useApi();
  const queryClient = useQueryClient();
  const write = (run: EvalRunView) => {
    queryClient.setQueryData(queryKeys.evaluation.run(run.id), run);
    void queryClient.invalidateQueries({ queryKey: queryKeys.evaluation.runs });
  };
  return {
    estimate: useMutation({ mutationFn: (spec: EvalRunSpec) => api.evalRuns.estimate({ spec }) }),
    start: useMutation({ mutationFn: (spec: EvalRunSpec) => api.evalRuns.start({ spec }), onSuccess: write }),
    cancel: useMutation({ mutationFn: (id: string) => api.evalRuns.cancel({ id }), onSuccess: write }),
    report: useMutation({ mutationFn: (id: string) => api.evalRuns.report({ id }) }),
    plan: useMutation({ mutationFn: (input: EvalPlanInput) => api.evalRuns.plan(input) }),
  };
}
