import type { QueryClient } from '@tanstack/react-query';
import type { DataEntity } from '../../../shared/api';
import type { TypedClient } from '../../../shared/api/client';
import type { JobSummary } from '../../../shared/domain/job';
import { applyCurrentProject } from './projectCache';
import { keysFor, queryKeys } from './queryKeys';

/** A busy job records a call every few milliseconds; refetching once per burst is plenty. */
const COALESCE_MS = 300;

/**
 * Keeps the query cache in step with the backend: `job.updated` writes the job straight into the
 * cache (smooth progress without refetching), `data.changed` invalidates what it names (jobs announce
 * what their items store, so nothing here knows a job kind), `project.changed` switches the project
 * (see applyCurrentProject), and a reconnected event stream refetches everything because events may
 * have been missed. Returns the unsubscribe.
 */
export function connectLiveUpdates(
  client: Pick<TypedClient, 'on'>,
  connection: { onReconnect(listener: () => void): () => void },
  queryClient: QueryClient,
): () => void {
  const pending = new Set<DataEntity>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    for (const entity of pending) {
      for (const queryKey of keysFor(entity)) void queryClient.invalidateQueries({ queryKey });
    }
    pending.clear();
  };
  const offs = [
    client.on('job.updated', (job) => upsertJob(queryClient, job)),
    client.on('data.changed', ({ entity }) => {
      pending.add(entity);
      timer ??= setTimeout(flush, COALESCE_MS);
    }),
    client.on('project.changed', (info) => applyCurrentProject(queryClient, info)),
    connection.onReconnect(() => void queryClient.invalidateQueries()),
  ];
  return () => {
    clearTimeout(timer);
    for (const off of offs) off();
  };
}

function upsertJob(queryClient: QueryClient, job: JobSummary): void {
  queryClient.setQueryData<JobSummary[]>(queryKeys.jobs, (jobs) => {
    if (!jobs) return jobs;
    return jobs.some((j) => j.id === job.id) ? jobs.map((j) => (j.id === job.id ? job : j)) : [job, ...jobs];
  });
  if (job.status !== 'running' && job.status !== 'queued') {
    void queryClient.invalidateQueries({ queryKey: queryKeys.jobItemsOf(job.id) });
    // The project's counts and the study checklist name finished jobs (a speed test, an evaluation stage).
    void queryClient.invalidateQueries({ queryKey: queryKeys.projectDetails });
    void queryClient.invalidateQueries({ queryKey: queryKeys.study });
  }
}
