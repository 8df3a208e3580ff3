import { z } from 'zod';
import { idSchema } from '../domain/ids';
import { itemStatuses, jobStatuses } from '../domain/job';
import type { ItemStatus, JobItemView, JobStatus, JobSummary } from '../domain/job';
import type { InputSchemas, Method } from './contractTypes';

export interface JobsApi {
  'jobs.list': Method<{ status?: JobStatus | undefined; kind?: string | undefined; limit?: number | undefined }, JobSummary[]>;
  'jobs.get': Method<{ id: string }, JobSummary>;
  'jobs.items': Method<
    { id: string; status?: ItemStatus | undefined; offset?: number | undefined; limit?: number | undefined },
    { rows: JobItemView[]; total: number }
  >;
  'jobs.cancel': Method<{ id: string }, JobSummary>;
  'jobs.pause': Method<{ id: string }, JobSummary>;
  /**
   * Runs only unfinished items again; a new budget cap may be given. When a prompt the job uses was
   * edited since it started, `prompts` says which version the rest uses; without it the resume is refused.
   */
  'jobs.resume': Method<{ id: string; budgetUsd?: number | null | undefined; prompts?: ResumePrompts | undefined }, JobSummary>;
  /** The prompts a job started with that have a newer version now, so Resume can ask which to use. */
  'jobs.promptChanges': Method<{ id: string }, PromptChange[]>;
}

export const resumePrompts = ['started', 'current'] as const;
export type ResumePrompts = (typeof resumePrompts)[number];

export interface PromptChange {
  name: string;
  /** The version the job started with. */
  started: number;
  /** The version generation uses now. */
  current: number;
}

export const jobsInputs = {
  'jobs.list': z.strictObject({
    status: z.enum(jobStatuses).optional(),
    kind: z.string().min(1).max(100).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  }),
  'jobs.get': z.strictObject({ id: idSchema }),
  'jobs.items': z.strictObject({
    id: idSchema,
    status: z.enum(itemStatuses).optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  }),
  'jobs.cancel': z.strictObject({ id: idSchema }),
  'jobs.pause': z.strictObject({ id: idSchema }),
  'jobs.resume': z.strictObject({
    id: idSchema,
    budgetUsd: z.number().positive().max(100_000).nullable().optional(),
    prompts: z.enum(resumePrompts).optional(),
  }),
  'jobs.promptChanges': z.strictObject({ id: idSchema }),
} satisfies InputSchemas<JobsApi>;
