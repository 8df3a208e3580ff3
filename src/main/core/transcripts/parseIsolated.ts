// Reads files in a worker thread with a memory cap and a time limit, so one hostile file (a zip bomb,
// a pathological CSV) fails alone with a reason instead of stalling or killing the process. The worker
// is kept between files (start-up and the tokenizer load once per batch) and replaced after a failure.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseFileOptions } from './parseFile';
import type { ParseReply, ParseRequest, PrepareRequest, ReadResult } from './parseWorker';
import { TranscriptFormatError, type ParseResult } from './types';

export interface ParseLimits {
  /** Heap of the parsing worker; a 200 MB file decodes to up to 400 MB of text. */
  maxMemoryMb: number;
  timeoutMs: number;
}

export const defaultParseLimits: ParseLimits = { maxMemoryMb: 1536, timeoutMs: 120_000 };

/** An idle worker is let go after this long, so a finished batch gives its memory back. */
const IDLE_MS = 5_000;
const RELEASE_AFTER_BYTES = 4 * 1024 * 1024;

/**
 * The worker's script. Built hosts have it beside their entry (out/main/parseWorker.js, or one
 * folder up from a shared chunk); from sources (tests, tsx) it is the TypeScript file, run with tsx.
 */
function workerScript(): { path: string; execArgv: string[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  const source = join(here, 'parseWorker.ts');
  if (existsSync(source)) return { path: source, execArgv: ['--import', 'tsx'] };
  for (const dir of [here, dirname(here)]) {
    const built = join(dir, 'parseWorker.js');
    if (existsSync(built)) return { path: built, execArgv: [] };
  }
  throw new Error(`The parsing worker (parseWorker.js) is missing beside ${here}; rebuild the app.`);
}

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

interface Pending {
  request: ParseRequest;
  /** The bytes move to the worker instead of being copied (the caller no longer needs them). */
  transfer: boolean;
  /** Bytes read (the view is empty once transferred). */
  size: number;
  resolve: (result: ReadResult) => void;
  reject: (err: Error) => void;
}

/** One worker with fixed limits, reading one file at a time (a time limit then belongs to one file). */
class FileReader {
  private worker: Worker | null = null;
  private queue: Pending[] = [];
  private current: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private idle: NodeJS.Timeout | null = null;
  private nextId = 1;

  constructor(private readonly limits: ParseLimits) {}

  read(fileName: string, bytes: Uint8Array, options: ParseFileOptions, prepare?: PrepareRequest, transfer = false): Promise<ReadResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        request: { id: this.nextId++, fileName, bytes, options, ...(prepare ? { prepare } : {}) },
        transfer,
        size: bytes.byteLength,
        resolve,
        reject,
      });
      this.next();
    });
  }

  private spawn(): Worker {
    const script = workerScript();
    const worker = new Worker(script.path, {
      execArgv: script.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb, maxYoungGenerationSizeMb: 16 },
    });
    // An idle worker never keeps a CLI run alive.
    worker.unref();
    worker.on('message', (reply: ParseReply) => {
      const pending = this.current;
      if (!pending || reply.id !== pending.request.id) return;
      this.finish();
      // After a large file the worker's heap is large too: let it go now rather than beside the import's own work.
      if (pending.size > RELEASE_AFTER_BYTES) this.close();
      if (reply.ok) pending.resolve(reply.result);
      else if (reply.format) pending.reject(new TranscriptFormatError(reply.message, reply.line));
      else pending.reject(new TranscriptFormatError(`${pending.request.fileName} could not be read: ${reply.message}`));
      this.next();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const name = this.current?.request.fileName ?? 'The file';
      this.fail(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new TranscriptFormatError(
              `${name} needs more than ${this.limits.maxMemoryMb} MB of memory to read, so reading it was stopped; split it into smaller files or check that it is a transcript.`,
            )
          : new TranscriptFormatError(`${name} could not be read: ${err.message}`),
      );
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.fail(
        new TranscriptFormatError(
          `${this.current?.request.fileName ?? 'The file'} could not be read: the reader stopped (exit code ${code}).`,
        ),
      );
    });
    return worker;
  }

  private next(): void {
    if (this.current) return;
    const pending = this.queue.shift();
    if (!pending) {
      this.idle = setTimeout(() => this.close(), IDLE_MS);
      this.idle.unref();
      return;
    }
    if (this.idle) clearTimeout(this.idle);
    this.current = pending;
    this.worker ??= this.spawn();
    this.worker.ref();
    const { fileName } = pending.request;
    this.timer = setTimeout(() => {
      this.fail(
        new TranscriptFormatError(
          `${fileName} took longer than ${duration(this.limits.timeoutMs)} to read, so reading it was stopped; split it into smaller files or check that it is a transcript.`,
        ),
      );
    }, this.limits.timeoutMs);
    const { bytes } = pending.request;
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    this.worker.postMessage(pending.request, pending.transfer && whole ? [bytes.buffer] : []);
  }

  private finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current = null;
    this.worker?.unref();
  }

  /** The current file fails with `err`; the worker, whatever state it is in, is replaced. */
  private fail(err: Error): void {
    const pending = this.current;
    this.finish();
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
    pending?.reject(err);
    this.next();
  }

  close(): void {
    if (this.idle) clearTimeout(this.idle);
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }
}

let shared: FileReader | undefined;

/**
 * Parses (and, given `prepare`, prepares) one file in the worker. With `transfer`, the bytes move to the
 * worker (the caller's view is emptied), so a large file is not held twice.
 */
export async function readIsolated(
  fileName: string,
  bytes: Uint8Array,
  options: ParseFileOptions,
  prepare?: PrepareRequest,
  limits: ParseLimits = defaultParseLimits,
  transfer = false,
): Promise<ReadResult> {
  if (limits === defaultParseLimits)
    return (shared ??= new FileReader(defaultParseLimits)).read(fileName, bytes, options, prepare, transfer);
  const reader = new FileReader(limits);
  try {
    return await reader.read(fileName, bytes, options, prepare, transfer);
  } finally {
    reader.close();
  }
}

export async function parseIsolated(
  fileName: string,
  bytes: Uint8Array,
  options: ParseFileOptions = {},
  limits: ParseLimits = defaultParseLimits,
): Promise<ParseResult> {
  return (await readIsolated(fileName, bytes, options, undefined, limits)).parsed;
}
