import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { type TypedClient } from '../src/shared/api/client';
import { defaultDatasetSpec } from '../src/shared/api/datasets';
import type { JobSummary } from '../src/shared/domain/job';
import { printSection, scheduledPings } from './measure';
import { benchBackend } from './harness';

const BUDGET_MS = 5_000;
const MiB = 2 ** 20;
const seconds = (ms: number) => Math.round(ms) / 1000;
const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000);

/**
 * A project of `count` approved sessions, half real and half synthetic (with distortion labels), each
 * 8–20 alternating turns drawn from ESConv, written straight into the project file by bench/buildSessions.ts
 * in a child process (the app's import path is benched in bench/library.ts).
 */
export async function buildProject(api: TypedClient['api'], count: number): Promise<{ file: string; buildMs: number }> {
  const { file } = await api.projects.create({ name: `Datasets ${count}` });
  await api.projects.close();
  const started = performance.now();
  const built = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'buildSessions.ts'), file, String(count)], {
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`Building the bench library failed: ${built.stderr}`);
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

export async function run(count: number, measureValidate: boolean): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-datasets-'));
  const { backend, client } = await benchBackend(dataDir);
  const { api } = client;
  const sampler = rssSampler();
  try {
    const { file, buildMs } = await buildProject(api, count);
    await api.projects.open({ file });
    let started = 0;
    const dataset = await api.datasets.create({
      name: `Hybrid ${count}`,
      spec: {
        ...defaultDatasetSpec,
        mix: 'hybrid',
        syntheticShare: 0.5,
        total: null,
        validationShare: 0.1,
        seed: 7,
        systemPrompt: 'You are a supportive counsellor.',
      },
    });

    // The worker thread starts and loads its code once per backend; a preview that matches nothing does
    // that first, so the freeze below is timed in a warm worker, as after any earlier preview in the app.
    started = performance.now();
    await api.datasets.preview({ spec: { ...dataset.spec, filters: { ...dataset.spec.filters, minTurns: 10_000, maxTurns: null } } });
    const warmMs = performance.now() - started;
    const rssBefore = Math.round(process.memoryUsage.rss() / MiB);
    sampler.reset();
    const kernelReset = kernelPeak.reset();
    const pings = scheduledPings(() => api.app.info());
    started = performance.now();
    const cpuBefore = process.cpuUsage();
    const version = await api.datasets.freeze({ id: dataset.id });
    const freezeMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const appInfo = await pings.stop();
    // A second sample: on a machine shared with other work one wall time says little.
    started = performance.now();
    await api.datasets.freeze({ id: dataset.id });
    const againMs = performance.now() - started;
    const freezePeak = sampler.peakMiB();
    if (version.examples !== count)
      throw new Error(`The freeze took ${version.examples} examples, not ${count}: ${version.stats.shortfall ?? ''}`);

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
      'worker start (a preview that matches nothing, from the TypeScript sources via tsx), s': seconds(warmMs),
      'freeze, s': seconds(freezeMs),
      'freeze, sessions/s': perSecond(count, freezeMs),
      // Every thread of this process; on a machine shared with other work the wall time is longer.
      'freeze, CPU s (all threads)': seconds((cpu.user + cpu.system) / 1000),
      [`freeze budget (${count >= 100_000 ? '10' : '1'} s)`]: freezeMs <= (count >= 100_000 ? 10_000 : 1_000) ? 'PASS' : 'FAIL',
      'freeze again (a second sample), s': seconds(againMs),
      'app.info every 10 ms during the freeze (delay from when it was due)': appInfo,
    };
    if (validateMs !== null) {
      out['validate, s'] = seconds(validateMs);
      out['validate, sessions/s'] = perSecond(count, validateMs);
    }
    out['export openai-jsonl (job, end to end), s'] = seconds(exportMs);
    out['export openai-jsonl, sessions/s'] = perSecond(count, exportMs);
    if (validateMs !== null) {
      const total = validateMs + exportMs;
      out[`validate + export of ${count.toLocaleString('en-US')}, s (budget < ${BUDGET_MS / 1000} s)`] =
        `${seconds(total)} ${total < BUDGET_MS ? 'PASS' : 'FAIL'}`;
    }
    out['RSS before freeze, MiB'] = rssBefore;
    out['peak RSS during freeze, MiB (sampled every 50 ms)'] = freezePeak;
    out['peak RSS budget (700 MiB)'] = freezePeak <= 700 ? 'PASS' : 'FAIL';
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

/**
 * Each size runs in a process of its own (bench/datasetsRun.ts): memory a process has used stays
 * mapped after its collector frees it, so a size run after another started from the first one's peak.
 */
function runInOwnProcess(count: number, measureValidate: boolean): Record<string, unknown> {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'datasetsRun.ts'), String(count), String(measureValidate)],
    { encoding: 'utf8', maxBuffer: 2 ** 24 },
  );
  if (child.status !== 0) throw new Error(`The ${count}-session datasets bench failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

export function datasetsBench(): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  out['10,000-session dataset'] = runInOwnProcess(10_000, true);
  printSection('A hybrid dataset of 10,000 sessions: freeze, validate, export (OpenAI JSONL)', out['10,000-session dataset']);
  out['100,000-session dataset'] = runInOwnProcess(100_000, false);
  printSection('A hybrid dataset of 100,000 sessions: freeze and export, with peak memory', out['100,000-session dataset']);
  return Promise.resolve(out);
}
