import { createReadStream, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createBackend } from '../src/main/backend';
import { memoizedCounter } from '../src/main/core/transcripts/tokens';
import { MemorySecretStore } from '../src/main/core/secrets/memorySecretStore';
import { JsonFileSettingsStore } from '../src/main/core/settings/settingsStore';
import { createTypedClient, type TypedClient } from '../src/shared/api/client';
import { defaultDatasetSpec } from '../src/shared/api/datasets';
import type { JobSummary } from '../src/shared/domain/job';
import { printSection } from './measure';

const root = join(import.meta.dirname, '..');
const ESCONV = join(root, '..', 'shared', 'data', 'esconv', 'FailedESConv.json');
const quietLog = { write: () => undefined };
const BUDGET_MS = 5_000;
const MiB = 2 ** 20;
const seconds = (ms: number) => Math.round(ms) / 1000;
const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000);

/** Real utterances (seeker and supporter) from ESConv, so sessions read like counselling and tokenize like it. */
function utterances(): { user: string[]; assistant: string[] } {
  const dialogues = JSON.parse(readFileSync(ESCONV, 'utf8')) as { dialog: { speaker: string; content: string }[] }[];
  const user: string[] = [];
  const assistant: string[] = [];
  for (const d of dialogues) for (const turn of d.dialog) if (turn.content.trim()) (turn.speaker === 'listener' ? assistant : user).push(turn.content.trim());
  return { user, assistant };
}

/** A seeded generator (mulberry32), so every run builds the same library. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A project of `count` approved sessions, half real and half synthetic (with distortion labels), each
 * 8–20 alternating turns drawn from ESConv. Written straight into the project file as bench/library.ts
 * does (the app's import path is benched there); token and turn counts are computed as the app stores them.
 * The full-text index is not built: nothing in datasets reads it.
 */
async function buildProject(api: TypedClient['api'], count: number): Promise<{ file: string; buildMs: number }> {
  const { file } = await api.projects.create({ name: `Datasets ${count}` });
  await api.projects.close();
  const pool = utterances();
  const tokens = memoizedCounter();
  const random = prng(count);
  const distortions = ['mind-reading', 'catastrophizing', 'labeling', 'should-statements', 'all-or-nothing'];
  const started = performance.now();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, title, source, status, metadata_json, token_count, turn_count, created_at, updated_at) VALUES (?, ?, ?, 'approved', ?, ?, ?, ?, ?)`,
  );
  const insertTurn = db.prepare('INSERT INTO turns (session_id, seq, role, text) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = `01BENCHDS${String(i).padStart(17, '0')}`;
      const synthetic = i % 2 === 1;
      const turns = 8 + Math.floor(random() * 13);
      const texts = Array.from({ length: turns }, (_, k) => {
        const from = k % 2 ? pool.assistant : pool.user;
        return from[Math.floor(random() * from.length)]!;
      });
      const tokenCount = texts.reduce((sum, text) => sum + tokens(text) + 3, 0);
      const metadata = synthetic ? JSON.stringify({ distortions: [distortions[i % distortions.length]] }) : '{}';
      const at = 1_700_000_000_000 + i * 1000;
      insertSession.run(id, `${synthetic ? 'Synthetic' : 'Real'} session ${i}`, synthetic ? 'synthetic' : 'real', metadata, tokenCount, turns, at, at);
      texts.forEach((text, k) => insertTurn.run(id, k, k % 2 ? 'assistant' : 'user', text));
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { file, buildMs: performance.now() - started };
}

/** Waits for a job through job.updated events, as the app's hosts do. */
function settled(client: TypedClient, first: JobSummary): Promise<JobSummary> {
  const active = (s: JobSummary) => s.status === 'running' || s.status === 'queued';
  if (!active(first)) return Promise.resolve(first);
  return new Promise((resolve) => {
    const finish = (s: JobSummary) => {
      off();
      resolve(s);
    };
    const off = client.on('job.updated', (s) => s.id === first.id && !active(s) && finish(s));
    void client.api.jobs.get({ id: first.id }).then((s) => !active(s) && finish(s));
  });
}

/**
 * Peak RSS of the whole process, read by a worker thread every 50 ms: freezing is synchronous work on
 * the main thread, where a timer would not fire until it ended.
 */
function rssSampler() {
  const peak = new Float64Array(new SharedArrayBuffer(8));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const peak = new Float64Array(workerData);
     const sample = () => { const r = process.memoryUsage.rss(); if (r > peak[0]) peak[0] = r; };
     sample();
     setInterval(sample, 50);`,
    { eval: true, workerData: peak.buffer },
  );
  return {
    reset: () => (peak[0] = process.memoryUsage.rss()),
    peakMiB: () => Math.round(Math.max(peak[0]!, process.memoryUsage.rss()) / MiB),
    stop: () => worker.terminate(),
  };
}

/** The kernel's own high-water mark, reset first (Linux only): a check on the sampled figure. */
const kernelPeak = {
  reset: () => {
    try {
      writeFileSync('/proc/self/clear_refs', '5');
      return true;
    } catch {
      return false;
    }
  },
  mib: (): number | null => {
    try {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
      return kb ? Math.round(Number(kb) / 1024) : null;
    } catch {
      return null;
    }
  },
};

async function countLines(dir: string): Promise<number> {
  let lines = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl'))) {
    for await (const line of createInterface({ input: createReadStream(join(dir, name)) })) if (line) lines++;
  }
  return lines;
}

async function run(count: number, measureValidate: boolean): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-datasets-'));
  const backend = await createBackend({ host: 'test', dataDir, secrets: new MemorySecretStore(), settings: new JsonFileSettingsStore(join(dataDir, 's.json')), openAtStartup: false, logSink: quietLog });
  const client = createTypedClient({ call: backend.call, subscribe: backend.subscribe });
  const { api } = client;
  const sampler = rssSampler();
  try {
    const { file, buildMs } = await buildProject(api, count);
    await api.projects.open({ file });
    const dataset = await api.datasets.create({
      name: `Hybrid ${count}`,
      spec: { ...defaultDatasetSpec, mix: 'hybrid', syntheticShare: 0.5, total: null, validationShare: 0.1, seed: 7, systemPrompt: 'You are a supportive counsellor.' },
    });

    const rssBefore = Math.round(process.memoryUsage.rss() / MiB);
    sampler.reset();
    const kernelReset = kernelPeak.reset();
    let started = performance.now();
    const version = await api.datasets.freeze({ id: dataset.id });
    const freezeMs = performance.now() - started;
    const freezePeak = sampler.peakMiB();
    if (version.examples !== count) throw new Error(`The freeze took ${version.examples} examples, not ${count}: ${version.stats.shortfall ?? ''}`);

    let validateMs: number | null = null;
    if (measureValidate) {
      started = performance.now();
      const report = await api.datasets.validate({ versionId: version.id, model: 'gpt-4o-mini-2024-07-18', epochs: 3 });
      validateMs = performance.now() - started;
      if (!report.ok) throw new Error(`The bench dataset does not validate: ${report.issues[0]?.message ?? ''}`);
    }

    const outDir = mkdtempSync(join(tmpdir(), 'hds-bench-export-'));
    // What the freeze left on the heap is still counted here until the collector returns it.
    const rssAtExport = Math.round(process.memoryUsage.rss() / MiB);
    sampler.reset();
    started = performance.now();
    const job = await settled(client, await api.datasets.export({ versionId: version.id, format: 'openai-jsonl', outDir }));
    const exportMs = performance.now() - started;
    const exportPeak = sampler.peakMiB();
    const kernelMiB = kernelReset ? kernelPeak.mib() : null;
    if (job.status !== 'succeeded' || job.failed > 0) throw new Error(`The export ${job.status}: ${job.message ?? ''}`);
    const folder = join(outDir, readdirSync(outDir)[0]!);
    const written = await countLines(folder);
    if (written !== count) throw new Error(`The export wrote ${written} examples, not ${count}.`);
    rmSync(outDir, { recursive: true, force: true });

    const out: Record<string, unknown> = {
      'project built (sessions, turns) in s': `${count.toLocaleString('en-US')} sessions in ${seconds(buildMs)}`,
      'dataset tokens': version.tokens.toLocaleString('en-US'),
      'freeze, s': seconds(freezeMs),
      'freeze, sessions/s': perSecond(count, freezeMs),
    };
    if (validateMs !== null) {
      out['validate, s'] = seconds(validateMs);
      out['validate, sessions/s'] = perSecond(count, validateMs);
    }
    out['export openai-jsonl (job, end to end), s'] = seconds(exportMs);
    out['export openai-jsonl, sessions/s'] = perSecond(count, exportMs);
    if (validateMs !== null) {
      const total = validateMs + exportMs;
      out[`validate + export of ${count.toLocaleString('en-US')}, s (budget < ${BUDGET_MS / 1000} s)`] = `${seconds(total)} ${total < BUDGET_MS ? 'PASS' : 'FAIL'}`;
    }
    out['RSS before freeze, MiB'] = rssBefore;
    out['peak RSS during freeze, MiB (sampled every 50 ms)'] = freezePeak;
    out['RSS when the export starts, MiB'] = rssAtExport;
    out['peak RSS during export, MiB (sampled every 50 ms)'] = exportPeak;
    if (kernelMiB !== null) out[`peak RSS over freeze${validateMs !== null ? ' + validate' : ''} + export, MiB (kernel VmHWM)`] = kernelMiB;
    return out;
  } finally {
    await sampler.stop();
    await backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function datasetsBench(): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  out['10,000-session dataset'] = await run(10_000, true);
  printSection('A hybrid dataset of 10,000 sessions: freeze, validate, export (OpenAI JSONL)', out['10,000-session dataset']);
  out['100,000-session dataset'] = await run(100_000, false);
  printSection('A hybrid dataset of 100,000 sessions: freeze and export, with peak memory', out['100,000-session dataset']);
  return out;
}
