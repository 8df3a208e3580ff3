import type { z } from 'zod';
import type { DataEntity } from '../../../shared/api/events';
import type { ItemRow } from './jobRows';

export interface ItemContext<P, I> {
  jobId: string;
  params: P;
  input: I;
  seq: number;
  /** Aborted on cancel; passed down to the SDK so in-flight calls stop too. */
  signal: AbortSignal;
  /** Progress inside one long item (an export, a training run), shown as the job's message. */
  report?(message: string): void;
  /** Progress inside one long item counted in its own units (an import file's sessions), for the progress bar. */
  count?(done: number, total: number): void;
  /**
   * Announces writes a long item makes outside `store` (a training run saved at each poll) as the handler's
   * `changes`, coalesced like the items' own. Absent where an item cannot write (a batch's requests).
   */
  changed?(): void;
}

/**
 * What an item's async work hands back. The runner calls `store` inside the same SQLite transaction
 * that marks the item done, so a crash (kill -9, power loss) keeps both the item's rows and its
 * finished mark, or neither: a stored item is never requested again and never stored twice.
 */
export interface ItemOutcome<R> {
  costUsd: number;
  /** Writes the item's rows and returns its result. Synchronous: it runs inside the transaction. */
  store(): R;
}

/** The outcome of an item that writes nothing but its result (a speed sample, an export's file list). */
export function resultOnly<R>(result: R, costUsd = 0): ItemOutcome<R> {
  return { costUsd, store: () => result };
}

/** A kind of long task. The runner persists it, runs its items, and resumes it after a restart. */
export interface JobHandler<P = unknown, I = unknown, R = unknown> {
  kind: string;
  /**
   * What the job's stored items change, as the `data.changed` event names it: the runner announces these
   * as items commit (coalesced) and when the job stops, so screens refresh without knowing job kinds.
   * Required, so a new kind cannot forget it; `[]` for a job whose only output is its own result.
   */
  changes: readonly DataEntity[];
  paramsSchema: z.ZodType<P>;
  title(params: P): string;
  /** The items, decided once when the job is created and stored with it. */
  plan(params: P): I[];
  concurrency(params: P): number;
  /** Does the slow work (model calls, files) and writes nothing to the project: its writes go in the outcome's `store`. */
  runItem(ctx: ItemContext<P, I>): Promise<ItemOutcome<R>>;
  /**
   * Whether a stored result is usable (a judgment with scores, not an unscored one) and what went wrong
   * with it, each problem as a verb phrase counted across the job ("used scores outside the rubric's
   * 1–5 scale"). Without it every stored result counts as usable.
   */
  assess?(result: R): ItemAssessment;
  /** What one item is called in the job's summary sentence; "item"/"items" when absent. */
  unit?: { one: string; many: string };
  /** Figures for the whole job from its stored items, kept as the job's result. */
  summarize?(params: P, items: ItemRow[], wallMs: number): Record<string, unknown>;
  /** Called when the job finished with at least one usable result: the next stage of a pipeline starts here. */
  onSucceeded?(params: P): void;
  /** Called when a person cancels the job: work running elsewhere (a training run) is cancelled there too. */
  onCancel?(params: P): Promise<void>;
  /** False when a failed item would only fail again (a file that blew a parsing limit): resume then skips it. */
  retryFailedOnResume?: boolean;
  /** Jobs that only follow work running elsewhere (a training run) pick up again by themselves when the project opens. */
  resumeOnOpen?: boolean;
  /** Present when the job can run as one Batch API batch (params.useBatch). */
  batch?: BatchSupport<P, I, R>;
}

export interface ItemAssessment {
  usable: boolean;
  problems: string[];
}

export interface BatchRequest {
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
  temperature?: number;
  seed?: number;
  schema?: z.ZodType;
  schemaName?: string;
  /** What the ledger calls this request; the handler's purpose when absent. */
  purpose?: string;
}

/** One line of a finished batch: the answer's text, or why there is none. */
export interface BatchAnswer {
  text: string | null;
  error: string | null;
  callId: string;
  costUsd: number | null;
}

/** How a handler runs through the Batch API: the requests of one item, and how to store their answers. */
export interface BatchSupport<P, I, R> {
  purpose: string;
  provider(params: P): { providerId: string; model: string };
  /** Usually one request per item; a judgment sends its safety check alongside. */
  requests(ctx: Omit<ItemContext<P, I>, 'signal'>): BatchRequest[];
  /** Reads one answered item (answers in the order of its requests; a missing one has an error) into an outcome whose `store` writes it; throws, with a reason for people, when they cannot be used. */
  accept(ctx: Omit<ItemContext<P, I>, 'signal'>, answers: BatchAnswer[]): ItemOutcome<R>;
}

/** The one answer of a one-request item, or the reason there is none. */
export function onlyAnswer(answers: BatchAnswer[]): { text: string; callId: string; costUsd: number | null } {
  const a = answers[0];
  if (!a) throw new Error('The batch ended without an answer for this item.');
  if (a.error || a.text === null) throw new Error(a.error ?? 'The batch answered without text.');
  return { text: a.text, callId: a.callId, costUsd: a.costUsd };
}

/** Erases a handler's types for the registry, which only moves JSON between the repo and the handler. */
export type AnyJobHandler = JobHandler<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
