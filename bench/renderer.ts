import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createBackend } from '../src/main/backend';
import { MemorySecretStore } from '../src/main/core/secrets/memorySecretStore';
import { JsonFileSettingsStore } from '../src/main/core/settings/settingsStore';
import { createTypedClient } from '../src/shared/api/client';
import { buildBigLibrary } from './library';
import { distribution, printSection } from './measure';

const root = join(import.meta.dirname, '..');
const KiB = 1024;

/** The built renderer's JavaScript chunks, largest first. */
function chunks(): { name: string; bytes: number }[] {
  const dir = join(root, 'out', 'renderer', 'assets');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.js'))
    .map((name) => ({ name, bytes: statSync(join(dir, name)).size }))
    .sort((a, b) => b.bytes - a.bytes);
}

/** The built browser-mode server on a 100,000-session project; resolves with its address once it prints it. */
async function serve(project: string, dataDir: string) {
  const child = spawn(
    process.execPath,
    [join(root, 'out/main/standalone.js'), '--port', '0', '--data-dir', dataDir, '--project', project],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
      const match = /Open: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`standalone exited with ${code}: ${output}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/**
 * Navigation start to the library's first row on screen, in headless Chromium with an empty cache each
 * time (a new context), against the built app in browser mode with a 100,000-session project open.
 */
async function firstScreen(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-renderer-'));
  const backend = await createBackend({
    host: 'test',
    dataDir,
    secrets: new MemorySecretStore(),
    settings: new JsonFileSettingsStore(join(dataDir, 's.json')),
    openAtStartup: false,
    logSink: { write: () => undefined },
  });
  const { api } = createTypedClient({ call: backend.call, subscribe: backend.subscribe });
  const { file } = await api.projects.create({ name: 'Big library' });
  await api.projects.close();
  await backend.close();
  buildBigLibrary(file);

  const server = await serve(file, dataDir);
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
  const samples: number[] = [];
  try {
    for (let i = 0; i < 8; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const started = performance.now();
      // The library's first page is the heaviest first screen: 100,000 sessions, newest first.
      await page.goto(`${server.url}#/library`);
      // Newest first: the last session written heads the list.
      await page.getByText('Session 99999 about', { exact: false }).first().waitFor({ state: 'visible' });
      if (i > 0) samples.push(performance.now() - started);
      await context.close();
    }
  } finally {
    await browser.close();
    server.stop();
  }
  return {
    'first screen (library of 100,000, first row visible), ms, after one warm-up': distribution(samples),
    budget: 'p50 under 600 ms',
  };
}

export async function rendererBench(): Promise<Record<string, Record<string, unknown>>> {
  const all = chunks();
  const out: Record<string, Record<string, unknown>> = {
    'renderer build': {
      'largest chunk, KiB (minified)': `${Math.round(all[0]!.bytes / KiB)} (${all[0]!.name}) ${all[0]!.bytes <= 1024 * KiB ? 'PASS' : 'FAIL'} (budget 1,024)`,
      chunks: all.length,
      'all JavaScript, KiB': Math.round(all.reduce((sum, c) => sum + c.bytes, 0) / KiB),
    },
  };
  printSection('Renderer build (out/renderer)', out['renderer build']!);
  out['first screen'] = await firstScreen();
  printSection('First screen of a 100,000-session project in headless Chromium', out['first screen']);
  return out;
}
