export const jobStatuses = ['queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const itemStatuses = ['pending', 'running', 'done', 'failed'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

/** Finished jobs never change again unless resumed. */
export const terminalStatuses: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];
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
  /** Items per minute over the current run, null until measurable. */
  ratePerMinute: number | null;
  etaMs: number | null;
  params: Record<string, unknown>;
  result: Record<string, unknown> | null;
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

/** A stopped job can run its unfinished items again; a finished one can retry the items that failed. */
export function canResume(job: Pick<JobSummary, 'status' | 'failed'>): boolean {
  return resumableStatuses.includes(job.status) || (job.status === 'succeeded' && job.failed > 0);
}
