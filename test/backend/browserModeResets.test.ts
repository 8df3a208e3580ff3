import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackRequest } from '../support/loopbackRequest';

const root = join(import.meta.dirname, '..', '..');
let server: ChildProcess;
let port: number;
let token: string;
let dataDir: string;
let log = '';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hds-serve-'));
  server = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main/standalone.ts'), '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const url = await new Promise<URL>((resolve, reject) => {
    server.stdout!.on('data', (c: Buffer) => {
      const m = /Open: (\S+)/.exec(c.toString());
      if (m) resolve(new URL(m[1]!));
    });
    server.on('exit', () => reject(new Error(`browser mode did not start: ${log}`)));
  });
  port = Number(url.port);
  token = url.searchParams.get('token')!;
}, 60_000);
afterAll(() => {
  server.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(method: string, input: unknown): Promise<{ status: number; body: string }> {
  const reply = await loopbackRequest(port, '/api/call', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hds-token': token },
    body: JSON.stringify({ method, input }),
  });
  return { status: reply.status, body: reply.body.toString('utf8') };
}

/** A client that sends the headers and half of a POST body, then resets the connection. */
function resetMidBody(path: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nX-HDS-Token: ${token}\r\nContent-Length: 100000\r\n\r\n{"method": "projects.recent", "input": {`,
      );
      setTimeout(() => {
        socket.resetAndDestroy();
        resolve();
      }, 50);
    });
    socket.on('error', () => undefined);
  });
}

describe('browser mode when a client goes away mid-request', () => {
  it('keeps serving after connections reset in the middle of a POST body', { timeout: 30_000 }, async () => {
    for (const path of ['/api/call', '/api/download', '/api/call']) await resetMidBody(path);
    await new Promise((r) => setTimeout(r, 300));
    expect(server.exitCode, log).toBeNull();
    const reply = await call('projects.recent', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true });
  });
});

describe('an unexpected error while answering a call', () => {
  it('is logged and answered as INTERNAL, and the next call is served', async () => {
    const { startHttpHost } = await import('../../src/main/rpc/httpHost');
    const logged: string[] = [];
    let calls = 0;
    const backend = {
      call: async () => {
        if (++calls === 1) throw new Error('a bug in a host');
        return { ok: true as const, value: 'fine' };
      },
      subscribe: () => () => undefined,
      close: async () => undefined,
      scrub: (s: string) => s,
    };
    const host = await startHttpHost({ backend, token: 'tok-0123456789abcdef0123', onError: (message) => logged.push(message) });
    try {
      const post = () =>
        fetch(`http://127.0.0.1:${host.port}/api/call`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hds-token': 'tok-0123456789abcdef0123' },
          body: JSON.stringify({ method: 'app.info', input: {} }),
        });
      const first = await post();
      expect(first.status).toBe(500);
      expect(await first.json()).toMatchObject({
        ok: false,
        error: { code: 'INTERNAL', message: expect.not.stringMatching(/a bug in a host/) },
      });
      expect(logged).toEqual([expect.stringMatching(/POST \/api\/call failed/)]);
      expect(await (await post()).json()).toEqual({ ok: true, value: 'fine' });
    } finally {
      await host.close();
    }
  });
});
