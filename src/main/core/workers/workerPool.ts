import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError, errorCodes, type ErrorCode } from '../../../shared/api/result';
import type { TaskName, Tasks, TaskProgress } from './tasks';

type Input<K extends TaskName> = Parameters<Tasks[K]>[0];
type Output<K extends TaskName> = Awaited<ReturnType<Tasks[K]>>;

/** What a worker posts back: progress any number of times, then one result or one error. */
export type WorkerReply =
  | { id: number; type: 'progress'; progress: TaskProgress }
  | { id: number; type: 'result'; output: unknown }
  | { id: number; type: 'error'; code: ErrorCode; message: string; details?: unknown; stack?: string | undefined };

interface Queued {
  id: number;
  task: TaskName;
  input: unknown;
  onProgress: ((p: TaskProgress) => void) | undefined;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  current: Queued | null;
}

/**
 * From the sources (tests, benches, `tsx`) the worker is the TypeScript entry, loaded through tsx; in
 * the build it is `out/main/worker.js`, one level above the shared chunk this code is bundled into.
 */
function workerEntry(): { file: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { file: fileURLToPath(new URL('./workerMain.ts', here)), execArgv: ['--import', 'tsx'] };
  const built = [new URL('../worker.js', here), new URL('./worker.js', here)].map((u) => fileURLToPath(u)).find((f) => existsSync(f));
  if (!built)
    throw new ApiError('INTERNAL', 'The background worker (worker.js) is missing from the build. Rebuild the app with `npm run build`.');
  return { file: built, execArgv: [] };
}

/**
 * A small pool of worker threads the whole backend shares, so heavy work (freezing a dataset) runs
 * beside the thread that answers calls instead of on it. Workers start on first use and are unref'd
 * while idle, so a CLI command still exits when its work is done.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly size = Math.max(1, Math.min(2, availableParallelism() - 1))) {}

  run<K extends TaskName>(task: K, input: Input<K>, options: { onProgress?: (p: TaskProgress) => void } = {}): Promise<Output<K>> {
    if (this.closed) return Promise.reject(new ApiError('INTERNAL', 'The backend is shutting down; try again after it restarts.'));
    return new Promise<Output<K>>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, input, onProgress: options.onProgress, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.reject(new ApiError('INTERNAL', 'The backend shut down before this work started.'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.current === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.current = job;
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, task: job.task, input: job.input });
    }
  }

  private spawn(): Slot {
    const entry = workerEntry();
    const worker = new Worker(entry.file, { execArgv: entry.execArgv });
    const slot: Slot = { worker, current: null };
    worker.on('message', (reply: WorkerReply) => {
      const job = slot.current;
      if (!job || job.id !== reply.id) return;
      if (reply.type === 'progress') {
        job.onProgress?.(reply.progress);
        return;
      }
      slot.current = null;
      worker.unref();
      if (reply.type === 'result') job.resolve(reply.output);
      else
        job.reject(
          errorCodes.includes(reply.code) && reply.code !== 'INTERNAL'
            ? new ApiError(reply.code, reply.message, reply.details)
            : Object.assign(new Error(reply.message), { stack: reply.stack }),
        );
      this.pump();
    });
    // A worker that dies (out of memory, a native crash) fails only the task it was running.
    const lost = (err: Error) => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      slot.current?.reject(err);
      slot.current = null;
      if (!this.closed) this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`The background worker stopped (exit code ${code}) before it finished.`)));
    worker.unref();
    this.slots.push(slot);
    return slot;
  }
}
