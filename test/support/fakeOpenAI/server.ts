import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { advanceBatch } from './batchSim';
import { FaultEngine, routeOf } from './faults';
import { advanceJob } from './fineTuneSim';
import { ApiError, sendError, sleep, type Ctx, type RouteDef } from './http';
import { adminRoutes } from './routes/admin';
import { audioRoutes } from './routes/audio';
import { batchRoutes } from './routes/batches';
import { chatRoutes } from './routes/chat';
import { embeddingRoutes } from './routes/embeddings';
import { fileRoutes } from './routes/files';
import { fineTuningRoutes } from './routes/fineTuning';
import { modelRoutes } from './routes/models';
import { togetherRoutes } from './routes/together';
import { DEFAULT_MODELS, FakeState } from './state';
import { advanceTogetherJob } from './togetherSim';
import type { FakeOpenAI, FakeOpenAIOptions, FaultRule, RecordedRequest, RouteName } from './types';

const API_ROUTES: RouteDef[] = [
  ...modelRoutes,
  ...chatRoutes,
  ...embeddingRoutes,
  ...fileRoutes,
  ...fineTuningRoutes,
  ...batchRoutes,
  ...audioRoutes,
  ...togetherRoutes,
];
const DEFAULT_RETRY_AFTER_MS = 200;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface ParsedBody {
  json: unknown;
  form: FormData | null;
  recorded: unknown;
  error: ApiError | null;
}

async function parseBody(req: IncomingMessage, raw: Buffer): Promise<ParsedBody> {
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { json: null, form: null, recorded: null, error: null };
  if (type.startsWith('multipart/form-data')) {
    // The web Request parser is a real multipart implementation, so uploads are read as the
    // real API would read them rather than by a hand-rolled splitter.
    let form: FormData;
    try {
      form = await new Request('http://fake.local/', {
        method: 'POST',
        headers: { 'content-type': type },
        body: raw,
        duplex: 'half',
      } as RequestInit).formData();
    } catch (err) {
      return {
        json: null,
        form: null,
        recorded: null,
        error: new ApiError(400, `Could not parse multipart form: ${(err as Error).message}`),
      };
    }
    const fields: Record<string, string> = {};
    const files: Record<string, { filename: string; bytes: number; type: string }> = {};
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') fields[key] = value;
      else files[key] = { filename: value.name, bytes: value.size, type: value.type };
    }
    return { json: null, form, recorded: { fields, files }, error: null };
  }
  const text = raw.toString('utf8');
  if (type.includes('json')) {
    try {
      const json: unknown = JSON.parse(text);
      return { json, form: null, recorded: json, error: null };
    } catch {
      const error = new ApiError(
        400,
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
      );
      return { json: null, form: null, recorded: text, error };
    }
  }
  return { json: null, form: null, recorded: text, error: null };
}

function authError(header: string | undefined, apiKey: string): ApiError | null {
  if (header === `Bearer ${apiKey}`) return null;
  if (!header) {
    return new ApiError(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      'invalid_request_error',
      null,
      null,
    );
  }
  const given = header.replace(/^Bearer\s+/i, '');
  const masked = given.length > 8 ? `${given.slice(0, 3)}*****${given.slice(-4)}` : '*****';
  return new ApiError(
    401,
    `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    null,
    'invalid_api_key',
  );
}

/** Applies a fault that ends the request before any handler runs; false if the handler should still run. */
async function applyEarlyFault(ctx: Ctx, fault: FaultRule): Promise<boolean> {
  switch (fault.kind) {
    case 'status429': {
      const ms = fault.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
      sendError(
        ctx,
        new ApiError(429, 'Rate limit reached for requests. Please try again shortly.', 'requests', null, 'rate_limit_exceeded'),
        {
          'retry-after-ms': String(ms),
          'retry-after': String(Math.ceil(ms / 1000)),
          'x-ratelimit-remaining-requests': '0',
        },
      );
      return true;
    }
    case 'status500':
      sendError(
        ctx,
        new ApiError(500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null, null),
      );
      return true;
    case 'status503':
      sendError(ctx, new ApiError(503, 'The engine is currently overloaded, please try again later.', 'server_error', null, null));
      return true;
    case 'drop':
      ctx.req.socket.destroy();
      return true;
    case 'malformedJson': {
      const streaming = (ctx.body as { stream?: unknown } | null)?.stream === true;
      const broken = '{"id": "x", "choices": [';
      ctx.res.writeHead(200, { 'content-type': streaming ? 'text/event-stream' : 'application/json', 'x-request-id': ctx.requestId });
      ctx.res.end(streaming ? `data: ${broken}\n\ndata: [DONE]\n\n` : broken);
      return true;
    }
    case 'slow':
      await sleep(fault.delayMs ?? 200, ctx.signal);
      return false;
    case 'truncatedStream':
    case 'noAnswer':
      return false;
  }
}

export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const state = new FakeState(opts.models ?? DEFAULT_MODELS, opts.latencyMs ?? 0, opts.fineTuneStepMs ?? 50);
  state.schemaStrict = opts.schemaStrict ?? false;
  const faults = new FaultEngine(opts.seed ?? 1);
  const requests: RecordedRequest[] = [];
  const admin = opts.admin ? adminRoutes({ faults, requests }) : [];
  const closing = new AbortController();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.local');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    // Together AI's `/v1/fine-tunes` counts as fine-tuning too, so the same faults reach it.
    const route = /^\/v1\/fine-tunes(\/|$)/.test(path) ? 'fine_tuning' : routeOf(path);
    const body = await parseBody(req, await readBody(req));
    const ctx: Ctx = {
      req,
      res,
      method,
      path,
      query: url.searchParams,
      params: [],
      body: body.json,
      form: body.form,
      state,
      fault: null,
      requestId: state.newId('req_', 32),
      signal: closing.signal,
    };
    const isAdmin = route === 'admin' && opts.admin === true;
    const record: RecordedRequest | null = isAdmin
      ? null
      : {
          method,
          path,
          query: Object.fromEntries(url.searchParams),
          route,
          headers: req.headers,
          body: body.recorded,
          fault: null,
          at: Date.now(),
        };
    if (record) requests.push(record);
    try {
      if (body.error) throw body.error;
      if (!isAdmin) {
        if (opts.apiKey !== undefined) {
          const denied = authError(req.headers.authorization, opts.apiKey);
          if (denied) throw denied;
        }
        ctx.fault = faults.take(route);
        if (record && ctx.fault) record.fault = ctx.fault.kind;
        if (ctx.fault && (await applyEarlyFault(ctx, ctx.fault))) return;
        // Simulated jobs catch up to "now" before anyone can observe them.
        const now = Date.now();
        for (const job of state.jobs.values()) advanceJob(state, job, now);
        for (const batch of state.batches.values()) advanceBatch(state, batch, now);
        for (const job of state.togetherJobs.values()) advanceTogetherJob(state, job, now);
      }
      const candidates = (isAdmin ? admin : API_ROUTES).filter((r) => r.method === method);
      for (const def of candidates) {
        const m = def.pattern.exec(path);
        if (!m) continue;
        ctx.params = m.slice(1).map((p) => decodeURIComponent(p));
        await def.handler(ctx);
        return;
      }
      throw new ApiError(404, `Invalid URL (${method} ${path})`, 'invalid_request_error', null, null);
    } catch (err) {
      if (res.headersSent || closing.signal.aborted) {
        res.destroy();
        return;
      }
      const apiErr = err instanceof ApiError ? err : new ApiError(500, `Fake server error: ${(err as Error).message}`, 'server_error');
      sendError(ctx, apiErr);
    }
  }

  // Requests being handled: one sent just before its client closed is recorded only once its body is read.
  let handling = 0;
  const server = createServer((req, res) => {
    handling++;
    handle(req, res)
      .catch(() => res.destroy())
      .finally(() => handling--);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    setLatency: (ms) => {
      state.latencyMs = ms;
    },
    setSchemaStrict: (on) => {
      state.schemaStrict = on;
    },
    countRequests: (name: RouteName | '*') => requests.filter((r) => name === '*' || r.route === name).length,
    settled: async () => {
      while (handling > 0) await new Promise((r) => setTimeout(r, 5));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
