import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../src/main/rpc/httpHost';
import { loopbackRequest } from '../support/loopbackRequest';
import { startTestBackend, type TestBackend } from '../support/testBackend';

const TOKEN = 'test-token-abcdefghijklmnopqrstuvwx';
let t: TestBackend;
let host: HttpHost;

beforeAll(async () => {
  t = await startTestBackend();
  const staticDir = mkdtempSync(join(tmpdir(), 'hds-static-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  host = await startHttpHost({ backend: t.backend, staticDir, token: TOKEN });
});
afterAll(async () => {
  await host.close();
  await t.cleanup();
});

async function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const reply = await loopbackRequest(host.port, path, options);
  return { ...reply, body: reply.body.toString('utf8') };
}

const call = (method: string, input: unknown, headers: Record<string, string> = { 'x-hds-token': TOKEN }) =>
  send('/api/call', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ method, input }),
  });

describe('browser-mode host', () => {
  it('prints an address on the loopback interface that carries the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`);
  });

  it('answers calls that carry the token', async () => {
    const reply = await call('app.info', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { name: 'Hybrid Data Studio', host: 'test' } });
  });

  it('refuses calls without the token, with a wrong token, or from another site', async () => {
    expect((await call('app.info', {}, {})).status).toBe(401);
    expect((await call('app.info', {}, { 'x-hds-token': 'wrong' })).status).toBe(401);
    expect((await call('app.info', {}, { 'x-hds-token': TOKEN, origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('app.info', {}, { 'x-hds-token': TOKEN, host: 'evil.example' })).status).toBe(403);
    expect((await call('app.info', {}, { 'x-hds-token': TOKEN, origin: `http://localhost:${host.port}` })).status).toBe(200);
  });

  it('answers bad request bodies with a clear error', async () => {
    const reply = await send('/api/call', { method: 'POST', headers: { 'x-hds-token': TOKEN }, body: '{not json' });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not JSON/) } });
    const invalid = await call('projects.create', { name: '' });
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('serves the renderer with a strict Content-Security-Policy and refuses path traversal', async () => {
    const page = await send('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(page.headers['content-security-policy']).toMatch(/object-src 'none'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await send('/assets/app.js')).body).toBe('console.log(1)');
    const traversal = await send('/..%2f..%2fetc%2fpasswd');
    expect(traversal.body).not.toMatch(/root:/);
    expect(traversal.body).toMatch(/shell|Not found/);
  });

  it('pushes events over server-sent events to token holders only', async () => {
    expect((await send('/api/events')).status).toBe(401);
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: `/api/events?token=${TOKEN}`, headers: { host: `127.0.0.1:${host.port}` } },
        (res) => {
          expect(res.headers['content-type']).toMatch(/text\/event-stream/);
          let buffer = '';
          res.on('data', (chunk) => {
            buffer += chunk;
            const line = buffer.split('\n').find((l) => l.startsWith('data: '));
            if (line) {
              req.destroy();
              resolve(line.slice(6));
            }
          });
          void call('projects.create', { name: 'Evented' });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(received)).toMatchObject({ name: expect.stringMatching(/project.changed|data.changed/) });
  });
});
