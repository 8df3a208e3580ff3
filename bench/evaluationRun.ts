import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobSummary } from '../src/shared/domain/job';
import { printSection } from './measure';
import { benchBackend, spawnFakeProvider } from './harness';

const LATENCY_MS = 100;
const CONCURRENCY = 8;
const SCENARIOS = 50;
const TURNS = 10;

/**
 * 150 conversations of 10 counselor turns (50 scenarios × 3 models) against a fake server with a fixed
 * latency, at concurrency C: how close the conversation job comes to its ideal, calls × latency / C.
 * Each conversation is a chain of calls that cannot overlap, so the ideal is a floor, not a target.
 */
export async function evaluationRunBench(): Promise<Record<string, Record<string, unknown>>> {
  const { process: remote, url } = await spawnFakeProvider(['--latency', String(LATENCY_MS)]);
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-eval-'));
  const { backend, api } = await benchBackend(dataDir);
  const settled = async (job: JobSummary) => {
    let s = job;
    while (s.status === 'running' || s.status === 'queued') {
      await new Promise((r) => setTimeout(r, 10));
      s = await api.jobs.get({ id: job.id });
    }
    return s;
  };
  await api.projects.create({ name: 'Evaluation bench' });
  const provider = await api.providers.add({ name: 'Fake', preset: 'openai', baseUrl: url, concurrency: CONCURRENCY });
  await api.providers.setKey({ id: provider.id, key: 'sk-bench' });
  const set = await api.evalSets.create({ name: 'Bench' });
  const scenarios = Array.from({ length: SCENARIOS }, (_, i) => ({
    title: `Scenario ${i + 1}`,
    intake: `Client ${i + 1} worries about work.`,
    style: 'plain',
    riskLevel: 'none',
    cognitiveModel: {
      situation: `Deadline ${i + 1}`,
      automaticThought: 'I will be fired.',
      emotion: 'Fear 70',
      behaviour: 'Overworks.',
      coreBelief: 'I am incompetent',
      distortions: ['catastrophizing'],
    },
  }));
  await api.evalSets.import({ setId: set.id, format: 'json', content: JSON.stringify(scenarios) });
  const version = await api.evalSets.freeze({ setId: set.id });
  const arm = (label: string, model: string) => ({ label, providerId: provider.id, model, systemPrompt: null, temperature: null });
  const spec = {
    name: 'Bench',
    setVersionId: version.id,
    arms: [arm('Base', 'gpt-4o-mini'), arm('Real-only', 'gpt-4o'), arm('Hybrid', 'gpt-4o-mini-2024-07-18')],
    sharedSystemPrompt: 'You are a CBT counselor.',
    simulator: { providerId: provider.id, model: 'gpt-4o', temperature: 0.8 },
    judge: { providerId: provider.id, model: 'gpt-4o-mini' },
    rubricIds: ['empathy-relevance'],
    formulation: false,
    turns: TURNS,
    seeds: 1,
    judgeRepeats: 1,
    useBatchForScoring: false,
    budgetUsd: null,
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const run = await api.evalRuns.start({ spec });
  const conversations = await settled(await api.jobs.get({ id: run.conversationsJobId }));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const calls = await api.calls.totals({ jobId: conversations.id });
  const idealMs = (calls.count * LATENCY_MS) / CONCURRENCY;
  await backend.close();
  remote.kill('SIGTERM');
  const ratio = wallMs / idealMs;
  const out = {
    'conversations stored / failed': `${conversations.done} / ${conversations.failed}`,
    calls: calls.count,
    'ideal time (calls × latency / concurrency), s': Math.round(idealMs) / 1000,
    'measured time, s': Math.round(wallMs) / 1000,
    'ratio (budget 1.15)': `${Math.round(ratio * 1000) / 1000} ${ratio <= 1.15 ? 'PASS' : 'FAIL'}`,
    'app CPU per call, ms': Math.round(((cpu.user + cpu.system) / 1000 / calls.count) * 100) / 100,
  };
  printSection(
    `An evaluation run: ${SCENARIOS * 3} conversations of ${TURNS} turns (latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY})`,
    out,
  );
  return { '150-conversation run': out };
}
