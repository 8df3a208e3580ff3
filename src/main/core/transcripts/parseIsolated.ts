// Runs parseFile in a worker thread with a memory cap and a time limit, so one hostile file (a zip
// bomb, a pathological CSV) fails alone with a reason instead of stalling or killing the process.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseFileOptions } from './parseFile';
import type { ParseReply, ParseRequest } from './parseWorker';
import { TranscriptFormatError, type ParseResult } from './types';

export interface ParseLimits {
  /** Heap of the parsing worker; a 200 MB file decodes to up to 400 MB of text. */
  maxMemoryMb: number;
  timeoutMs: number;
}

export const defaultParseLimits: ParseLimits = { maxMemoryMb: 1536, timeoutMs: 120_000 };

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

export function parseIsolated(fileName: string, bytes: Uint8Array, options: ParseFileOptions = {}, limits: ParseLimits = defaultParseLimits): Promise<ParseResult> {
  const script = workerScript();
  const request: ParseRequest = { fileName, bytes, options };
  return new Promise((resolve, reject) => {
    const worker = new Worker(script.path, {
      execArgv: script.execArgv,
      workerData: request,
      resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb, maxYoungGenerationSizeMb: 16 },
      stdout: true,
      stderr: true,
    });
    // Library chatter (xmldom warnings) stays out of the CLI's output; the reply says what matters.
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      settle(() => reject(new TranscriptFormatError(`${fileName} took longer than ${duration(limits.timeoutMs)} to read, so reading it was stopped; split it into smaller files or check that it is a transcript.`)));
    }, limits.timeoutMs);
    worker.on('message', (reply: ParseReply) => {
      settle(() => {
        if (reply.ok) resolve(reply.result);
        else if (reply.format) reject(new TranscriptFormatError(reply.message, reply.line));
        else reject(new TranscriptFormatError(`${fileName} could not be read: ${reply.message}`));
      });
    });
    worker.on('error', (err: Error & { code?: string }) => {
      settle(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new TranscriptFormatError(`${fileName} needs more than ${limits.maxMemoryMb} MB of memory to read, so reading it was stopped; split it into smaller files or check that it is a transcript.`)
            : new TranscriptFormatError(`${fileName} could not be read: ${err.message}`),
        ),
      );
    });
    worker.on('exit', (code) => {
      settle(() => reject(new TranscriptFormatError(`${fileName} could not be read: the reader stopped (exit code ${code}).`)));
    });
  });
}
