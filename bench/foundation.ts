import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { createBackend } from '../src/main/backend';
import { MemorySecretStore } from '../src/main/core/secrets/memorySecretStore';
import { JsonFileSettingsStore } from '../src/main/core/settings/settingsStore';
import { startHttpHost } from '../src/main/rpc/httpHost';
import { createTypedClient } from '../src/shared/api/client';
import { startFakeOpenAI } from '../test/support/fakeOpenAI';
import { distribution, printSection, timeEach } from './measure';

const root = join(import.meta.dirname, '..');
const quietLog = { write: () => undefined };

/** Backend start to ready: first launch (creates the sample) and a later launch (reopens it). */
async function backendStartup(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-'));
  const make = () =>
    createBackend({
      host: 'test',
      dataDir,
      secrets: new MemorySecretStore(),
      settings: new JsonFileSettingsStore(join(dataDir, 'settings.json')),
      logSink: quietLog,
    });
  let started = performance.now();
  let backend = await make();
  const firstLaunchMs = performance.now() - started;
  await backend.close();
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) {
    started = performance.now();
    backend = await make();
    warm.push(performance.now() - started);
    await backend.close();
  }
  return { firstLaunchMs: Math.round(firstLaunchMs * 10) / 10, reopenLastProject: distribution(warm) };
}

/** The built browser-mode server: process start to "Open: …" printed. */
async function standaloneStartup(): Promise<Record<string, unknown>> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-serve-'));
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, 'out/main/standalone.js'), '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        if (c.toString().includes('Open: ')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`standalone exited with ${code}`)));
    });
    samples.push(performance.now() - started);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  return { processStartToUrl: distribution(samples) };
}

/** One call through HTTP, the token check, the dispatcher's zod validation and back. */
async function httpRoundTrip(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-http-'));
  const backend = await createBackend({
    host: 'browser',
    dataDir,
    secrets: new MemorySecretStore(),
    settings: new JsonFileSettingsStore(join(dataDir, 's.json')),
    logSink: quietLog,
  });
  const host = await startHttpHost({ backend, token: 'bench-token' });
  const post = (method: string, input: unknown) =>
    fetch(`http://127.0.0.1:${host.port}/api/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hds-token': 'bench-token' },
      body: JSON.stringify({ method, input }),
    }).then((r) => r.json());
  await timeEach(200, () => post('app.info', {}));
  const info = await timeEach(2000, () => post('app.info', {}));
  const sessions = await timeEach(1000, () => post('sessions.list', { limit: 50 }));
  const direct = await timeEach(2000, () => backend.call('app.info', {}));
  await host.close();
  await backend.close();
  return {
    'app.info over HTTP': distribution(info),
    'sessions.list over HTTP': distribution(sessions),
    'app.info in process (dispatcher only)': distribution(direct),
  };
}

/** What the gateway adds per call over the bare SDK against the same fake server. */
async function gatewayOverhead(): Promise<Record<string, unknown>> {
  const fake = await startFakeOpenAI({ apiKey: 'sk-bench' });
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-gw-'));
  const backend = await createBackend({
    host: 'test',
    dataDir,
    secrets: new MemorySecretStore(),
    settings: new JsonFileSettingsStore(join(dataDir, 's.json')),
    openAtStartup: false,
    logSink: quietLog,
  });
  const { api } = createTypedClient({ call: backend.call, subscribe: backend.subscribe });
  await api.projects.create({ name: 'Bench' });
  const provider = await api.providers.add({ name: 'Fake', preset: 'openai', baseUrl: fake.url, concurrency: 1 });
  await api.providers.setKey({ id: provider.id, key: 'sk-bench' });
  const sdk = new OpenAI({ apiKey: 'sk-bench', baseURL: fake.url, maxRetries: 0 });
  const messages = [{ role: 'user' as const, content: 'In one sentence, what is a cognitive distortion?' }];
  const speed = await api.providers.startSpeedTest({
    providerId: provider.id,
    model: 'gpt-4o-mini',
    calls: 400,
    concurrency: 1,
    maxTokens: 32,
  });
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  let summary = speed;
  while (summary.status === 'running' || summary.status === 'queued') {
    await new Promise((r) => setTimeout(r, 20));
    summary = await api.jobs.get({ id: speed.id });
  }
  const jobWallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  const ledger = await api.calls.list({ jobId: speed.id, limit: 1000 });
  const gatewayLatencies = ledger.rows.map((r) => r.latencyMs);
  const bare = await timeEach(400, (i) =>
    sdk.chat.completions
      .create({ model: 'gpt-4o-mini', messages, max_tokens: 32, seed: i, stream: true, stream_options: { include_usage: true } })
      .then(async (s) => {
        for await (const _chunk of s) void _chunk;
      }),
  );
  await backend.close();
  await fake.close();
  const gw = distribution(gatewayLatencies);
  const sdkDist = distribution(bare);
  return {
    'bare SDK streamed call': sdkDist,
    'gateway call inside a job (ledger latency)': gw,
    'overhead p50 (ms)': Math.round((gw.p50Ms - sdkDist.p50Ms) * 1000) / 1000,
    'job wall time per call incl. persistence (ms)': Math.round((jobWallMs / 400) * 1000) / 1000,
    'process CPU per call incl. fake server (ms)': Math.round(((cpu.user + cpu.system) / 1000 / 400) * 1000) / 1000,
    status: summary.status,
  };
}

export async function foundationBench(): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  out['backend start to ready'] = await backendStartup();
  printSection('Backend start to ready', out['backend start to ready']);
  out['browser-mode process start'] = await standaloneStartup();
  printSection('Browser-mode server: process start to URL printed', out['browser-mode process start']);
  out['dispatcher round trip'] = await httpRoundTrip();
  printSection('Dispatcher round trip', out['dispatcher round trip']);
  out['gateway overhead'] = await gatewayOverhead();
  printSection('Gateway overhead per call (fake server, no latency)', out['gateway overhead']);
  return out;
}
