import type { LlmGateway } from '../llm/gateway';
import type { AnyJobHandler } from './jobHandler';
import type { ItemRow, JobsRepo } from './jobsRepo';

const TERMINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);

export interface BatchRunControl {
  signal: AbortSignal;
  stopped(): boolean;
  /** A cancel also cancels the batch at the provider; a pause or shutdown leaves it running to collect later. */
  cancelled(): boolean;
  progress(message: string): void;
}

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
export async function runAsBatch(job: { id: string; result: Record<string, unknown> | null }, handler: AnyJobHandler, params: Record<string, unknown>, queue: ItemRow[], deps: { repo: JobsRepo; gateway: LlmGateway }, control: BatchRunControl): Promise<void> {
  const support = handler.batch!;
  const { providerId, model } = support.provider(params);
  const provider = deps.gateway.provider(providerId);
  const stored = (job.result?.batch as { id?: string } | undefined)?.id;
  let batchId = stored;
  if (!batchId) {
    const requests = queue.map((item) => {
      const req = support.request({ jobId: job.id, params, input: item.input, seq: item.seq });
      return { customId: item.id, body: deps.gateway.batchBody({ model, ...req }) };
    });
    batchId = await deps.gateway.batches.submit(provider, requests, control.signal);
    deps.repo.setResult(job.id, { batch: { id: batchId, submittedAt: Date.now(), items: requests.length } });
  }
  for (const item of queue) deps.repo.markItemRunning(item.id);

  let state = await deps.gateway.batches.status(provider, batchId, control.signal);
  // Small batches often finish in seconds, large ones in hours: poll soon, then back off to a minute.
  let pollMs = 200;
  while (!TERMINAL.has(state.status)) {
    if (control.stopped()) {
      if (control.cancelled()) await deps.gateway.batches.cancel(provider, batchId);
      for (const item of queue) deps.repo.finishItem(job.id, item.id, { status: 'pending', costUsd: 0 });
      return;
    }
    control.progress(`Batch ${state.status.replace('_', ' ')}: ${state.completed + state.failed} of ${state.total || queue.length} answered.`);
    await sleep(pollMs, control.signal);
    pollMs = Math.min(60_000, pollMs * 2);
    if (!control.signal.aborted) state = await deps.gateway.batches.status(provider, batchId);
  }

  const lines = await deps.gateway.batches.results(provider, state, model, support.purpose, job.id);
  const byId = new Map(lines.map((l) => [l.customId, l]));
  for (const item of queue) {
    const line = byId.get(item.id);
    const ctx = { jobId: job.id, params, input: item.input, seq: item.seq };
    try {
      if (!line) throw new Error(`The batch ended (${state.status}) without an answer for this item.`);
      if (line.error || line.text === null) throw new Error(line.error ?? 'The batch answered without text.');
      const outcome = support.accept(ctx, { text: line.text, callId: line.callId, costUsd: line.costUsd });
      deps.repo.finishItem(job.id, item.id, { status: 'done', result: outcome.result, costUsd: outcome.costUsd });
    } catch (err) {
      deps.repo.finishItem(job.id, item.id, { status: 'failed', error: err instanceof Error ? err.message : String(err), costUsd: 0 });
    }
  }
}
