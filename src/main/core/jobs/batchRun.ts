import type { LlmGateway } from '../llm/gateway';
import type { AnyJobHandler } from './jobHandler';
import { LeaseLostError } from './jobLease';
import { retryWhenBusy } from '../util/sqliteBusy';
import type { ItemRow } from './jobRows';
import type { JobsRepo } from './jobsRepo';

const TERMINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);

export interface BatchRunControl {
  signal: AbortSignal;
  stopped(): boolean;
  /** A cancel also cancels the batch at the provider; a pause or shutdown leaves it running to collect later. */
  cancelled(): boolean;
  progress(message: string): void;
  /** An item's answer was stored (its rows committed). */
  stored(): void;
}

/** The first request of an item keeps the item's id, so batches submitted before items could send several still resume. */
const requestId = (itemId: string, k: number) => (k === 0 ? itemId : `${itemId}#${k}`);

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Runs a job's unfinished items as one Batch API batch: submit once (the batch id is stored with the
 * job, so a restart resumes polling instead of submitting again), poll, then store each answer through
 * the handler. An item whose answer is missing or unusable fails with the reason, like any other.
 */
export async function runAsBatch(
  job: { id: string; result: Record<string, unknown> | null },
  handler: AnyJobHandler,
  params: Record<string, unknown>,
  queue: ItemRow[],
  deps: { repo: JobsRepo; gateway: LlmGateway; owner: string },
  control: BatchRunControl,
): Promise<void> {
  const support = handler.batch!;
  const { providerId, model } = support.provider(params);
  const provider = deps.gateway.provider(providerId);
  const stored = (job.result?.batch as { id?: string } | undefined)?.id;
  let batchId = stored;
  if (!batchId) {
    const requests = await Promise.all(
      queue.flatMap((item) =>
        support.requests({ jobId: job.id, params, input: item.input, seq: item.seq }).map(async ({ purpose, ...req }, k) => ({
          customId: requestId(item.id, k),
          body: await deps.gateway.batchBody({ model, ...req }),
          purpose: purpose ?? support.purpose,
        })),
      ),
    );
    batchId = await deps.gateway.batches.submit(
      provider,
      requests.map(({ customId, body }) => ({ customId, body })),
      control.signal,
    );
    deps.repo.setResult(job.id, { batch: { id: batchId, submittedAt: Date.now(), items: queue.length, requests: requests.length } });
  }
  for (const item of queue) await retryWhenBusy(() => deps.repo.markItemRunning(item.id));

  // Stopping (a pause, a cancel, the project closing) aborts this first look; that is the stop, not a failure.
  let state = await deps.gateway.batches.status(provider, batchId, control.signal).catch((err: unknown) => {
    if (control.stopped()) return null;
    throw err;
  });
  if (!state) {
    for (const item of queue) await retryWhenBusy(() => deps.repo.finishItem(item.id, { status: 'pending' }));
    return;
  }
  // Small batches often finish in seconds, large ones in hours: poll soon, then back off to a minute.
  let pollMs = 200;
  while (!TERMINAL.has(state.status)) {
    if (control.stopped()) {
      if (control.cancelled()) await deps.gateway.batches.cancel(provider, batchId);
      for (const item of queue) await retryWhenBusy(() => deps.repo.finishItem(item.id, { status: 'pending' }));
      return;
    }
    control.progress(
      `Batch ${state.status.replace('_', ' ')}: ${state.completed + state.failed} of ${state.total || queue.length} answered.`,
    );
    await sleep(pollMs, control.signal);
    pollMs = Math.min(60_000, pollMs * 2);
    if (!control.signal.aborted) state = await deps.gateway.batches.status(provider, batchId);
  }

  // The requests are rebuilt from the stored items (they are deterministic), so each ledger row keeps its own purpose: a safety check beside a judgment.
  const planned = new Map(queue.map((item) => [item.id, support.requests({ jobId: job.id, params, input: item.input, seq: item.seq })]));
  const purposes = new Map(
    [...planned].flatMap(([itemId, reqs]) => reqs.map((r, k) => [requestId(itemId, k), r.purpose ?? support.purpose] as const)),
  );
  const lines = await deps.gateway.batches.results(provider, state, model, (customId) => purposes.get(customId) ?? support.purpose, job.id);
  const byId = new Map(lines.map((l) => [l.customId, l]));
  for (const item of queue) {
    const ctx = { jobId: job.id, params, input: item.input, seq: item.seq };
    try {
      const count = planned.get(item.id)!.length;
      const answers = Array.from(
        { length: count },
        (_, k) =>
          byId.get(requestId(item.id, k)) ?? {
            text: null,
            error: `The batch ended (${state.status}) without an answer for this request.`,
            callId: '',
            costUsd: null,
          },
      );
      const outcome = support.accept(ctx, answers);
      await retryWhenBusy(() => deps.repo.completeItem(job.id, item.id, outcome, deps.owner));
      control.stored();
    } catch (err) {
      if (err instanceof LeaseLostError) throw err;
      await retryWhenBusy(() =>
        deps.repo.finishItem(item.id, { status: 'failed', error: err instanceof Error ? err.message : String(err) }),
      );
    }
  }
}
