import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ApiInput } from '../../../../shared/api';
import type { EvalPlanInput, EvalRunSpec, EvalRunStatus, EvalRunView, EvalSetView } from '../../../../shared/api/evaluation';
import type { JobSummary } from '../../../../shared/domain/job';
import { useApi } from '../../api/ApiProvider';
import { useJobs } from '../jobs/useJobs';

/** Keys start with "evaluation", so the backend's `data.changed` for evaluation refreshes them all. */
export const evalKeys = {
  all: ['evaluation'] as const,
  sets: ['evaluation', 'sets'] as const,
  version: (id: string) => ['evaluation', 'version', id] as const,
  runs: ['evaluation', 'runs'] as const,
  run: (id: string) => ['evaluation', 'run', id] as const,
  results: (id: string) => ['evaluation', 'results', id] as const,
  conversations: (id: string, scenarioId: string) => ['evaluation', 'conversations', id, scenarioId] as const,
  /** The same list the Datasets area reads (under "datasets", so its events refresh it), for the leakage check. */
  datasets: ['datasets', 'list'] as const,
};

export function useEvalSets() {
  const api = useApi();
  return useQuery({
    queryKey: evalKeys.sets,
    queryFn: () => api.evalSets.list(),
    select: (sets: EvalSetView[]) => [...sets].sort((a, b) => b.updatedAt - a.updatedAt),
  });
}

export function useEvalSetVersion(versionId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: evalKeys.version(versionId ?? ''),
    queryFn: () => api.evalSets.version({ versionId: versionId! }),
    enabled: versionId !== null,
    staleTime: Infinity,
  });
}

export function useEvalRuns() {
  const api = useApi();
  return useQuery({
    queryKey: evalKeys.runs,
    queryFn: () => api.evalRuns.list(),
    select: (runs: EvalRunView[]) => [...runs].sort((a, b) => b.createdAt - a.createdAt),
  });
}

export const activeStatuses: readonly EvalRunStatus[] = ['conversing', 'scoring'];

export function useEvalRun(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: evalKeys.run(id),
    queryFn: () => api.evalRuns.get({ id }),
    // A safety net: the run's own counts change with every conversation, which the events may not name.
    refetchInterval: (q) => (q.state.data && activeStatuses.includes(q.state.data.status) ? 4000 : false),
  });
}

export function useEvalResults(id: string, enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: evalKeys.results(id), queryFn: () => api.evalRuns.results({ id }), enabled, staleTime: 60_000 });
}

export function useEvalConversations(runId: string, scenarioId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: evalKeys.conversations(runId, scenarioId ?? ''),
    queryFn: () => api.evalRuns.conversations({ id: runId, scenarioId: scenarioId! }),
    enabled: scenarioId !== null,
  });
}

/** Every frozen dataset version, for the leakage check. */
export function useDatasetVersions() {
  const api = useApi();
  return useQuery({
    queryKey: evalKeys.datasets,
    queryFn: () => api.datasets.list(),
    select: (datasets) =>
      datasets.flatMap((d) => d.versions.map((v) => ({ id: v.id, label: `${d.name} v${v.version} · ${v.examples} examples` }))),
  });
}

/** Writes through the API, then refreshes everything under "evaluation" (the event would too; this is for the window that acted). */
function useEvalMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: evalKeys.all }) });
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
    queryClient.setQueryData(evalKeys.run(run.id), run);
    void queryClient.invalidateQueries({ queryKey: evalKeys.runs });
  };
  return {
    estimate: useMutation({ mutationFn: (spec: EvalRunSpec) => api.evalRuns.estimate({ spec }) }),
    start: useMutation({ mutationFn: (spec: EvalRunSpec) => api.evalRuns.start({ spec }), onSuccess: write }),
    cancel: useMutation({ mutationFn: (id: string) => api.evalRuns.cancel({ id }), onSuccess: write }),
    report: useMutation({ mutationFn: (id: string) => api.evalRuns.report({ id }) }),
    plan: useMutation({ mutationFn: (input: EvalPlanInput) => api.evalRuns.plan(input) }),
  };
}

/** The job with this id from the live jobs list (kept current by `job.updated`). */
export function useJob(jobId: string | null): JobSummary | undefined {
  const jobs = useJobs();
  return jobId ? jobs.data?.find((j) => j.id === jobId) : undefined;
}

/**
 * When a job this screen follows moves on, what it wrote is read again: a generation job adds
 * scenarios one by one without announcing them, and a run moves from conversing to scoring to done
 * as its jobs finish.
 */
export function useRefreshOnJobStatus(jobIds: (string | null)[]): void {
  const jobs = useJobs();
  const queryClient = useQueryClient();
  const seen = useRef(new Map<string, string>());
  // Status, and progress in steps of ten items: enough to watch a set fill up without refetching on every item.
  const statuses = jobIds
    .filter((id): id is string => id !== null)
    .map((id) => {
      const job = jobs.data?.find((j) => j.id === id);
      return `${id}:${job ? `${job.status}/${Math.floor(job.done / 10)}` : 'unknown'}`;
    })
    .join('|');
  useEffect(() => {
    let changed = false;
    for (const pair of statuses.split('|')) {
      if (!pair) continue;
      const [id, status] = pair.split(':') as [string, string];
      if (seen.current.get(id) !== status) {
        if (seen.current.has(id)) changed = true;
        seen.current.set(id, status);
      }
    }
    if (changed) void queryClient.invalidateQueries({ queryKey: evalKeys.all });
  }, [statuses, queryClient]);
}
