import type { AnyJobHandler } from './jobHandler';
import type { ItemRow } from './jobRows';
import type { JobsRepo } from './jobsRepo';
import { retryWhenBusy } from '../util/sqliteBusy';
import { LeaseLostError } from './jobLease';
import type { ActiveRun } from './activeRun';

/** What one of a job's item workers needs: the job's queue and run, where results go, and whom to tell. */
export interface ItemLoop {
  id: string;
  handler: AnyJobHandler;
  params: unknown;
  /** Shared by the job's workers: each takes the next item until none is left or the run stops. */
  queue: ItemRow[];
  run: ActiveRun;
  repo: JobsRepo;
  owner: string;
  /** A throttled job.updated. */
  publish: () => void;
  /** The handler's areas changed (coalesced into data.changed). */
  stored: () => void;
}

/**
 * One worker of a job: takes items off the shared queue until it is empty, the run stops or the budget is
 * spent. An item's result and its done mark commit in one transaction; an item stopped by an abort goes
 * back to pending, one that threw is failed with its reason. These writes are tried again while another
 * process holds the file busy: one refused write must not fail the whole job.
 */
export async function runItems(loop: ItemLoop): Promise<void> {
  const { id, handler, params, queue, run, repo } = loop;
  for (;;) {
    if (run.stop) return;
    const job = repo.get(id);
    if (job && job.budgetUsd !== null && job.costUsd >= job.budgetUsd) {
      run.stop ??= 'budget';
      return;
    }
    const item = queue.shift();
    if (!item) return;
    run.running++;
    let stored = false;
    try {
      await retryWhenBusy(() => repo.markItemRunning(item.id));
      loop.publish();
      // A stop that came while the mark was written: the item goes back to pending below, unstarted.
      run.abort.signal.throwIfAborted();
      const report = (message: string) => {
        repo.setStatus(id, 'running', { message });
        loop.publish();
      };
      const count = (done: number, total: number) => {
        run.counts.set(item.id, { done, total });
        loop.publish();
      };
      const outcome = await handler.runItem({
        jobId: id,
        params,
        input: item.input,
        seq: item.seq,
        signal: run.abort.signal,
        report,
        count,
        changed: loop.stored,
      });
      await retryWhenBusy(() => repo.completeItem(id, item.id, outcome, loop.owner));
      stored = true;
      loop.stored();
    } catch (err) {
      // Once its result is stored, nothing that fails afterwards may send the item back to be run again.
      if (stored) throw err;
      if (err instanceof LeaseLostError) {
        run.stop = 'lost';
        run.abort.abort();
      } else if (run.abort.signal.aborted) {
        // Not finished, not failed: it runs again on resume.
        await retryWhenBusy(() => repo.finishItem(item.id, { status: 'pending' }));
      } else {
        await retryWhenBusy(() => repo.finishItem(item.id, { status: 'failed', error: err instanceof Error ? err.message : String(err) }));
      }
    } finally {
      run.running--;
      run.counts.delete(item.id);
    }
    loop.publish();
  }
}
