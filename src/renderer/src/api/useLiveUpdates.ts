import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { DataEntity } from '../../../shared/api';
import type { JobSummary } from '../../../shared/domain/job';
import { useClient, useConnection } from './ApiProvider';
import { applyCurrentProject } from './projectCache';
import { keysChangedByJob, keysFor, queryKeys } from './queryKeys';

/** A busy job records a call every few milliseconds; refetching once per burst is plenty. */
const COALESCE_MS = 300;

/**
 * Keeps the query cache in step with the backend: `job.updated` writes the job straight into the
 * cache (smooth progress without refetching), `data.changed` invalidates what it names,
 * `project.changed` switches the project (see applyCurrentProject), and a reconnected
 * event stream refetches everything because events may have been missed.
 */
export function useLiveUpdates(): void {
  const client = useClient();
  const connection = useConnection();
  const queryClient = useQueryClient();

  useEffect(() => {
    const pending = new Set<DataEntity>();
    const pendingJobKinds = new Set<string>();
    let timer: number | undefined;
    const flush = () => {
      timer = undefined;
      for (const entity of pending) {
        for (const queryKey of keysFor(entity)) void queryClient.invalidateQueries({ queryKey });
      }
      for (const kind of pendingJobKinds) {
        for (const queryKey of keysChangedByJob[kind] ?? []) void queryClient.invalidateQueries({ queryKey });
      }
      pending.clear();
      pendingJobKinds.clear();
    };
    const changed = (entity: DataEntity) => {
      pending.add(entity);
      timer ??= window.setTimeout(flush, COALESCE_MS);
    };
    const offs = [
      client.on('job.updated', (job) => {
        upsertJob(queryClient, job);
        // An import job adds sessions file by file but sends no `data.changed` for them.
        if (job.kind === 'import') changed('sessions');
        // Nor do generation and judging jobs for what they write.
        if (keysChangedByJob[job.kind]) {
          pendingJobKinds.add(job.kind);
          timer ??= window.setTimeout(flush, COALESCE_MS);
        }
      }),
      client.on('data.changed', ({ entity }) => changed(entity)),
      client.on('project.changed', (info) => applyCurrentProject(queryClient, info)),
      connection.onReconnect(() => void queryClient.invalidateQueries()),
    ];
    return () => {
      window.clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [client, connection, queryClient]);
}

function upsertJob(queryClient: QueryClient, job: JobSummary): void {
  queryClient.setQueryData<JobSummary[]>(queryKeys.jobs, (jobs) => {
    if (!jobs) return jobs;
    return jobs.some((j) => j.id === job.id) ? jobs.map((j) => (j.id === job.id ? job : j)) : [job, ...jobs];
  });
  if (job.status !== 'running' && job.status !== 'queued') {
    void queryClient.invalidateQueries({ queryKey: ['jobs', 'items', job.id] });
    void queryClient.invalidateQueries({ queryKey: queryKeys.projectDetails });
    // A finished evaluation stage moves the study checklist on.
    void queryClient.invalidateQueries({ queryKey: queryKeys.study });
  }
}
