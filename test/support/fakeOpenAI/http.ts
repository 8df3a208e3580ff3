import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { FakeState } from './state';
import type { FaultRule } from './types';

/** Thrown by handlers; the server turns it into OpenAI's `{ error: { ... } }` shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string = 'invalid_request_error',
    readonly param: string | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

export function notFound(message: string, param: string | null = null): ApiError {
  return new ApiError(404, message, 'invalid_request_error', param, null);
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  /** Capture groups of the matched route pattern, URI-decoded. */
  params: string[];
  /** Parsed JSON body, or null when there was none or it was multipart. */
  body: unknown;
  form: FormData | null;
  state: FakeState;
  fault: FaultRule | null;
  requestId: string;
  /** Aborted when the server closes, so pending delays do not keep it alive. */
  signal: AbortSignal;
}

export type Handler = (ctx: Ctx) => Promise<void> | void;
export interface RouteDef {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  handler: Handler;
}

export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms > 0) await delay(ms, undefined, { signal });
}

function baseHeaders(ctx: Ctx): Record<string, string> {
  return { 'x-request-id': ctx.requestId, 'openai-processing-ms': '1', 'openai-version': '2020-10-01' };
}

/**
 * Every non-stream response goes through here, which is where configured latency and the
 * `truncatedStream` (half a body, then a dead socket) and `noAnswer` faults apply to every route alike.
 */
export async function send(
  ctx: Ctx,
  status: number,
  contentType: string,
  payload: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<void> {
  await sleep(ctx.state.latencyMs, ctx.signal);
  if (ctx.fault?.kind === 'noAnswer') {
    // The work is done; the answer is held until the client hangs up or the server closes.
    await new Promise<void>((resolve) => {
      ctx.res.once('close', resolve);
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    ctx.res.destroy();
    return;
  }
  const bytes = typeof payload === 'string' ? Buffer.from(payload) : Buffer.from(payload);
  ctx.res.writeHead(status, {
    ...baseHeaders(ctx),
    'content-type': contentType,
    'content-length': String(bytes.length),
    ...headers,
  });
  if (ctx.fault?.kind === 'truncatedStream') {
    ctx.res.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))));
    // Give the half body a chance to leave before the reset, as a real mid-body failure would.
    setTimeout(() => ctx.res.destroy(), 10);
    return;
  }
  ctx.res.end(bytes);
}

export function sendJson(ctx: Ctx, value: unknown, status = 200, headers: Record<string, string> = {}): Promise<void> {
  return send(ctx, status, 'application/json', JSON.stringify(value), headers);
}

/** Errors skip latency: they are decided before any "model work" would happen. */
export function sendError(ctx: Ctx, err: ApiError, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: { message: err.message, type: err.type, param: err.param, code: err.code } });
  ctx.res.writeHead(err.status, {
    ...baseHeaders(ctx),
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  ctx.res.end(body);
}

export interface SseWriter {
  event(value: unknown): Promise<void>;
  done(): void;
  /** Kill the connection mid-stream, without `[DONE]`. */
  destroy(): void;
}

export function startSse(ctx: Ctx, chunkDelayMs: number): SseWriter {
  ctx.res.writeHead(200, {
    ...baseHeaders(ctx),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  ctx.res.flushHeaders();
  return {
    async event(value) {
      ctx.res.write(`data: ${typeof value === 'string' ? value : JSON.stringify(value)}\n\n`);
      await sleep(chunkDelayMs, ctx.signal);
    },
    done() {
      ctx.res.end('data: [DONE]\n\n');
    },
    destroy() {
      setTimeout(() => ctx.res.destroy(), 10);
    },
  };
}

// Helpers for reading request bodies with OpenAI-shaped 400s instead of crashes.

export function objectBody(ctx: Ctx): Record<string, unknown> {
  const body = ctx.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(
      400,
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)",
    );
  }
  return body as Record<string, unknown>;
}

export function requireString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (value === undefined || value === null) {
    throw new ApiError(400, `Missing required parameter: '${key}'.`, 'invalid_request_error', key, 'missing_required_parameter');
  }
  if (typeof value !== 'string') {
    throw new ApiError(
      400,
      `Invalid type for '${key}': expected a string, but got ${typeof value} instead.`,
      'invalid_request_error',
      key,
      'invalid_type',
    );
  }
  return value;
}

export function optionalNumber(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ApiError(400, `Invalid type for '${key}': expected a number.`, 'invalid_request_error', key, 'invalid_type');
  }
  return value;
}

/** Cursor pagination as used by files, jobs, events, checkpoints and batches. */
export function cursorPage<T extends { id: string }>(ctx: Ctx, items: T[], defaultLimit = 20): Record<string, unknown> {
  const limit = Math.max(1, Math.min(10_000, Number(ctx.query.get('limit') ?? defaultLimit) || defaultLimit));
  const after = ctx.query.get('after');
  let start = 0;
  if (after) {
    const index = items.findIndex((item) => item.id === after);
    start = index === -1 ? items.length : index + 1;
  }
  const data = items.slice(start, start + limit);
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data[data.length - 1]?.id ?? null,
    has_more: start + limit < items.length,
  };
}
