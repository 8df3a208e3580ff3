import type { WorkerPool } from '../workers/workerPool';
import type { TokenCountsRepo } from './tokenCountsRepo';

/** After a count fails, reads go on without one for this long rather than each waiting for the same failure. */
const RETRY_AFTER_MS = 60_000;

/**
 * Makes sure no session's tokens are left uncounted before a read that shows or sums them. An import
 * stores its sessions uncounted (the tokenizer is the slowest part of a short import), so the first such
 * read after one counts them on the worker pool; every later read costs one look at an index. A call that
 * arrives while a count runs waits for it, then looks again: sessions that landed after that count began
 * get one more. A count that fails is reported to `failed` and never fails the read: the library stays
 * open, its new sessions showing no count, and the next try waits a minute.
 */
export class TokenCountGate {
  private running: { file: string; done: Promise<boolean> } | null = null;
  private readonly failedAt = new Map<string, number>();

  constructor(
    private readonly workers: Pick<WorkerPool, 'run'>,
    private readonly failed: (err: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  async ensure(project: { file: string; tokenCounts: Pick<TokenCountsRepo, 'hasUncounted'> }): Promise<void> {
    for (let round = 0; round < 2; round++) {
      const running = this.running?.file === project.file ? this.running : null;
      if (running) {
        if (!(await running.done)) return;
        continue;
      }
      if (this.now() - (this.failedAt.get(project.file) ?? -Infinity) < RETRY_AFTER_MS) return;
      if (!project.tokenCounts.hasUncounted()) return;
      if (!(await this.count(project.file))) return;
    }
  }

  private async count(file: string): Promise<boolean> {
    const done = this.workers.run('countSessionTokens', { file }).then(
      () => {
        this.failedAt.delete(file);
        return true;
      },
      (err: unknown) => {
        this.failedAt.set(file, this.now());
        this.failed(err);
        return false;
      },
    );
    const running = { file, done };
    this.running = running;
    try {
      return await done;
    } finally {
      if (this.running === running) this.running = null;
    }
  }
}
