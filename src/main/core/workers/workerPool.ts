import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Transferable, Worker } from 'node:worker_threads';
import { ApiError, errorCodes, type ErrorCode } from '../../../shared/api/result';
import { tasks, type TaskName, type Tasks, type TaskProgress } from './tasks';

type Input<K extends TaskName> = Parameters<Tasks[K]>[0];
type Output<K extends TaskName> = Awaited<ReturnType<Tasks[K]>>;

/** What a worker posts back: progress any number of times, then one result or one error. */
export type WorkerReply =
  | { id: number; type: 'progress'; progress: TaskProgress }
  | { id: number; type: 'result'; output: unknown }
  | { id: number; type: 'error'; code: ErrorCode; message: string; details?: unknown; stack?: string | undefined };

/** Limits for one task: the heap of the worker it runs in, and how long it may take. */
export interface TaskLimits {
  maxMemoryMb?: number;
  timeoutMs?: number;
}

export interface RunOptions {
  onProgress?: (p: TaskProgress) => void;
  limits?: TaskLimits;
  /** Buffers that move to the worker instead of being copied (the caller's views of them are emptied). */
  transfer?: Transferable[];
  /** Let the worker go once this task is done, so a task that grew a large heap gives it back at once. */
  retire?: boolean;
  signal?: AbortSignal;
  /**
   * The caller knows the task is small and bounded (a short text file, nothing to unpack): it may run on
   * the calling thread, with no limits, when the pool was made with `smallTasksHere`.
   */
  small?: boolean;
}

export interface PoolOptions {
  /** Worker threads at most. Two: a long freeze then never holds up a file preview or a report on a small machine. */
  size?: number;
  /**
   * Run tasks marked `small` on the calling thread. For a host whose thread answers no one else (a CLI
   * command) a worker costs more than such a task: its start-up, a second heap, every module loaded again
   * (for a 2 MB CSV, about 90 of a CLI import's 490 ms of CPU). Where the thread answers calls (the app's
   * hosts), every task stays on a worker, so a call is never held up behind a file.
   */
  smallTasksHere?: boolean;
}

/** A task stopped because it passed one of its limits; the worker it ran in was replaced. */
export class TaskLimitError extends Error {
  constructor(
    readonly limit: 'memory' | 'time',
    readonly limits: TaskLimits,
  ) {
    super(
      limit === 'memory'
        ? `The background task needed more than ${limits.maxMemoryMb} MB of memory, so it was stopped.`
        : `The background task took longer than ${limits.timeoutMs} ms, so it was stopped.`,
    );
    this.name = 'TaskLimitError';
  }
}

interface Queued {
  id: number;
  task: TaskName;
  input: unknown;
  options: RunOptions;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Workers differ only by heap cap; a task runs in a worker whose cap is the one it asked for. */
  maxMemoryMb: number | undefined;
  current: Queued | null;
  timer: NodeJS.Timeout | null;
  idle: NodeJS.Timeout | null;
}

/** The error a task stopped by its signal fails with: the signal's reason, when it is one. */
const cancelled = (reason: unknown): Error => (reason instanceof Error ? reason : new Error('Cancelled.'));

/** An idle worker is let go after this long, so memory a finished batch used goes back. */
const IDLE_MS = 5_000;

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
 * A small pool of worker threads the whole backend shares, so heavy work (parsing files, freezing a
 * dataset, statistics) runs beside the thread that answers calls instead of on it. Workers start on
 * first use, are unref'd while idle (a CLI command still exits when its work is done) and let go after
 * a few idle seconds. A task may carry limits: one that passes them fails alone and its worker is replaced.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private closed = false;

  private readonly size: number;
  private readonly smallTasksHere: boolean;

  constructor({ size = 2, smallTasksHere = false }: PoolOptions = {}) {
    this.size = size;
    this.smallTasksHere = smallTasksHere;
  }

  /** Worker threads running now (idle ones included). */
  get threads(): number {
    return this.slots.length;
  }

  run<K extends TaskName>(task: K, input: Input<K>, options: RunOptions = {}): Promise<Output<K>> {
    if (this.closed) return Promise.reject(new ApiError('INTERNAL', 'The backend is shutting down; try again after it restarts.'));
    if (options.small && this.smallTasksHere) return this.runHere(task, input, options);
    return new Promise<Output<K>>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) return reject(cancelled(signal.reason));
      const onAbort = () => this.abort(job);
      // The listener goes with the task, so a long-lived signal does not collect one per task.
      const settled = () => signal?.removeEventListener('abort', onAbort);
      const job: Queued = {
        id: this.nextId++,
        task,
        input,
        options,
        resolve: (value) => {
          settled();
          resolve(value as Output<K>);
        },
        reject: (err) => {
          settled();
          reject(err);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /** A small task on this thread: same task code, input and output are not copied, nothing to time out. */
  private async runHere<K extends TaskName>(task: K, input: Input<K>, { signal, onProgress }: RunOptions): Promise<Output<K>> {
    if (signal?.aborted) throw cancelled(signal.reason);
    const run = tasks[task] as (input: Input<K>, progress: (p: TaskProgress) => void) => Promise<Output<K>>;
    return run(input, onProgress ?? (() => undefined));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.reject(new ApiError('INTERNAL', 'The backend shut down before this work started.'));
    await Promise.all(this.slots.splice(0).map((s) => this.stop(s)));
  }

  private pump(): void {
    for (let i = 0; i < this.queue.length;) {
      const job = this.queue[i]!;
      const cap = job.options.limits?.maxMemoryMb;
      let slot = this.slots.find((s) => s.current === null && s.maxMemoryMb === cap);
      if (!slot && this.slots.length >= this.size) {
        // The pool is full but a worker of another heap cap is idle: replace it with one that fits.
        const spare = this.slots.find((s) => s.current === null);
        if (spare) {
          this.remove(spare);
          void this.stop(spare);
        }
      }
      if (!slot && this.slots.length < this.size) slot = this.spawn(cap);
      if (!slot) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.start(slot, job);
    }
  }

  private start(slot: Slot, job: Queued): void {
    if (slot.idle) clearTimeout(slot.idle);
    slot.idle = null;
    slot.current = job;
    slot.worker.ref();
    const timeoutMs = job.options.limits?.timeoutMs;
    if (timeoutMs !== undefined) slot.timer = setTimeout(() => this.fail(slot, new TaskLimitError('time', job.options.limits!)), timeoutMs);
    slot.worker.postMessage({ id: job.id, task: job.task, input: job.input }, job.options.transfer ?? []);
  }

  /** The task ended normally: the worker waits for the next one (or goes, if the task asked). */
  private finish(slot: Slot): Queued | null {
    const job = slot.current;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.current = null;
    slot.worker.unref();
    if (job?.options.retire) {
      this.remove(slot);
      void this.stop(slot);
    } else {
      slot.idle = setTimeout(() => {
        this.remove(slot);
        void this.stop(slot);
      }, IDLE_MS);
      slot.idle.unref();
    }
    return job;
  }

  /** The slot's task fails with `err`; the worker, whatever state it is in, is replaced. */
  private fail(slot: Slot, err: Error): void {
    const job = slot.current;
    if (slot.timer) clearTimeout(slot.timer);
    slot.current = null;
    this.remove(slot);
    void this.stop(slot);
    job?.reject(err);
    if (!this.closed) this.pump();
  }

  private abort(job: Queued): void {
    const reason = job.options.signal?.reason;
    const err = cancelled(reason);
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.reject(err);
      return;
    }
    const slot = this.slots.find((s) => s.current === job);
    if (slot) this.fail(slot, err);
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  private async stop(slot: Slot): Promise<void> {
    if (slot.idle) clearTimeout(slot.idle);
    if (slot.timer) clearTimeout(slot.timer);
    slot.idle = slot.timer = null;
    await slot.worker.terminate();
  }

  private spawn(maxMemoryMb: number | undefined): Slot {
    const entry = workerEntry();
    // Taken when the first worker starts: a command that never uses the pool does not load worker_threads.
    const { Worker } = process.getBuiltinModule('node:worker_threads');
    const worker = new Worker(entry.file, {
      execArgv: entry.execArgv,
      ...(maxMemoryMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: 16 } }),
    });
    const slot: Slot = { worker, maxMemoryMb, current: null, timer: null, idle: null };
    worker.on('message', (reply: WorkerReply) => {
      const job = slot.current;
      if (!job || job.id !== reply.id) return;
      if (reply.type === 'progress') {
        job.options.onProgress?.(reply.progress);
        return;
      }
      this.finish(slot);
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
    worker.on('error', (err: Error & { code?: string }) => {
      const limits = slot.current?.options.limits;
      this.fail(slot, err.code === 'ERR_WORKER_OUT_OF_MEMORY' && limits ? new TaskLimitError('memory', limits) : err);
    });
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) this.fail(slot, new Error(`The background worker stopped (exit code ${code}) before it finished.`));
    });
    worker.unref();
    this.slots.push(slot);
    return slot;
  }
}
