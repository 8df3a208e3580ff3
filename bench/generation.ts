import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobSummary } from '../src/shared/domain/job';
import { startFakeOpenAI } from '../test/support/fakeOpenAI';
import { printSection } from './measure';
import { benchBackend, spawnFakeProvider } from './harness';

const LATENCY_MS = 100;
const CONCURRENCY = 8;
const SESSIONS = 500;

/** A 500-session generation run against the fake server: how close to calls × latency / concurrency. */
export async function generationBench(): Promise<Record<string, Record<string, unknown>>> {
  // Setup runs against an in-process fake; the timed run uses one in its own process, so the CPU and
  // memory figures are the app's alone.
  const fake = await startFakeOpenAI({ apiKey: 'sk-bench' });
  const { process: remote, url: remoteUrl } = await spawnFakeProvider(['--latency', String(LATENCY_MS)]);
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-gen-'));
  const { backend, api } = await benchBackend(dataDir);
  const settled = async (job: JobSummary) => {
    let s = job;
    while (s.status === 'running' || s.status === 'queued') {
      await new Promise((r) => setTimeout(r, 10));
      s = await api.jobs.get({ id: job.id });
    }
    return s;
  };
  await api.projects.create({ name: 'Generation bench' });
  const provider = await api.providers.add({ name: 'Fake', preset: 'openai', baseUrl: fake.url, concurrency: CONCURRENCY });
  await api.providers.setKey({ id: provider.id, key: 'sk-bench' });
  const run = { providerId: provider.id, model: 'gpt-4o-mini' };
  // Personas and scenarios first, at no latency: the timed part is the session run.
  await settled(
    await api.personas.generate({
      ...run,
      count: SESSIONS,
      distortions: ['mind-reading', 'catastrophizing', 'labeling', 'should-statements', 'all-or-nothing'],
      styles: ['plain', 'upset', 'verbose', 'reserved'],
      similarityThreshold: 1,
    }),
  );
  const scenarioReply = JSON.stringify({
    summary: 'Work stress.',
    cognitive_distortions: ['Catastrophizing'],
    scenario: 'A deadline slips.',
    cognitiveModel: {
      situation: 'A late report.',
      automaticThought: 'I will be fired.',
      emotion: 'Fear 70',
      behaviour: 'Overworks.',
      coreBelief: 'I am incompetent',
      intermediateBeliefs: null,
      copingStrategies: null,
      relevantHistory: null,
    },
  });
  const scenarioTemplate = (await api.prompts.list()).find((p) => p.name === 'scenario')!.template;
  await api.prompts.save({ name: 'scenario', template: `${scenarioTemplate}\n[[fake:reply=${scenarioReply}]]` });
  await settled(await api.scenarios.generate(run));

  const estimate = await api.sessions.estimateGeneration({ ...run, mode: 'single' });
  await api.providers.update({ id: provider.id, baseUrl: remoteUrl });
  const cpuBefore = process.cpuUsage();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const done = await settled(await api.sessions.generate({ ...run, mode: 'single' }));
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuBefore);
  const calls = await api.calls.totals({ jobId: done.id });
  const idealMs = (calls.count * LATENCY_MS) / CONCURRENCY;
  await backend.close();
  await fake.close();
  remote.kill('SIGTERM');

  const out = {
    'sessions stored / failed with reason': `${done.done} / ${done.failed}`,
    calls: calls.count,
    'ideal time (calls × latency / concurrency), s': Math.round(idealMs) / 1000,
    'measured time, s': Math.round(wallMs) / 1000,
    'ratio (budget 1.1)': Math.round((wallMs / idealMs) * 1000) / 1000,
    'app CPU per call (gateway, job runner, SQLite), ms': Math.round(((cpu.user + cpu.system) / 1000 / calls.count) * 100) / 100,
    'peak RSS, MiB': Math.round(peakRss / 2 ** 20),
    'estimated tokens per session (real tokenizer, default prompts)': `${Math.round(estimate.tokensIn / estimate.calls)} in, ${Math.round(estimate.tokensOut / estimate.calls)} out`,
    'estimated cost per 500 sessions, gpt-4o-mini':
      estimate.costUsd === null ? 'n/a' : `$${((estimate.costUsd / estimate.calls) * 500).toFixed(2)}`,
  };
  printSection(`Generating ${SESSIONS} sessions in one call each (latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY})`, out);
  return { '500-session generation': out };
}
