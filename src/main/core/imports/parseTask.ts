// Reading one file off the thread that answers calls, as a task of the backend's worker pool
// (core/workers). The pool runs it with a heap cap and a time limit, so a hostile file exhausts that
// worker, never the app. When asked, it also prepares the transcripts (roles, cleaning, token windows),
// so a large file's utterances and the tokenizer stay in the worker's heap rather than the app's.
import { ApiError } from '../../../shared/api/result';
import type { CleaningOptions } from './cleaningOptions';
import { parseFile, type ParseFileOptions } from './parseFile';
import { prepareTranscript, type PreparePurpose, type PreparedTranscript, type RoleSources } from './prepareTranscript';
import { NotATranscriptError, TranscriptFormatError, type ParseResult } from './types';

export interface PrepareRequest {
  roles: RoleSources;
  cleaning: CleaningOptions;
  systemPrompt: string;
  purpose: PreparePurpose;
}

export interface ParseRequest {
  fileName: string;
  bytes: Uint8Array;
  options: ParseFileOptions;
  prepare?: PrepareRequest | undefined;
}

/** Prepared files come back without their raw utterances (format and problems only). */
export interface ReadResult {
  parsed: ParseResult;
  prepared?: PreparedTranscript[];
}

/** A file that is not a readable transcript crosses back as INVALID_INPUT, with its line when known and whether it is readable but no transcript. */
export async function parseTask(request: ParseRequest): Promise<ReadResult> {
  try {
    const parsed = await parseFile(request.fileName, request.bytes, request.options);
    const { prepare } = request;
    if (!prepare || parsed.format === 'audio') return { parsed };
    const prepared = parsed.transcripts.map((t) =>
      prepareTranscript(t, prepare.roles, prepare.cleaning, prepare.systemPrompt, prepare.purpose),
    );
    return { parsed: { ...parsed, transcripts: [] }, prepared };
  } catch (err) {
    if (err instanceof TranscriptFormatError)
      throw new ApiError('INVALID_INPUT', err.message, { line: err.line, notTranscript: err instanceof NotATranscriptError });
    throw err;
  }
}
