import { z } from 'zod';
import { idStringSchema } from './idFormat';
import { lazy } from './lazy';

export const datasetMixes = ['real-only', 'synthetic-only', 'hybrid'] as const;
export type DatasetMix = (typeof datasetMixes)[number];

/** Which sessions may enter, and how they are mixed and split. Sampling is seeded, so a spec gives the same dataset every time. */
export interface DatasetSpec {
  filters: {
    /** Session statuses allowed in; only approved by default. */
    statuses: ('approved' | 'needs_review' | 'draft')[];
    /** Every tag listed must be on the session. */
    tags: string[];
    minScore: number | null;
    minTurns: number | null;
    maxTurns: number | null;
  };
  mix: DatasetMix;
  /** Hybrid only: the share of synthetic sessions, 0–1. */
  syntheticShare: number;
  /** How many examples; null takes as many as the filters and the mix allow. */
  total: number | null;
  /**
   * "Same size as…": another dataset (id) whose newest frozen version's example count becomes this
   * total, so a hybrid and a real-only set compared later differ in kind, not in amount.
   */
  sameSizeAs?: string | null | undefined;
  validationShare: number;
  seed: number;
  /** Given to sessions that have no system prompt of their own; null leaves them without. */
  systemPrompt: string | null;
}

// Built on its first use: the datasets repo loads with every project open, and building zod schemas is a
// measurable part of a short command's start-up.
export const datasetSpecSchema = lazy((): z.ZodType<DatasetSpec> =>
  z.strictObject({
    filters: z.strictObject({
      statuses: z
        .array(z.enum(['approved', 'needs_review', 'draft']))
        .min(1)
        .max(3),
      tags: z.array(z.string().trim().min(1).max(100)).max(20),
      minScore: z.number().min(-100).max(100).nullable(),
      minTurns: z.number().int().min(0).max(10_000).nullable(),
      maxTurns: z.number().int().min(1).max(10_000).nullable(),
    }),
    mix: z.enum(datasetMixes),
    syntheticShare: z.number().min(0).max(1),
    total: z.number().int().min(1).max(1_000_000).nullable(),
    sameSizeAs: idStringSchema().nullable().optional(),
    validationShare: z.number().min(0).max(0.5),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    systemPrompt: z.string().max(20_000).nullable(),
  }),
);
