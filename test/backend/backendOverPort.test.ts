import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../src/shared/api/events';
import type { ApiResult } from '../../src/shared/api/result';
import type { KeyStorage, KeyStorageInfo } from '../../src/shared/domain/provider';
import type { Backend } from '../../src/main/backend';
import { serveOverPort } from '../../src/main/backendProcess';
import { MemorySecretStore } from '../../src/main/core/secrets/memorySecretStore';
import { nodePort } from '../../src/main/rpc/portTransport';
import { connectRemoteBackend } from '../../src/main/rpc/remoteBackend';

const root = join(import.meta.dirname, '..', '..');

/** The app's key store as on a desktop with a keyring: a persisted key is 'secure'. */
class KeyringStore extends MemorySecretStore {
  persisted = new Set<string>();
  override info(): KeyStorageInfo {
    return { backend: 'safeStorage', secure: true, warning: null };
  }
  override set(name: string, value: string, options?: { persist: boolean }): KeyStorage {
    super.set(name, value);
    if (options?.persist) this.persisted.add(name);
    else this.persisted.delete(name);
    return options?.persist ? 'secure' : 'session';
  }
  override delete(name: string): void {
    super.delete(name);
    this.persisted.delete(name);
  }
  override where(name: string): KeyStorage {
    return this.persisted.has(name) ? 'secure' : super.where(name);
  }
}

let channel: MessageChannel;
let backend: Backend;
let stopped: (reason: string) => void;
let side: { exited: boolean };
let secrets: KeyringStore;
const desktopCalls: unknown[] = [];
const events: ApiEvent[] = [];

const value = <T>(result: ApiResult<unknown>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};

beforeEach(async () => {
  channel = new MessageChannel();
  const mine = { exited: false };
  side = mine;
  secrets = new KeyringStore();
  secrets.set('provider:from-before', 'sk-kept-from-an-earlier-session-1234', { persist: true });
  // The backend's process on one end of the channel, the app's process on the other.
  serveOverPort(nodePort(channel.port1), () => (mine.exited = true));
  const remote = connectRemoteBackend(nodePort(channel.port2), {
    dataDir: mkdtempSync(join(tmpdir(), 'hds-port-')),
    env: {},
    secrets,
    desktop: {
      'desktop.chooseFile': async (input) => {
        desktopCalls.push(input);
        return { file: '/chosen/by/a/dialog.hds' };
      },
      'desktop.revealInFolder': async () => {
        throw Object.assign(new Error('That file no longer exists.'), { code: 'NOT_FOUND' });
      },
    },
  });
  stopped = remote.stopped;
  backend = await remote.ready;
  backend.subscribe((e) => events.push(e));
});
afterEach(async () => {
  if (!side.exited) await backend.close();
  channel.port1.close();
  channel.port2.close();
});

describe('the backend over a message port (as in the Electron utility process)', () => {
  it('answers the contract’s calls, each with its own reply, and pushes its events', async () => {
    expect(value(await backend.call('app.info', {}))).toMatchObject({ host: 'electron', desktop: true });
    value(await backend.call('projects.create', { name: 'Over a port' }));
    expect(events.some((e) => e.name === 'project.changed')).toBe(true);
    const add = (i: number) =>
      backend.call('providers.add', { name: `Provider ${i}`, preset: 'openai', baseUrl: `http://127.0.0.1:${9000 + i}/v1` });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => add(i)));
    expect(results.map((r) => value<{ name: string }>(r).name)).toEqual(Array.from({ length: 20 }, (_, i) => `Provider ${i}`));
    expect(events.some((e) => e.name === 'data.changed')).toBe(true);

    expect(await backend.call('projects.create', { name: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await backend.call('no.such', {})).toMatchObject({ ok: false });
  });

  it('asks the app’s process for native dialogs, and passes their answers and errors back', async () => {
    expect(value(await backend.call('desktop.chooseFile', { mode: 'open', title: 'Open a project' }))).toEqual({
      file: '/chosen/by/a/dialog.hds',
    });
    expect(desktopCalls.at(-1)).toEqual({ mode: 'open', title: 'Open a project' });
    expect(await backend.call('desktop.revealInFolder', { file: '/gone.hds' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That file no longer exists.' },
    });
    // Input is checked in the backend before it reaches the app's process.
    const before = desktopCalls.length;
    expect(await backend.call('desktop.chooseFile', { mode: 'delete' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(desktopCalls).toHaveLength(before);
  });

  it('stores a key with the app’s process, which keeps keys for real, and never returns it', async () => {
    value(await backend.call('projects.create', { name: 'Keys' }));
    const provider = value<{ id: string }>(
      await backend.call('providers.add', { name: 'Local', preset: 'openai', baseUrl: 'http://127.0.0.1:9/v1', concurrency: 1 }),
    );
    const key = 'sk-stored-by-the-app-process-5678';
    const view = value<unknown>(await backend.call('providers.setKey', { id: provider.id, key, persist: true }));
    expect(JSON.stringify(view)).not.toContain(key);
    expect(JSON.stringify(view)).toMatch(/"storage":"secure"/);
    await expect.poll(() => secrets.get(`provider:${provider.id}`)).toBe(key);
    expect(secrets.where(`provider:${provider.id}`)).toBe('secure');

    value(await backend.call('providers.clearKey', { id: provider.id }));
    await expect.poll(() => secrets.get(`provider:${provider.id}`)).toBeNull();
    // A key the app's process already held reached the backend at start.
    expect(secrets.get('provider:from-before')).not.toBeNull();
  });

  it('gives a renderer no way to reach the calls between the two processes', async () => {
    // Their names reach the contract's dispatcher, which knows no such method.
    expect(await backend.call('close', {})).toMatchObject({ ok: false });
    expect(await backend.call('start', { dataDir: '/elsewhere' })).toMatchObject({ ok: false });
    expect(await backend.call('secrets.change', { op: 'delete', name: 'provider:from-before' })).toMatchObject({ ok: false });
    expect(secrets.get('provider:from-before')).not.toBeNull();
    expect(value(await backend.call('app.info', {}))).toMatchObject({ host: 'electron' });
    expect(side.exited).toBe(false);
  });

  it('closes cleanly, and a backend that stopped fails every later call with the reason', async () => {
    await backend.close();
    await expect.poll(() => side.exited).toBe(true);
    expect(await backend.call('app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'The backend has stopped.' },
    });
    stopped('The backend process crashed.');
  });

  it('fails a waiting call when the backend process is lost', async () => {
    const waiting = backend.call('app.info', {});
    stopped('The app’s backend stopped (exit code 1).');
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'The app’s backend stopped (exit code 1).' } });
    side.exited = true;
  });
});

describe('the backend process entry', () => {
  it('serves over a port with Electron impossible to load', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', join(root, 'test/support/forbidElectron.mjs'), '--import', 'tsx', join(root, 'test/support/portBackendMain.ts')],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.stderr).not.toMatch(/tried to import electron/);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toMatchObject({ ok: true, value: { host: 'electron' } });
  });
});
