import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDatasetSpec } from '../src/shared/api/datasets';
import { buildProject } from './datasets';
import { distribution, printSection, timeEach } from './measure';
import { benchBackend } from './harness';

const SESSIONS = 4_000;
const SCENARIOS = 40;

/**
 * study.status on a project of a few thousand sessions with both datasets and a scenario set frozen:
 * the first call reads every training example for the leakage check, a refetch (the screen refetches
 * on every data change) reuses it until a frozen version changes.
 */
export async function studyBench(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-study-'));
  const { backend, api } = await benchBackend(dataDir);
  try {
    const { file } = await buildProject(api, SESSIONS);
    await api.projects.open({ file });
    const spec = { ...defaultDatasetSpec, total: SESSIONS / 2, validationShare: 0.1, seed: 7 };
    const real = await api.datasets.create({ name: 'Real only', spec: { ...spec, mix: 'real-only' } });
    const hybrid = await api.datasets.create({ name: 'Hybrid', spec: { ...spec, mix: 'hybrid', syntheticShare: 0.5 } });
    const versions = [await api.datasets.freeze({ id: real.id }), await api.datasets.freeze({ id: hybrid.id })];
    const set = await api.evalSets.create({ name: 'Bench scenarios' });
    const rows = Array.from({ length: SCENARIOS }, (_, i) => ({
      title: `Scenario ${i + 1}`,
      intake: `Scenario ${i + 1}: a teacher in her forties who lies awake before every parents' evening and rehearses each complaint.`,
      style: 'plain',
      riskLevel: 'none',
      cognitiveModel: {
        situation: 'A parents evening.',
        automaticThought: 'They will see I am failing.',
        emotion: 'Dread 70',
        behaviour: 'Over-prepares.',
        coreBelief: 'I am inadequate',
        distortions: ['mind-reading'],
      },
    }));
    await api.evalSets.import({ setId: set.id, format: 'json', content: JSON.stringify(rows) });
    await api.evalSets.freeze({ setId: set.id });

    const [firstMs] = await timeEach(1, () => api.study.status());
    const refetch = distribution(await timeEach(20, () => api.study.status()));
    const figures = {
      sessions: SESSIONS,
      trainingExamples: versions.reduce((n, v) => n + v.examples, 0),
      scenarios: SCENARIOS,
      firstStatusMs: Math.round(firstMs! * 10) / 10,
      refetchStatus: refetch,
    };
    printSection('Study home (study.status)', figures);
    return figures;
  } finally {
    await backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
