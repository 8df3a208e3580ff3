import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser, type Request } from 'playwright-core';
import { buildBigLibrary } from './library';
import { distribution, printSection } from './measure';
import { benchBackend } from './harness';

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
 * What an imported and judged library carries besides its text: every real session has its detected
 * personal details (one in ten still awaiting review), every synthetic one the judge's verdict (one in
 * fifty with a safety flag). The Study home counts both.
 */
function addReviewsAndDetails(file: string): void {
  const db = new Database(file);
  const detections = (pending: boolean) =>
    JSON.stringify({
      status: pending ? 'pending' : 'applied',
      mode: 'placeholder',
      detections: Array.from({ length: 6 }, (_, k) => ({ id: `d${k}`, kind: 'name', text: `Maria ${k}`, turn: k, start: 3, end: 9 })),
    });
  const verdict = (flagged: boolean) =>
    JSON.stringify({
      scores: { empathy: 4, relevance: 5 },
      rationales: { empathy: 'The counselor reflects the feeling and checks understanding before moving on to a plan.' },
      flags: [],
      safetyFlag: flagged,
    });
  const setDetails = db.prepare('UPDATE sessions SET redaction_json = ? WHERE rowid = ?');
  const setVerdict = db.prepare('UPDATE sessions SET review_json = ?, judge_score = 4 WHERE rowid = ?');
  const rows = db.prepare('SELECT rowid, source FROM sessions').all() as { rowid: number; source: string }[];
  db.transaction(() => {
    for (const r of rows) {
      if (r.source === 'synthetic') setVerdict.run(verdict(r.rowid % 50 === 0), r.rowid);
      else setDetails.run(detections(r.rowid % 10 === 0), r.rowid);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

interface Screen {
  label: string;
  /** The address after the server's, e.g. `#/library`; empty for where a project opens. */
  hash: string;
  /** Text that is on screen only once the data has arrived. */
  ready: string;
}

/**
 * Navigation start to a screen's first content with data, in headless Chromium with an empty cache each
 * time (a new context), against the built app in browser mode with the project already open. Also
 * which API calls the page made before that moment and how long each took, as the browser saw them.
 */
async function timeScreen(
  browser: Browser,
  url: string,
  screen: Screen,
  runs: number,
): Promise<{ samples: number[]; calls: Record<string, number[]> }> {
  const samples: number[] = [];
  const calls: Record<string, number[]> = {};
  for (let i = 0; i <= runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen: { method: string; request: Request }[] = [];
    page.on('request', (request) => {
      const method = /"method":"([^"]+)"/.exec(request.postData() ?? '')?.[1];
      if (method) seen.push({ method, request });
    });
    const started = performance.now();
    await page.goto(`${url}${screen.hash}`);
    await page.getByText(screen.ready, { exact: false }).first().waitFor({ state: 'visible' });
    const elapsed = performance.now() - started;
    // The first visit warms the server's page cache; it is not counted.
    if (i > 0) {
      samples.push(elapsed);
      for (const { method, request } of seen) {
        const timing = request.timing();
        if (timing.responseEnd > 0) (calls[method] ??= []).push(timing.responseEnd);
      }
    }
    await context.close();
  }
  return { samples, calls };
}

const median = (xs: number[]) => Math.round(distribution(xs).p50Ms);

async function firstScreen(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-renderer-'));
  const { backend, api } = await benchBackend(dataDir);
  const { file } = await api.projects.create({ name: 'Big library' });
  await api.projects.close();
  await backend.close();
  buildBigLibrary(file);
  addReviewsAndDetails(file);
  const real = (() => {
    const db = new Database(file, { readonly: true });
    const n = (db.prepare("SELECT count(*) AS n FROM sessions WHERE source <> 'synthetic'").get() as { n: number }).n;
    db.close();
    return n;
  })();

  const screens: Screen[] = [
    // Where a project opens: the checklist, once it shows the library's real count.
    { label: 'Study home', hash: '', ready: `${real.toLocaleString('en-US')} real sessions in the library` },
    // Newest first: the last session written heads the list.
    { label: 'Library', hash: '#/library', ready: 'Session 99999 about' },
  ];
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
  const out: Record<string, unknown> = {};
  try {
    for (const screen of screens) {
      const { samples, calls } = await timeScreen(browser, server.url, screen, 7);
      out[`${screen.label}: navigation to "${screen.ready}" on screen, ms, after one warm-up`] = distribution(samples);
      out[`${screen.label}: API calls before it, ms from request to response, median`] = Object.fromEntries(
        Object.entries(calls).map(([method, ms]) => [method, median(ms)]),
      );
    }
  } finally {
    await browser.close();
    server.stop();
  }
  out.budget = 'Study home (the first screen of a project) p50 under 600 ms';
  return out;
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
