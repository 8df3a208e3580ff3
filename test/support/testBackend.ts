import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiEvent } from '../../src/shared/api/events';
import { createTypedClient, type TypedClient } from '../../src/shared/api/client';
import { createBackend, type Backend, type BackendOptions } from '../../src/main/backend';
import { MemorySecretStore } from '../../src/main/core/secrets/memorySecretStore';
import type { SecretStore } from '../../src/main/core/secrets/secretStore';
import { JsonFileSettingsStore, MemorySettingsStore } from '../../src/main/core/settings/settingsStore';

export interface TestBackend {
  backend: Backend;
  client: TypedClient;
  api: TypedClient['api'];
  dataDir: string;
  events: ApiEvent[];
  logLines: string[];
  /** Every reply the backend gave, as JSON text, for leak checks. */
  replies: string[];
  /** An untyped call, for feeding the dispatcher input the types would not allow. */
  call(method: string, input: unknown): Promise<unknown>;
  restart(): Promise<void>;
  cleanup(): Promise<void>;
}

/** The real backend with a temp data folder, talked to through the typed client as any host does. */
export async function startTestBackend(
  options: Partial<BackendOptions> & { secrets?: SecretStore; settingsFile?: boolean } = {},
): Promise<TestBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-test-'));
  const secrets = options.secrets ?? new MemorySecretStore();
  // settingsFile: the app settings in the data folder, shared with a CLI run on the same --data-dir as on a real machine.
  const { settingsFile, ...backendOptions } = options;
  const settings = settingsFile ? new JsonFileSettingsStore(join(dataDir, 'settings.json')) : new MemorySettingsStore();
  const events: ApiEvent[] = [];
  const logLines: string[] = [];
  const replies: string[] = [];

  const make = () =>
    createBackend({
      host: 'test',
      dataDir,
      secrets,
      settings,
      openAtStartup: false,
      logSink: { write: (_level, line) => logLines.push(line) },
      ...backendOptions,
    });

  const listeners = new Set<(e: ApiEvent) => void>();
  const fanOut = (e: ApiEvent) => listeners.forEach((l) => l(e));
  const state = { backend: await make() };
  state.backend.subscribe(fanOut);
  const transport = {
    call: async (method: string, input: unknown) => {
      const result = await state.backend.call(method, input);
      replies.push(JSON.stringify(result));
      return result;
    },
    subscribe: (listener: (e: ApiEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const client = createTypedClient(transport);
  client.on('job.updated', (p) => events.push({ name: 'job.updated', payload: p }));
  client.on('data.changed', (p) => events.push({ name: 'data.changed', payload: p }));
  client.on('project.changed', (p) => events.push({ name: 'project.changed', payload: p }));
  client.on('arena.delta', (p) => events.push({ name: 'arena.delta', payload: p }));
  client.on('arena.message', (p) => events.push({ name: 'arena.message', payload: p }));

  return {
    get backend() {
      return state.backend;
    },
    client,
    api: client.api,
    call: (method, input) => client.call(method as never, input),
    dataDir,
    events,
    logLines,
    replies,
    async restart() {
      await state.backend.close();
      state.backend = await make();
      state.backend.subscribe(fanOut);
    },
    async cleanup() {
      await state.backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (for job state reached through events and the DB). */
export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 10_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until a job stops running (succeeded, failed, paused, cancelled or interrupted). */
export function settledJob(t: Pick<TestBackend, 'api'>, id: string, timeoutMs = 30_000) {
  return waitFor(async () => {
    const s = await t.api.jobs.get({ id });
    return s.status === 'running' || s.status === 'queued' ? null : s;
  }, timeoutMs);
}

/** A provider named Fake pointing at the fake OpenAI server, with its key set; returns its id. */
export async function addFakeProvider(t: Pick<TestBackend, 'api'>, url: string, key: string, concurrency = 4): Promise<string> {
  const p = await t.api.providers.add({ name: 'Fake', preset: 'openai', baseUrl: url, concurrency });
  await t.api.providers.setKey({ id: p.id, key });
  return p.id;
}
