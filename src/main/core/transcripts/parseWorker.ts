// Worker entry: parses one file off the thread that answers calls. Its heap is capped by the
// parent (resourceLimits), so a hostile file exhausts this worker, never the app.
import { parentPort, workerData } from 'node:worker_threads';
import { parseFile, type ParseFileOptions } from './parseFile';
import { TranscriptFormatError } from './types';

export interface ParseRequest {
  fileName: string;
  bytes: Uint8Array;
  options: ParseFileOptions;
}

export type ParseReply = { ok: true; result: Awaited<ReturnType<typeof parseFile>> } | { ok: false; message: string; line?: number; format: boolean };

const request = workerData as ParseRequest;
parseFile(request.fileName, request.bytes, request.options).then(
  (result) => parentPort?.postMessage({ ok: true, result } satisfies ParseReply),
  (err: unknown) => {
    const reply: ParseReply =
      err instanceof TranscriptFormatError
        ? { ok: false, message: err.message, ...(err.line === undefined ? {} : { line: err.line }), format: true }
        : { ok: false, message: err instanceof Error ? err.message : String(err), format: false };
    parentPort?.postMessage(reply);
  },
);
