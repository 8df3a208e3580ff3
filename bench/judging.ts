import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { buildJudgePrompt, judgmentSchemaFor } from '../src/main/core/judging/judgment';
import { rubricSchema } from '../src/main/core/judging/rubric';
import { safetyCheckSchema } from '../src/main/core/judging/safetyCheck';
import { renderTemplate } from '../src/main/core/generation/templates';
import type { JobSummary } from '../src/shared/domain/job';
import { printSection } from './measure';
import { benchBackend, spawnFakeProvider } from './harness';

const CONCURRENCY = 8;
const REPEATS = 10;
const KEY = 'sk-bench-judge';

/** The fake in its own process, so the CPU measured here is the app's alone. */
async function remoteFake(): Promise<{ url: string; child: ChildProcess }> {
  const { process: child, url } = await spawnFakeProvider(['--latency', '0'], KEY);
  return { url, child };
}

/** `n` short counseling transcripts as one chat JSONL file. */
function transcripts(dir: string, n: number): string {
  const file = join(dir, `library-${n}.jsonl`);
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      messages: [
        { role: 'user', content: `I have felt low for ${(i % 9) + 2} weeks and I keep thinking I ruin everything at work.` },
        { role: 'assistant', content: 'That sounds heavy. What happened the last time you had that thought?' },
        { role: 'user', content: `My manager changed one slide of report ${i} and I was sure I would be let go.` },
        { role: 'assistant', content: 'Let us look at the evidence for and against that thought together.' },
      ],
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** App CPU per call for one judge run of `sessions` × REPEATS items (a judgment and a safety check each) at 0 ms latency. */
async function judgeRun(
  url: string,
  sessions: number,
): Promise<{ items: number; calls: number; cpuMsPerCall: number; wallS: number; stored: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-judge-'));
  const { backend, api } = await benchBackend(dataDir);
  const settled = async (job: JobSummary) => {
    let s = job;
    while (s.status === 'running' || s.status === 'queued') {
      await new Promise((r) => setTimeout(r, 20));
      s = await api.jobs.get({ id: job.id });
    }
    return s;
  };
  await api.projects.create({ name: `Judge bench ${sessions}` });
  await settled(await api.imports.start({ paths: [transcripts(dataDir, sessions)] }));
  const provider = await api.providers.add({ name: 'Fake', preset: 'openai', baseUrl: url, concurrency: CONCURRENCY });
  await api.providers.setKey({ id: provider.id, key: KEY });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const done = await settled(await api.judge.start({ providerId: provider.id, model: 'gpt-4o-mini', repeats: REPEATS }));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const calls = (await api.calls.totals({ jobId: done.id })).count;
  await backend.close();
  return {
    items: done.total,
    calls,
    cpuMsPerCall: (cpu.user + cpu.system) / 1000 / calls,
    wallS: wallMs / 1000,
    stored: done.outcome?.stored ?? 0,
  };
}

/** The same requests (one judgment and one safety check per item, with their JSON schemas) through the bare SDK. */
async function bareLoop(url: string, items: number): Promise<{ calls: number; cpuMsPerCall: number }> {
  const rubric = rubricSchema.parse((await import('../resources/rubrics/session-quality.json', { with: { type: 'json' } })).default);
  const turns = [
    { role: 'user', text: 'I have felt low for 5 weeks and I keep thinking I ruin everything at work.' },
    { role: 'assistant', text: 'That sounds heavy. What happened the last time you had that thought?' },
  ];
  const judgeBody = {
    model: 'gpt-4o-mini',
    temperature: 0,
    messages: [{ role: 'user' as const, content: buildJudgePrompt('Rate this session.\n{{rubric}}\n{{transcript}}', rubric, turns) }],
    response_format: zodResponseFormat(judgmentSchemaFor(rubric), 'judgment'),
  };
  const safetyBody = {
    model: 'gpt-4o-mini',
    temperature: 0,
    messages: [
      {
        role: 'user' as const,
        content: renderTemplate('Check for risk.\n{{transcript}}', { transcript: turns.map((t) => `${t.role}: ${t.text}`).join('\n') }),
      },
    ],
    response_format: zodResponseFormat(safetyCheckSchema, 'safety'),
  };
  const client = new OpenAI({ apiKey: KEY, baseURL: url, maxRetries: 0 });
  let next = 0;
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items) {
        const seed = ++next;
        for (const body of [judgeBody, safetyBody]) {
          const c = await client.chat.completions.create({ ...body, seed });
          JSON.parse(c.choices[0]!.message.content ?? '{}');
        }
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  return { calls: items * 2, cpuMsPerCall: (cpu.user + cpu.system) / 1000 / (items * 2) };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Per-call bookkeeping must not grow with the job: app CPU per call at 500 and 5,000 judge items, and a bare SDK loop as the floor. */
export async function judgingBench(): Promise<Record<string, Record<string, unknown>>> {
  const { url, child } = await remoteFake();
  try {
    const small = await judgeRun(url, 50);
    const large = await judgeRun(url, 500);
    const bare = await bareLoop(url, 5_000);
    const out = {
      [`${small.items} items: app CPU per call, ms`]: round(small.cpuMsPerCall),
      [`${large.items} items: app CPU per call, ms`]: round(large.cpuMsPerCall),
      'growth from 500 to 5,000 items (budget 5%)': `${((large.cpuMsPerCall / small.cpuMsPerCall - 1) * 100).toFixed(1)}%`,
      'bare openai SDK loop, same requests: CPU per call, ms': round(bare.cpuMsPerCall),
      'app / bare SDK': round(large.cpuMsPerCall / bare.cpuMsPerCall),
      'stored judgments (500 / 5,000 items)': `${small.stored} / ${large.stored}`,
      'wall time (500 / 5,000 items), s': `${round(small.wallS)} / ${round(large.wallS)}`,
      calls: `${small.calls} / ${large.calls}`,
    };
    printSection(`Judging at 0 ms latency (concurrency ${CONCURRENCY}, a judgment and a safety check per item)`, out);
    return { 'judge CPU per call': out };
  } finally {
    child.kill('SIGTERM');
  }
}
