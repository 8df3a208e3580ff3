import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JobSummary } from '../../../../shared/domain/job';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';
import { mergeJobLists } from './jobCache';

/** All recent jobs of the project; `job.updated` events write into this cache directly. */
export function useJobs() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.jobs, queryFn: () => api.jobs.list({ limit: 100 }), structuralSharing: mergeJobLists });
}

/** The job with this id from the live jobs list (kept current by `job.updated`). */
export function useJob(jobId: string | null): JobSummary | undefined {
  const jobs = useJobs();
  return jobId ? jobs.data?.find((j) => j.id === jobId) : undefined;
}

export function isActive(job: JobSummary): boolean {
  return job.status === 'running' || job.status === 'queued';
}

/** The failed items of a job; the key carries the failure count so a new failure refetches. */
export function useFailedItems(job: JobSummary, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...queryKeys.jobItems(job.id, 'failed'), job.failed],
    queryFn: () => api.jobs.items({ id: job.id, status: 'failed', limit: 200 }),
    enabled,
  });
}

function useJobWrite() {
  const queryClient = useQueryClient();
  return (job: JobSummary) =>
    queryClient.setQueryData<JobSummary[]>(queryKeys.jobs, (list) => list?.map((j) => (j.id === job.id ? job : j)));
}

export function useJobControls() {
  const api = useApi();
  const write = useJobWrite();
  return {
    cancel: useMutation({ mutationFn: (id: string) => api.jobs.cancel({ id }), onSuccess: write }),
    pause: useMutation({ mutationFn: (id: string) => api.jobs.pause({ id }), onSuccess: write }),
    resume: useMutation({
      mutationFn: (input: Parameters<typeof api.jobs.resume>[0]) => api.jobs.resume(input),
      onSuccess: write,
    }),
  };
}
