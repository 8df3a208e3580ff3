import type { WorkerPool } from '../workers/workerPool';
import type { TokenCountsRepo } from './tokenCountsRepo';

/**
 * Makes sure no session's tokens are left uncounted before a read that shows or sums them. An import
 * stores its sessions uncounted (the tokenizer is the slowest part of a short import), so the first such
 * read after one counts them on the worker pool; every later read costs one look at an index. Calls that
 * arrive while a count runs wait for that same count. A count that fails is reported to `failed` and
 * never fails the read: the library stays open, its new sessions showing no count until one is made.
 */
export class TokenCountGate {
  private running: { file: string; done: Promise<void> } | null = null;

  constructor(
    private readonly workers: Pick<WorkerPool, 'run'>,
    private readonly failed: (err: unknown) => void,
  ) {}

  async ensure(project: { file: string; tokenCounts: Pick<TokenCountsRepo, 'hasUncounted'> }): Promise<void> {
    if (this.running?.file === project.file) return this.running.done;
    if (!project.tokenCounts.hasUncounted()) return;
    const done = this.workers.run('countTokens', { file: project.file }).then(
      () => undefined,
      (err: unknown) => this.failed(err),
    );
    const running = { file: project.file, done };
    this.running = running;
    try {
      await done;
    } finally {
      if (this.running === running) this.running = null;
    }
  }
}
