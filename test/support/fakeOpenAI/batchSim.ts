import { answerChat, chatCompletionObject } from './chatModel';
import { ApiError } from './http';
import { embeddingResponse } from './routes/embeddings';
import type { FakeState } from './state';

/**
 * A batch as a timeline, like fine-tuning jobs: validating → in_progress → finalizing →
 * completed, one tick (`stepMs`) apart, applied lazily on the next request.
 */

export const BATCH_ENDPOINTS = ['/v1/chat/completions', '/v1/embeddings'] as const;

export interface BatchObject {
  id: string;
  object: 'batch';
  endpoint: string;
  model?: string;
  errors: { object: 'list'; data: { code: string; message: string; param: string | null; line: number | null }[] } | null;
  input_file_id: string;
  completion_window: string;
  status: 'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'expired' | 'cancelling' | 'cancelled';
  output_file_id: string | null;
  error_file_id: string | null;
  created_at: number;
  in_progress_at: number | null;
  expires_at: number;
  finalizing_at: number | null;
  completed_at: number | null;
  failed_at: number | null;
  expired_at: number | null;
  cancelling_at: number | null;
  cancelled_at: number | null;
  request_counts: { total: number; completed: number; failed: number };
  metadata: unknown;
  usage?: {
    input_tokens: number;
    output_tokens: number;
    total_tokens: number;
    input_tokens_details: { cached_tokens: number };
    output_tokens_details: { reasoning_tokens: number };
  };
}

interface BatchLine {
  custom_id: string;
  body: Record<string, unknown>;
}

export interface BatchRecord {
  batch: BatchObject;
  createdMs: number;
  tick: number;
  lines: BatchLine[];
  outputs: string[];
  errors: string[];
  tokens: { input: number; output: number };
}

type LineError = NonNullable<BatchObject['errors']>['data'][number];

function parseLines(text: string, endpoint: string): { lines: BatchLine[]; errors: LineError[] } {
  const lines: BatchLine[] = [];
  const errors: LineError[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    const line = i + 1;
    let row: { custom_id?: unknown; method?: unknown; url?: unknown; body?: unknown };
    try {
      row = JSON.parse(raw) as typeof row;
    } catch {
      errors.push({ code: 'invalid_json_line', message: 'This line is not parseable as valid JSON.', param: null, line });
      return;
    }
    if (typeof row.custom_id !== 'string') {
      errors.push({ code: 'missing_required_parameter', message: "Missing required parameter: 'custom_id'.", param: 'custom_id', line });
    } else if (seen.has(row.custom_id)) {
      errors.push({
        code: 'duplicate_custom_id',
        message: 'The custom_id for this request is a duplicate of another request.',
        param: 'custom_id',
        line,
      });
    } else if (row.method !== 'POST') {
      errors.push({ code: 'invalid_method', message: "Only the 'POST' method is supported.", param: 'method', line });
    } else if (row.url !== endpoint) {
      errors.push({
        code: 'mismatched_endpoint',
        message: `The provided endpoint '${String(row.url)}' does not match the batch endpoint '${endpoint}'.`,
        param: 'url',
        line,
      });
    } else if (!row.body || typeof row.body !== 'object' || Array.isArray(row.body)) {
      errors.push({ code: 'missing_required_parameter', message: "Missing required parameter: 'body'.", param: 'body', line });
    } else {
      seen.add(row.custom_id);
      lines.push({ custom_id: row.custom_id, body: row.body as Record<string, unknown> });
    }
  });
  if (!lines.length && !errors.length) errors.push({ code: 'empty_file', message: 'The input file is empty.', param: null, line: null });
  return { lines, errors };
}

/** Runs every request line through the same code as the live endpoints. */
function runLines(state: FakeState, rec: BatchRecord): void {
  for (const line of rec.lines) {
    const requestId = state.newId('req_', 32);
    const id = state.newId('batch_req_', 32);
    try {
      let body: Record<string, unknown>;
      if (rec.batch.endpoint === '/v1/embeddings') {
        body = embeddingResponse(state, line.body);
        rec.tokens.input += (body.usage as { prompt_tokens: number }).prompt_tokens;
      } else {
        const answer = answerChat(state, line.body);
        body = chatCompletionObject(state.newId('chatcmpl-', 29), state.nowSec(), answer);
        rec.tokens.input += answer.usage?.prompt_tokens ?? 0;
        rec.tokens.output += answer.usage?.completion_tokens ?? 0;
      }
      rec.outputs.push(
        JSON.stringify({ id, custom_id: line.custom_id, response: { status_code: 200, request_id: requestId, body }, error: null }),
      );
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const body = { error: { message: err.message, type: err.type, param: err.param, code: err.code } };
      rec.errors.push(
        JSON.stringify({ id, custom_id: line.custom_id, response: { status_code: err.status, request_id: requestId, body }, error: null }),
      );
    }
  }
}

function applyTick(state: FakeState, rec: BatchRecord, tick: number, atMs: number): void {
  const b = rec.batch;
  const at = state.nowSec(atMs);
  if (b.status === 'cancelling') {
    Object.assign(b, { status: 'cancelled', cancelled_at: at });
  } else if (tick === 1) {
    const input = state.files.get(b.input_file_id);
    const parsed = parseLines(new TextDecoder().decode(input?.content ?? new Uint8Array()), b.endpoint);
    if (parsed.errors.length) {
      Object.assign(b, { status: 'failed', failed_at: at, errors: { object: 'list', data: parsed.errors } });
      return;
    }
    rec.lines = parsed.lines;
    const model = rec.lines[0]?.body.model;
    Object.assign(b, { status: 'in_progress', in_progress_at: at, request_counts: { total: rec.lines.length, completed: 0, failed: 0 } });
    if (typeof model === 'string') b.model = model;
  } else if (tick === 2) {
    runLines(state, rec);
    Object.assign(b, {
      status: 'finalizing',
      finalizing_at: at,
      request_counts: { total: rec.lines.length, completed: rec.outputs.length, failed: rec.errors.length },
    });
  } else {
    const write = (lines: string[], suffix: string): string | null =>
      lines.length
        ? state.addFile(new TextEncoder().encode(lines.join('\n') + '\n'), `${b.id}_${suffix}.jsonl`, 'batch_output', atMs).meta.id
        : null;
    const { input, output } = rec.tokens;
    Object.assign(b, {
      status: 'completed',
      completed_at: at,
      output_file_id: write(rec.outputs, 'output'),
      error_file_id: write(rec.errors, 'error'),
      usage: {
        input_tokens: input,
        output_tokens: output,
        total_tokens: input + output,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens_details: { reasoning_tokens: 0 },
      },
    });
  }
}

export function advanceBatch(state: FakeState, rec: BatchRecord, nowMs: number): void {
  while (['validating', 'in_progress', 'finalizing', 'cancelling'].includes(rec.batch.status)) {
    const atMs = rec.createdMs + (rec.tick + 1) * state.stepMs;
    if (atMs > nowMs) return;
    rec.tick++;
    applyTick(state, rec, rec.tick, atMs);
  }
}
