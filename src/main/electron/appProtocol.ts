import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../rpc/contentSecurityPolicy';
import { APP_HOST, APP_SCHEME } from './rendererOrigin';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/**
 * Must run before the app is ready. A standard, secure scheme gives the renderer a real origin
 * (`app://bundle`) instead of file://, so 'self' in the CSP means the bundle and nothing else.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer read-only from `rootDir`; nothing outside it can be reached. */
export function serveRenderer(rootDir: string): void {
  const root = resolve(rootDir);
  protocol.handle(APP_SCHEME, (request) => respond(request, root));
}

async function respond(request: Request, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed.');
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return plain(404, 'Not found.');
  const file = fileInside(root, url.pathname);
  if (!file) return plain(404, 'Not found.');

  let body: Buffer;
  let served = file;
  try {
    body = await readFile(file);
  } catch (err) {
    // The renderer routes in the hash, but an extension-less path still gets the app shell.
    if (!isMissing(err) || extname(file) !== '') return plain(404, 'Not found.');
    served = resolve(root, 'index.html');
    try {
      body = await readFile(served);
    } catch {
      return plain(404, 'The user interface has not been built. Run: npm run build');
    }
  }

  const type = mimeTypes[extname(served).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string> = {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
  if (type.startsWith('text/html')) {
    headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    headers['Cache-Control'] = 'no-store';
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

/** The file a URL path names, or null when it is malformed or would leave the renderer folder. */
function fileInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const wanted = decoded.replace(/^[/\\]+/, '') || 'index.html';
  const file = resolve(root, wanted);
  const rel = relative(root, file);
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return null;
  return file;
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

function plain(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}
