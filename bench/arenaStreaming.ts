import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { chromium } from 'playwright-core';
import { createBackend } from '../src/main/backend';
import { startHttpHost } from '../src/main/rpc/httpHost';
import { MemorySecretStore } from '../src/main/core/secrets/memorySecretStore';
import { JsonFileSettingsStore } from '../src/main/core/settings/settingsStore';
import { createTypedClient } from '../src/shared/api/client';
import { startFakeOpenAI } from '../test/support/fakeOpenAI';
import { distribution, printSection } from './measure';

const CHUNK_DELAY_MS = 15;
const ROUNDS = 5;
const COLUMNS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4o-mini-2024-07-18', 'gpt-4o'];

/**
 * Four answers streaming at once from the fake server (a chunk every 15 ms). What the app adds to each
 * token's journey: from the moment the SDK hands the gateway a piece of text (stamped in the
 * `arena.delta` event) to the moment the page's event stream delivers it, against the SDK's own gaps
 * between chunks for scale. Then the real Arena screen in Chromium, watched for long tasks (> 50 ms)
 * while the four columns stream.
 */
export async function arenaStreamingBench(): Promise<Record<string, Record<string, unknown>>> {
  const fake = await startFakeOpenAI({ apiKey: 'sk-bench' });
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-arena-'));
  const backend = await createBackend({
    host: 'browser',
    dataDir,
    secrets: new MemorySecretStore(),
    settings: new JsonFileSettingsStore(join(dataDir, 's.json')),
    openAtStartup: false,
    logSink: { write: () => undefined },
  });
  const token = 'bench-token';
  const host = await startHttpHost({ backend, token, staticDir: join(import.meta.dirname, '..', 'out', 'renderer') });
  const { api } = createTypedClient({ call: backend.call, subscribe: backend.subscribe });
  await api.projects.create({ name: 'Arena bench' });
  const provider = await api.providers.add({ name: 'Fake', preset: 'openai', baseUrl: fake.url, concurrency: 8 });
  await api.providers.setKey({ id: provider.id, key: 'sk-bench' });
  const columns = COLUMNS.map((model) => ({ providerId: provider.id, model, systemPrompt: null, temperature: null, maxTokens: 400 }));

  // The SDK alone: the gaps between chunks it delivers, the pace every path shares.
  const sdk = new OpenAI({ apiKey: 'sk-bench', baseURL: fake.url });
  const sdkGaps: number[] = [];
  fake.addFault({ route: 'chat', kind: 'slow', delayMs: CHUNK_DELAY_MS, times: 4 });
  await Promise.all(
    COLUMNS.map(async (model) => {
      const stream = await sdk.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hello' }], stream: true });
      let last = performance.now();
      for await (const _chunk of stream) {
        const now = performance.now();
        sdkGaps.push(now - last);
        last = now;
      }
    }),
  );

  const executablePath = execFileSync('bash', ['-lc', 'command -v chromium || command -v chromium-browser']).toString().trim();
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage();
  await page.goto(host.url);
  // The page's own event stream, the same one the renderer listens on.
  await page.evaluate((t) => {
    const w = globalThis as unknown as { added: number[]; longTasks: [number, number][] };
    w.added = [];
    w.longTasks = [];
    const es = new EventSource(`/api/events?token=${encodeURIComponent(t)}`);
    es.onmessage = (m) => {
      const e = JSON.parse(m.data as string) as { name: string; payload: { at?: number } };
      if (e.name === 'arena.delta' && e.payload.at) w.added.push(Date.now() - e.payload.at);
    };
    new PerformanceObserver((list) => list.getEntries().forEach((x) => w.longTasks.push([x.startTime, x.duration]))).observe({
      type: 'longtask' as never,
      buffered: false,
    });
  }, token);

  const conversation = await api.arena.create({ mode: 'named', sharedSystemPrompt: 'You are a CBT counselor.', columns });
  await page.evaluate((id) => ((globalThis as unknown as { location: { hash: string } }).location.hash = `#/arena/${id}`), conversation.id);
  await page.waitForTimeout(1000);
  // Windows of page time in which answers were streaming: long tasks are counted inside them only
  // (loading the app and opening the screen come before and are reported apart).
  const windows: [number, number][] = [];
  const now = () => page.evaluate(() => performance.now());
  for (let round = 0; round < ROUNDS; round++) {
    const start = await now();
    fake.addFault({ route: 'chat', kind: 'slow', delayMs: CHUNK_DELAY_MS, times: 4 });
    await api.arena.send({ id: conversation.id, text: `Round ${round}: I keep worrying about work.` });
    for (;;) {
      const c = await api.arena.get({ id: conversation.id });
      if (!c.messages.some((m) => m.status === 'streaming')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    windows.push([start, await now()]);
    await page.waitForTimeout(200);
  }
  const { added, longTasks } = await page.evaluate(() => {
    const w = globalThis as unknown as { added: number[]; longTasks: [number, number][] };
    return { added: w.added, longTasks: w.longTasks };
  });
  const during = longTasks.filter(([at]) => windows.some(([a, b]) => at >= a && at <= b)).map(([, d]) => d);
  const before = longTasks.filter(([at]) => at < windows[0]![0]).map(([, d]) => d);
  await browser.close();
  await host.close();
  await backend.close();
  await fake.close();

  const addedDist = distribution(added);
  const out = {
    'tokens measured': added.length,
    'SDK alone: gap between chunks, ms': distribution(sdkGaps),
    'added by the app (gateway → event → page), ms': addedDist,
    'p95 added, budget 20 ms': `${addedDist.p95Ms} ${addedDist.p95Ms < 20 ? 'PASS' : 'FAIL'}`,
    'long tasks over 50 ms while streaming (Arena screen), budget 0': `${during.filter((d) => d > 50).length} ${during.some((d) => d > 50) ? 'FAIL' : 'PASS'}`,
    'longest task while streaming, ms': during.length ? Math.round(Math.max(...during)) : 0,
    'long tasks while the app loads (before streaming), for reference': before.map((d) => Math.round(d)).join(', ') || 'none',
  };
  printSection(`Four answers streaming at once (a chunk every ${CHUNK_DELAY_MS} ms, ${ROUNDS} rounds)`, out);
  return { 'arena streaming': out };
}
