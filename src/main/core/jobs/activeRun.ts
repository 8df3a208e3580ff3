import type { JobStatus } from '../../../shared/domain/job';
import type { JobRow } from './jobRows';

/** `lost`: another process took the job over (this one slept past its lease); it leaves the job's state alone. */
export type StopReason = 'cancel' | 'pause' | 'budget' | 'shutdown' | 'lost';

/** A job while it runs in this process: what stops it, what is in flight, and how fast it goes. */
export interface ActiveRun {
  abort: AbortController;
  stop: StopReason | null;
  running: number;
  startedAt: number;
  doneAtStart: number;
  finished: Promise<void>;
  /** A follower (its handler resumes on open): it does not count against the running-jobs cap. */
  follower: boolean;
  /** Counts inside the items in flight (an import file's sessions), by item id; not stored, they only matter while it runs. */
  counts: Map<string, { done: number; total: number }>;
}

/** Items a minute since this run started (not since the job was created: a resumed job starts its pace afresh), and the time left at that pace. */
export function pace(job: JobRow, run: ActiveRun | undefined): { ratePerMinute: number | null; etaMs: number | null } {
  if (!run) return { ratePerMinute: null, etaMs: null };
  const elapsedMin = (Date.now() - run.startedAt) / 60_000;
  const progressed = job.done + job.failed - run.doneAtStart;
  if (progressed <= 0 || elapsedMin <= 0) return { ratePerMinute: null, etaMs: null };
  const ratePerMinute = progressed / elapsedMin;
  return { ratePerMinute, etaMs: ((job.total - job.done - job.failed) / ratePerMinute) * 60_000 };
}

/** The counts inside the items in flight, summed; null when no item reports any. */
export function itemProgress(run: ActiveRun): { done: number; total: number } | null {
  if (run.counts.size === 0) return null;
  let done = 0;
  let total = 0;
  for (const c of run.counts.values()) {
    done += c.done;
    total += c.total;
  }
  return { done, total };
}

/** The state a job is left in when it stopped before its end, and the sentence that says why and what to do. */
export function stoppedState(
  stop: Exclude<StopReason, 'lost'>,
  job: JobRow,
  now: number,
): { status: JobStatus; message: string; finishedAt?: number } {
  const unfinished = job.total - job.done - job.failed;
  switch (stop) {
    case 'cancel':
      return { status: 'cancelled', message: `Cancelled with ${unfinished} of ${job.total} items unfinished.`, finishedAt: now };
    case 'pause':
      return { status: 'paused', message: `Paused with ${unfinished} items to go.` };
    case 'budget':
      return {
        status: 'paused',
        message: `Stopped at the budget cap of $${(job.budgetUsd ?? 0).toFixed(2)} (spent $${job.costUsd.toFixed(4)}) with ${unfinished} items to go. Raise the budget to resume.`,
      };
    case 'shutdown':
      return { status: 'interrupted', message: 'Stopped when the project closed; resume to run the unfinished items.' };
  }
}
