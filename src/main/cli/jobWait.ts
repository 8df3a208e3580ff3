import type { JobSummary } from '../../shared/domain/job';
import { money } from './format';
import type { CommandContext } from './command';

/** Waits for a job to stop, printing progress to stderr (stdout stays clean for --json). */
export async function waitForJob(ctx: CommandContext, first: JobSummary): Promise<JobSummary> {
  const active = (s: JobSummary) => s.status === 'running' || s.status === 'queued';
  if (!active(first)) return first;
  return new Promise((resolve) => {
    const off = ctx.client.on('job.updated', (s) => {
      if (s.id !== first.id) return;
      ctx.progress(`${s.title}: ${s.done + s.failed}/${s.total} (${s.failed} failed) ${money(s.costUsd)}`);
      if (!active(s)) {
        off();
        resolve(s);
      }
    });
    // The job may have finished between creation and subscription.
    void ctx.client.api.jobs.get({ id: first.id }).then((s) => {
      if (!active(s)) {
        off();
        resolve(s);
      }
    });
  });
}
