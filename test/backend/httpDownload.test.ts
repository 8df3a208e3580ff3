import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../src/main/rpc/httpHost';
import { loopbackRequest } from '../support/loopbackRequest';
import { startTestBackend, type TestBackend } from '../support/testBackend';

const TOKEN = 'download-token-abcdefghijklmnopqrstu';
let t: TestBackend;
let host: HttpHost;
let root: string;
let outside: string;

beforeAll(async () => {
  t = await startTestBackend();
  root = mkdtempSync(join(tmpdir(), 'hds-files-'));
  outside = mkdtempSync(join(tmpdir(), 'hds-outside-'));
  mkdirSync(join(root, 'exports', 'set-v1-openai-jsonl', 'nested'), { recursive: true });
  writeFileSync(join(root, 'exports', 'set-v1-openai-jsonl', 'train.jsonl'), '{"messages":[]}\n');
  writeFileSync(join(root, 'exports', 'set-v1-openai-jsonl', 'nested', 'README.md'), '# How to train\n');
  writeFileSync(join(root, 'exports', 'report.html'), '<!doctype html><title>Report</title>');
  writeFileSync(join(outside, 'secret.txt'), 'not for the page');
  symlinkSync(join(outside, 'secret.txt'), join(root, 'exports', 'link.txt'));
  host = await startHttpHost({ backend: t.backend, token: TOKEN, filesRoot: root });
});
afterAll(async () => {
  await host.close();
  await t.cleanup();
});

const download = (path: string, headers: Record<string, string> = { 'x-hds-token': TOKEN }, method = 'POST') =>
  loopbackRequest(host.port, '/api/download', {
    agent: false,
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ path }),
  });

describe('browser-mode downloads', () => {
  it('sends a file the app wrote as an attachment', async () => {
    const reply = await download(join(root, 'exports', 'report.html'));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-disposition']).toBe('attachment; filename="report.html"');
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.body.toString()).toBe('<!doctype html><title>Report</title>');
  });

  it('sends a folder as a zip of every file in it, sub-folders included', async () => {
    const reply = await download(join(root, 'exports', 'set-v1-openai-jsonl'));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-disposition']).toBe('attachment; filename="set-v1-openai-jsonl.zip"');
    const zip = await JSZip.loadAsync(reply.body);
    const files = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name)
      .sort();
    expect(files).toEqual(['set-v1-openai-jsonl/nested/README.md', 'set-v1-openai-jsonl/train.jsonl']);
    expect(await zip.file('set-v1-openai-jsonl/train.jsonl')!.async('string')).toBe('{"messages":[]}\n');
  });

  it('has the same access checks as calls: the token, the loopback host and no other site', async () => {
    const path = join(root, 'exports', 'report.html');
    expect((await download(path, {})).status).toBe(401);
    expect((await download(path, { 'x-hds-token': 'wrong-token-abcdefghijklmnopqrstuvw' })).status).toBe(401);
    expect((await download(path, { 'x-hds-token': TOKEN, origin: 'http://evil.example' })).status).toBe(403);
    expect((await download(path, { 'x-hds-token': TOKEN, host: 'evil.example' })).status).toBe(403);
    expect((await download(path, { 'x-hds-token': TOKEN }, 'GET')).status).toBe(405);
  });

  it('refuses anything outside the data folder, also through a symlink or a relative path, and says why', async () => {
    for (const path of [join(outside, 'secret.txt'), join(root, 'exports', 'link.txt'), join(root, '..', 'etc', 'passwd'), root]) {
      const reply = await download(path).catch((e: Error) => {
        throw new Error(`${path}: ${e.message}`);
      });
      expect(reply.status, path).toBe(404);
      expect(reply.body.toString()).not.toContain('not for the page');
    }
    const reply = JSON.parse((await download(join(outside, 'secret.txt'))).body.toString()) as { error: { message: string } };
    expect(reply.error.message).toMatch(/Only files the app wrote inside its data folder .* can be downloaded/);
    expect(JSON.parse((await download(join(root, 'gone.csv'))).body.toString()).error.message).toMatch(
      /does not exist \(any more\)\. Export it again\./,
    );
  });
});
