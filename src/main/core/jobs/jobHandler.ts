import type { z } from 'zod';
import type { ItemRow } from './jobsRepo';

export interface ItemContext<P, I> {
  jobId: string;
  params: P;
  input: I;
  seq: number;
  /** Aborted on cancel; passed down to the SDK so in-flight calls stop too. */
  signal: AbortSignal;
}

export interface ItemOutcome<R> {
  result: R;
  costUsd: number;
}

/** A kind of long task. The runner persists it, runs its items, and resumes it after a restart. */
export interface JobHandler<P = unknown, I = unknown, R = unknown> {
  kind: string;
  paramsSchema: z.ZodType<P>;
  title(params: P): string;
  /** The items, decided once when the job is created and stored with it. */
  plan(params: P): I[];
  concurrency(params: P): number;
  runItem(ctx: ItemContext<P, I>): Promise<ItemOutcome<R>>;
  /** Figures for the whole job from its stored items, kept as the job's result. */
  summarize?(params: P, items: ItemRow[], wallMs: number): Record<string, unknown>;
  /** Present when the job can run as one Batch API batch (params.useBatch). */
  batch?: BatchSupport<P, I, R>;
}

/** How a handler runs through the Batch API: one request per item, and how to store an answer. */
export interface BatchSupport<P, I, R> {
  purpose: string;
  provider(params: P): { providerId: string; model: string };
  request(ctx: Omit<ItemContext<P, I>, 'signal'>): { messages: { role: 'system' | 'user' | 'assistant'; content: string }[]; temperature?: number; seed?: number; schema?: z.ZodType; schemaName?: string };
  /** Stores one answered item; throws, with a reason for people, when the answer cannot be used. */
  accept(ctx: Omit<ItemContext<P, I>, 'signal'>, answer: { text: string; callId: string; costUsd: number | null }): ItemOutcome<R>;
}

/** Erases a handler's types for the registry, which only moves JSON between the repo and the handler. */
export type AnyJobHandler = JobHandler<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
