// Worker entry: reads files off the thread that answers calls, one request at a time. Its heap is
// capped by the parent (resourceLimits), so a hostile file exhausts this worker, never the app. When
// asked, it also prepares the transcripts (roles, cleaning, token windows), so a large file's
// utterances and the tokenizer stay in this heap rather than the app's.
import { parentPort } from 'node:worker_threads';
import type { CleaningOptions } from './cleaning';
import { parseFile, type ParseFileOptions } from './parseFile';
import { prepareTranscript, type PreparedTranscript, type RoleSources } from './prepareTranscript';
import { TranscriptFormatError, type ParseResult } from './types';

export interface PrepareRequest {
  roles: RoleSources;
  cleaning: CleaningOptions;
  systemPrompt: string;
}

export interface ParseRequest {
  id: number;
  fileName: string;
  bytes: Uint8Array;
  options: ParseFileOptions;
  prepare?: PrepareRequest;
}

/** Prepared files come back without their raw utterances (format and problems only). */
export interface ReadResult {
  parsed: ParseResult;
  prepared?: PreparedTranscript[];
}

export type ParseReply = { id: number } & (
  { ok: true; result: ReadResult } | { ok: false; message: string; line?: number; format: boolean }
);

async function read(request: ParseRequest): Promise<ReadResult> {
  const parsed = await parseFile(request.fileName, request.bytes, request.options);
  const { prepare } = request;
  if (!prepare || parsed.format === 'audio') return { parsed };
  const prepared = parsed.transcripts.map((t) => prepareTranscript(t, prepare.roles, prepare.cleaning, prepare.systemPrompt));
  return { parsed: { ...parsed, transcripts: [] }, prepared };
}

// Library chatter (xmldom's warnings) would land in the CLI's output; the reply says what matters.
// (Piping the worker's stdio to the parent instead would keep an idle worker, and the CLI, alive.)
console.log = console.warn = console.error = console.info = console.debug = () => undefined;

parentPort?.on('message', (request: ParseRequest) => {
  read(request).then(
    (result) => parentPort?.postMessage({ id: request.id, ok: true, result } satisfies ParseReply),
    (err: unknown) => {
      const reply: ParseReply =
        err instanceof TranscriptFormatError
          ? { id: request.id, ok: false, message: err.message, ...(err.line === undefined ? {} : { line: err.line }), format: true }
          : { id: request.id, ok: false, message: err instanceof Error ? err.message : String(err), format: false };
      parentPort?.postMessage(reply);
    },
  );
});
