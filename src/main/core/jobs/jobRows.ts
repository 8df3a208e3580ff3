import type { ItemStatus, JobItemView, JobOutcome, JobStatus } from '../../../shared/domain/job';
import { lazy } from '../../../shared/domain/lazy';
import { z } from 'zod';
import { jsonObjectSchema, parseJsonColumn } from '../util/json';

// A job's and an item's rows as SQLite holds them, and as the runner and the API read them.
export interface JobRow {
  id: string;
  kind: string;
  title: string;
  status: JobStatus;
  params: Record<string, unknown>;
  result: Record<string, unknown> | null;
  outcome: JobOutcome | null;
  message: string | null;
  budgetUsd: number | null;
  costUsd: number;
  total: number;
  done: number;
  failed: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  updatedAt: number;
  /** The process running it (see jobLease.ts) and until when, while it runs. */
  leaseOwner: string | null;
  leaseUntil: number | null;
}

export interface ItemRow {
  id: string;
  jobId: string;
  seq: number;
  status: ItemStatus;
  input: unknown;
  result: unknown;
  error: string | null;
  attempts: number;
  costUsd: number;
  updatedAt: number;
}

// Built on first use: this repo loads with every project open (see shared/domain/lazy.ts).
const anySchema = lazy(() => z.unknown());
const outcomeSchema = lazy(() =>
  z.object({
    stored: z.number(),
    unscored: z.number(),
    failed: z.number(),
    cause: z.string().nullable(),
    problems: z.boolean(),
  }),
);

/*
 * "Finished with problems" is stored as status 'succeeded' plus `outcome.problems` in result_json:
 * the jobs table's CHECK constraint predates the state, and rebuilding a table other tables point at
 * is not worth the risk for one flag. Only this repo knows; everything above it sees 'problems'.
 */
export const OUTCOME_KEY = 'outcome';
export const storedStatus = (s: JobStatus): JobStatus => (s === 'problems' ? 'succeeded' : s);

export interface RawJob {
  id: string;
  kind: string;
  title: string;
  status: JobStatus;
  params_json: string;
  result_json: string | null;
  message: string | null;
  budget_usd: number | null;
  cost_usd: number;
  total: number;
  done: number;
  failed: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
  lease_owner: string | null;
  lease_until: number | null;
}
export interface RawItem {
  id: string;
  job_id: string;
  seq: number;
  status: ItemStatus;
  input_json: string;
  result_json: string | null;
  error: string | null;
  attempts: number;
  cost_usd: number;
  updated_at: number;
}

export const toJob = (r: RawJob, params: Record<string, unknown>): JobRow => {
  const stored = parseJsonColumn(r.result_json, jsonObjectSchema(), 'jobs.result_json');
  const { [OUTCOME_KEY]: rawOutcome, ...rest } = stored ?? {};
  const parsed = rawOutcome === undefined ? null : outcomeSchema().safeParse(rawOutcome);
  const outcome = parsed?.success ? parsed.data : null;
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    status: r.status === 'succeeded' && outcome?.problems ? 'problems' : r.status,
    params,
    result: stored === null || (rawOutcome !== undefined && Object.keys(rest).length === 0) ? null : rest,
    outcome: outcome ? { stored: outcome.stored, unscored: outcome.unscored, failed: outcome.failed, cause: outcome.cause } : null,
    message: r.message,
    budgetUsd: r.budget_usd,
    costUsd: r.cost_usd,
    total: r.total,
    done: r.done,
    failed: r.failed,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    updatedAt: r.updated_at,
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
  };
};

export const toItem = (r: RawItem): ItemRow => ({
  id: r.id,
  jobId: r.job_id,
  seq: r.seq,
  status: r.status,
  input: JSON.parse(r.input_json),
  result: parseJsonColumn(r.result_json, anySchema(), 'job_items.result_json'),
  error: r.error,
  attempts: r.attempts,
  costUsd: r.cost_usd,
  updatedAt: r.updated_at,
});

export const itemView = (i: ItemRow): JobItemView => ({
  id: i.id,
  jobId: i.jobId,
  seq: i.seq,
  status: i.status,
  attempts: i.attempts,
  error: i.error,
  result: i.result,
  costUsd: i.costUsd,
  updatedAt: i.updatedAt,
});
