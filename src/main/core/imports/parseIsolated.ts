// Reads files on the backend's worker pool with a memory cap and a time limit, so one hostile file (a zip
// bomb, a pathological CSV) fails alone with a reason instead of stalling or killing the process. The
// pool keeps the worker between files (start-up and the tokenizer load once per batch) and replaces it
// after a failure.
import { ApiError } from '../../../shared/api/result';
import { TaskLimitError, type WorkerPool } from '../workers/workerPool';
import { formatByName } from './detectFormat';
import type { ParseFileOptions } from './parseFile';
import type { PrepareRequest, ReadResult } from './parseTask';
import { NotATranscriptError, TranscriptFormatError, type ParseResult } from './types';

export interface ParseLimits {
  /** Heap of the parsing worker; a 200 MB file decodes to up to 400 MB of text. */
  maxMemoryMb: number;
  timeoutMs: number;
}

export const defaultParseLimits: ParseLimits = { maxMemoryMb: 1536, timeoutMs: 120_000 };

/** After a file this large the worker's heap is large too: it is let go rather than kept beside the import's own work. */
const RELEASE_AFTER_BYTES = 4 * 1024 * 1024;

/**
 * A text file up to this size is a small task (see WorkerPool's `smallTasksHere`): reading it cannot grow
 * past its size (an 8 MB CSV or text file imports through the CLI in under 2 s, the whole process peaking at
 * 210-250 MB). A Word file can: it is a zip, its size on disk says nothing of what unpacking it takes, so it
 * always goes to a worker with limits.
 */
const SMALL_FILE_BYTES = 8 * 1024 * 1024;

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

/** Says, for one file, why reading it stopped. */
function fileError(fileName: string, err: unknown, limits: ParseLimits): Error {
  if (err instanceof TaskLimitError)
    return new TranscriptFormatError(
      err.limit === 'memory'
        ? `${fileName} needs more than ${limits.maxMemoryMb} MB of memory to read, so reading it was stopped; split it into smaller files or check that it is a transcript.`
        : `${fileName} took longer than ${duration(limits.timeoutMs)} to read, so reading it was stopped; split it into smaller files or check that it is a transcript.`,
    );
  if (err instanceof ApiError && err.code === 'INVALID_INPUT') {
    const { line, notTranscript } = (err.details ?? {}) as { line?: number; notTranscript?: boolean };
    return notTranscript ? new NotATranscriptError(err.message, line) : new TranscriptFormatError(err.message, line);
  }
  return new TranscriptFormatError(`${fileName} could not be read: ${err instanceof Error ? err.message : String(err)}`);
}

export interface ReadOptions {
  prepare?: PrepareRequest | undefined;
  limits?: ParseLimits;
  /** The bytes move to the worker (the caller's view is emptied), so a large file is not held twice. */
  transfer?: boolean;
  signal?: AbortSignal | undefined;
}

/** Parses (and, given `prepare`, prepares) one file in a worker of the pool. */
export async function readIsolated(
  workers: WorkerPool,
  fileName: string,
  bytes: Uint8Array,
  options: ParseFileOptions,
  { prepare, limits = defaultParseLimits, transfer = false, signal }: ReadOptions = {},
): Promise<ReadResult> {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  const small = bytes.byteLength <= SMALL_FILE_BYTES && (options.format ?? formatByName(fileName)) !== 'docx';
  try {
    return await workers.run(
      'parseFile',
      { fileName, bytes, options, prepare },
      {
        limits,
        transfer: transfer && whole ? [bytes.buffer] : [],
        retire: bytes.byteLength > RELEASE_AFTER_BYTES,
        small,
        ...(signal ? { signal } : {}),
      },
    );
  } catch (err) {
    throw fileError(fileName, err, limits);
  }
}

export async function parseIsolated(
  workers: WorkerPool,
  fileName: string,
  bytes: Uint8Array,
  options: ParseFileOptions = {},
  limits: ParseLimits = defaultParseLimits,
): Promise<ParseResult> {
  return (await readIsolated(workers, fileName, bytes, options, { limits })).parsed;
}
