/** `problems`: finished with some usable results and some items unscored or failed ("finished with problems"). */
export const jobStatuses = ['queued', 'running', 'paused', 'succeeded', 'problems', 'failed', 'cancelled', 'interrupted'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const itemStatuses = ['pending', 'running', 'done', 'failed'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

/** Finished jobs never change again unless resumed. */
export const terminalStatuses: readonly JobStatus[] = ['succeeded', 'problems', 'failed', 'cancelled'];
export const resumableStatuses: readonly JobStatus[] = ['paused', 'interrupted', 'failed', 'cancelled'];

export interface JobSummary {
  id: string;
  kind: string;
  title: string;
  status: JobStatus;
  total: number;
  done: number;
  failed: number;
  running: number;
  costUsd: number;
  budgetUsd: number | null;
  /** Why the job stopped, in one sentence, when it did not simply finish. */
  message: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  updatedAt: number;
  /**
   * Inside the items in flight, in their own units (the sessions of the file being imported): a job of one
   * large item otherwise shows 0 of 1 until it ends. Null when no running item counts.
   */
  itemProgress: { done: number; total: number } | null;
  /** Items per minute over the current run, null until measurable. */
  ratePerMinute: number | null;
  etaMs: number | null;
  params: Record<string, unknown>;
  result: Record<string, unknown> | null;
  /** What the finished job produced; null until it finishes. */
  outcome: JobOutcome | null;
  /** Another window or process runs it (it holds the job's lease): it cannot be paused, cancelled or resumed here. */
  runningElsewhere: boolean;
  /** Whether resuming runs failed items again; false for imports, whose failed files would only fail again. */
  retriesFailed: boolean;
}

/** A finished job's honest count: usable results, results kept but unusable (unscored), failures, and why. */
export interface JobOutcome {
  stored: number;
  unscored: number;
  failed: number;
  /** The commonest problem in one sentence ("342 answers used scores outside the rubric's 1–5 scale"); null when there was none. */
  cause: string | null;
}

/** How each state reads to people, in the Jobs panel, run headers and the CLI. */
export const jobStatusLabels: Record<JobStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  paused: 'Paused',
  succeeded: 'Succeeded',
  problems: 'Finished with problems',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/** "342 stored · 3 unscored · 0 failed", the counts every surface shows for a finished job. */
export function outcomeCounts(o: JobOutcome): string {
  return `${o.stored} stored · ${o.unscored} unscored · ${o.failed} failed`;
}

export interface JobItemView {
  id: string;
  jobId: string;
  seq: number;
  status: ItemStatus;
  attempts: number;
  error: string | null;
  result: unknown;
  costUsd: number;
  updatedAt: number;
}

/**
 * A stopped job can run its unfinished items again; a finished one can retry the items that failed,
 * unless it is a kind whose failures would only fail again: then only unfinished items make it resumable.
 */
export function canResume(job: Pick<JobSummary, 'status' | 'failed' | 'done' | 'total' | 'retriesFailed'>): boolean {
  if (!job.retriesFailed) return resumableStatuses.includes(job.status) && job.total - job.done - job.failed > 0;
  return resumableStatuses.includes(job.status) || ((job.status === 'succeeded' || job.status === 'problems') && job.failed > 0);
}

export interface FailureGroup {
  error: string;
  /** Item numbers as people count them (from 1), in order. */
  items: number[];
  attempts: number;
}

/**
 * Failed items grouped by their error, commonest first: forty "rate limited" lines say less than one
 * line naming the forty items. Items keep their order within a group; groups of equal size keep the
 * order their first item came in.
 */
export function groupFailures(rows: readonly Pick<JobItemView, 'seq' | 'error' | 'attempts'>[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const row of [...rows].sort((a, b) => a.seq - b.seq)) {
    const error = row.error ?? 'no reason recorded';
    const group = groups.get(error) ?? { error, items: [], attempts: 0 };
    group.items.push(row.seq + 1);
    group.attempts = Math.max(group.attempts, row.attempts);
    groups.set(error, group);
  }
  return [...groups.values()].sort((a, b) => b.items.length - a.items.length);
}
