import { timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { ApiResult } from '../../shared/api/result';
import type { Backend } from '../backend';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';
import { DownloadRefused, resolveDownload } from './download';

export interface HttpHostOptions {
  backend: Backend;
  /** The built renderer (out/renderer); omit to serve the API only. */
  staticDir?: string | undefined;
  token: string;
  port?: number;
  /** Files inside this folder (the data folder: exports, bundles, reports) can be downloaded from the page. */
  filesRoot?: string | undefined;
  /** Where a request's unexpected error is logged (scrubbed of keys by the caller); it is answered, never fatal. */
  onError?: (message: string, err: unknown) => void;
}

export interface HttpHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 20 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Browser mode: the backend over HTTP (calls) and server-sent events (pushed events) on 127.0.0.1.
 * Every API request must carry the per-launch token, and Host/Origin must be the loopback address,
 * so neither another site in the browser nor a DNS-rebinding page can reach the backend.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const clients = new Set<ServerResponse>();
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const onError = options.onError ?? ((message: string, err: unknown) => console.error(message, err));

  const server = createServer((req, res) => {
    setCommonHeaders(res);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 403, 'This server only answers on its loopback address.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, '')))
      return refuse(res, 403, 'Requests from other sites are refused.');

    if (url.pathname === '/api/call') {
      if (req.method !== 'POST') return refuse(res, 405, 'Use POST.');
      if (!tokenMatches(req.headers['x-hds-token'], options.token))
        return refuse(res, 401, 'Missing or wrong access token. Open the address the server printed.');
      return guard(req, res, handleCall(req, res, options.backend), onError);
    }
    if (url.pathname === '/api/download') {
      if (req.method !== 'POST') return refuse(res, 405, 'Use POST.');
      if (!tokenMatches(req.headers['x-hds-token'], options.token))
        return refuse(res, 401, 'Missing or wrong access token. Open the address the server printed.');
      return guard(req, res, handleDownload(req, res, options.filesRoot), onError);
    }
    if (url.pathname === '/api/events') {
      if (!tokenMatches(url.searchParams.get('token') ?? undefined, options.token))
        return refuse(res, 401, 'Missing or wrong access token.');
      return openEventStream(req, res, options.backend, clients);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Not allowed.');
    return serveStatic(url.pathname, res, options.staticDir);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${options.token}`,
    close: async () => {
      for (const c of clients) c.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function setCommonHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, message: string): void {
  const code = status === 401 ? 'UNAUTHORIZED' : status === 404 ? 'NOT_FOUND' : 'INVALID_INPUT';
  sendJson(res, status, { ok: false, error: { code, message } } satisfies ApiResult<never>);
}

/**
 * Every request's work ends here: a client that went away mid-body (a closed tab, a dropped network) only
 * ends its own request, and anything else unexpected is logged and answered as INTERNAL. Neither can stop
 * the server, so one aborted upload never takes running jobs down with it.
 */
function guard(req: IncomingMessage, res: ServerResponse, work: Promise<void>, onError: (message: string, err: unknown) => void): void {
  work.catch((err: unknown) => {
    if (req.errored || res.destroyed || !res.socket || res.socket.destroyed) {
      res.destroy();
      return;
    }
    onError(`browser mode: ${req.method ?? ''} ${req.url ?? ''} failed`, err);
    if (res.headersSent) return void res.destroy();
    sendJson(res, 500, {
      ok: false,
      error: { code: 'INTERNAL', message: 'Something went wrong on the server; see its log. Nothing you sent was lost.' },
    } satisfies ApiResult<never>);
  });
}

async function readJson(req: IncomingMessage, res: ServerResponse): Promise<{ body: unknown } | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      refuse(res, 413, 'The request is too large.');
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return { body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    refuse(res, 400, 'The request body is not JSON.');
    return null;
  }
}

/** `{ path }` of a file or folder the app wrote, streamed back as an attachment (a folder as a zip). */
async function handleDownload(req: IncomingMessage, res: ServerResponse, root: string | undefined): Promise<void> {
  const read = await readJson(req, res);
  if (!read) return;
  const path = (read.body as { path?: unknown } | null)?.path;
  if (typeof path !== 'string' || path.length === 0 || path.length > 4096) return refuse(res, 400, 'The request must be {"path": "..."}.');
  if (!root) return refuse(res, 404, 'This server does not serve files.');
  let download;
  try {
    download = resolveDownload(root, path);
  } catch (err) {
    if (err instanceof DownloadRefused) return refuse(res, 404, err.message);
    throw err;
  }
  res.writeHead(200, {
    'Content-Type': download.contentType,
    'Content-Disposition': `attachment; filename="${download.fileName.replace(/[^\w.-]/g, '_')}"`,
    'Cache-Control': 'no-store',
  });
  const stream = download.stream();
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

async function handleCall(req: IncomingMessage, res: ServerResponse, backend: Backend): Promise<void> {
  const read = await readJson(req, res);
  if (!read) return;
  const body = read.body;
  if (typeof body !== 'object' || body === null || typeof (body as { method?: unknown }).method !== 'string') {
    return refuse(res, 400, 'The request must be {"method": "...", "input": {...}}.');
  }
  const { method, input } = body as { method: string; input?: unknown };
  sendJson(res, 200, await backend.call(method, input));
}

function openEventStream(req: IncomingMessage, res: ServerResponse, backend: Backend, clients: Set<ServerResponse>): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  clients.add(res);
  // A page closed mid-write: the socket's error ends this stream only.
  res.on('error', () => res.destroy());
  const unsubscribe = backend.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
    clients.delete(res);
  });
}

function serveStatic(pathname: string, res: ServerResponse, staticDir: string | undefined): void {
  if (!staticDir) return refuse(res, 404, 'No user interface is served here; use the API.');
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return refuse(res, 400, 'Bad path.');
  }
  const root = normalize(staticDir + sep);
  let file = normalize(join(root, decoded));
  if (!file.startsWith(root)) return refuse(res, 404, 'Not found.');
  // A single-page app: unknown paths get the shell, which routes on the client.
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) return refuse(res, 404, 'The user interface has not been built. Run: npm run build');
  const type = mimeTypes[extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'Content-Type': type };
  if (type.startsWith('text/html')) {
    headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    headers['Cache-Control'] = 'no-store';
  } else {
    headers['Cache-Control'] = 'public, max-age=31536000, immutable';
  }
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
}
