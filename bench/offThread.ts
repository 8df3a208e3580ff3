import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDatasetSpec } from '../src/shared/api/datasets';
import { buildProject } from './datasets';
import { printSection, scheduledPings } from './measure';
import { benchBackend, spawnFakeProvider } from './harness';

const SESSIONS = 10_000;
const SCENARIOS = 30;
const SEEDS = 2;

/**
 * The thread that answers calls while the heavy calls run on the worker pool: app.info asked every 10 ms
 * (its delay counted from when it was due) and the share of the call's time this thread was busy. Before
 * the pool these calls ran here: the thread was 100% busy and no app.info was answered until they ended.
 */
export async function offThreadBench(): Promise<Record<string, unknown>> {
  const { process: fake, url } = await spawnFakeProvider();
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-offthread-'));
  const { backend, api } = await benchBackend(dataDir);
  try {
    const { file } = await buildProject(api, SESSIONS);
    await api.projects.open({ file });
    const dataset = await api.datasets.create({ name: 'Hybrid', spec: { ...defaultDatasetSpec, mix: 'hybrid', total: null } });

    const provider = await api.providers.add({ name: 'Fake', preset: 'openai', baseUrl: url, concurrency: 8 });
    await api.providers.setKey({ id: provider.id, key: 'sk-bench' });
    const set = await api.evalSets.create({ name: 'Bench' });
    const scenarios = Array.from({ length: SCENARIOS }, (_, i) => ({
      title: `Scenario ${i + 1}`,
      intake: `Client ${i + 1} worries about deadline number ${i + 1} at work.`,
      style: 'plain',
      riskLevel: 'none',
      cognitiveModel: {
        situation: `Deadline ${i + 1} slipped.`,
        automaticThought: 'I will be fired.',
        emotion: 'Fear 70',
        behaviour: 'Overworks.',
        coreBelief: 'I am incompetent',
        distortions: ['catastrophizing'],
      },
    }));
    await api.evalSets.import({ setId: set.id, format: 'json', content: JSON.stringify(scenarios) });
    const setVersion = await api.evalSets.freeze({ setId: set.id });
    const arm = (label: string, model: string) => ({ label, providerId: provider.id, model, systemPrompt: null, temperature: null });
    const run = await api.evalRuns.start({
      spec: {
        name: 'Bench',
        setVersionId: setVersion.id,
        arms: [arm('Base', 'gpt-4o-mini'), arm('Real-only', 'gpt-4o'), arm('Hybrid', 'gpt-4o-mini-2024-07-18')],
        sharedSystemPrompt: 'You are a CBT counselor.',
        simulator: { providerId: provider.id, model: 'gpt-4o', temperature: 0.8 },
        judge: { providerId: provider.id, model: 'gpt-4o-mini' },
        rubricIds: ['empathy-relevance'],
        formulation: false,
        turns: 2,
        seeds: SEEDS,
        judgeRepeats: 2,
        useBatchForScoring: false,
        budgetUsd: null,
      },
    });
    for (;;) {
      const status = (await api.evalRuns.get({ id: run.id })).status;
      if (status !== 'conversing' && status !== 'scoring') break;
      await new Promise((r) => setTimeout(r, 50));
    }

    let datasetVersionId = '';
    const measure = async (call: () => Promise<unknown>) => {
      const pings = scheduledPings(() => api.app.info());
      const before = performance.eventLoopUtilization();
      const started = performance.now();
      await call();
      const wallMs = Math.round(performance.now() - started);
      const busy = Math.round(performance.eventLoopUtilization(before).utilization * 100);
      const appInfo = await pings.stop();
      return {
        'wall, ms': wallMs,
        'this thread busy, %': busy,
        'app.info p50 / p95 / p99, ms': appInfo && [appInfo.p50Ms, appInfo.p95Ms, appInfo.p99Ms],
      };
    };
    const out: Record<string, unknown> = {
      [`datasets.freeze (a job) of ${SESSIONS.toLocaleString('en-US')} sessions`]: await measure(async () => {
        datasetVersionId = (await api.datasets.freeze({ id: dataset.id })).id;
      }),
      [`evalRuns.results, 10,000 resamples (${SCENARIOS * 3 * SEEDS} conversations)`]: await measure(() =>
        api.evalRuns.results({ id: run.id, resamples: 10_000 }),
      ),
      'evalRuns.report (10,000 resamples, HTML + CSV + manifest)': await measure(() =>
        api.evalRuns.report({ id: run.id, outDir: mkdtempSync(join(tmpdir(), 'hds-bench-report-')) }),
      ),
      [`evalSets.leakage over ${SESSIONS.toLocaleString('en-US')} examples`]: await measure(() =>
        api.evalSets.leakage({ versionId: setVersion.id, datasetVersionIds: [datasetVersionId] }),
      ),
    };
    printSection('The answering thread during heavy calls (they run on the worker pool)', out);
    return out;
  } finally {
    await backend.close();
    fake.kill('SIGTERM');
  }
}
