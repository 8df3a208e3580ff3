import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDatasetSpec } from '../../src/shared/api/datasets';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { evalRunSpec, finishedRun, startWithFakeProvider } from '../support/evaluationRun';
import { writeSessions } from '../support/sessionRows';
import type { TestBackend } from '../support/testBackend';
import { whileAsking } from '../support/whileAsking';

const KEY = 'sk-off-thread-test-0123456789';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let t: TestBackend;
let providerId: string;

beforeEach(async () => {
  ({ t, providerId } = await startWithFakeProvider('Off the answering thread', fake, KEY));
});
afterEach(async () => {
  await t.cleanup();
});

const places = ['kitchen', 'garage', 'library', 'harbour', 'orchard', 'stadium', 'bakery', 'museum'];
const animals = ['heron', 'badger', 'otter', 'falcon', 'weasel', 'beetle', 'salmon', 'magpie'];
/** Each scenario in words of its own, so a session that holds one scenario's text holds no other's. */
const situation = (i: number) => ({
  situation: `The ${places[i]} ${animals[i]} rehearsal collapsed before ${animals[(i + 3) % 8]} inspectors arrived.`,
  automaticThought: `Every ${places[(i + 5) % 8]} ${animals[(i + 1) % 8]} keeper despises my ${places[i]} plans.`,
  behaviour: `Hides inside the ${places[(i + 2) % 8]} avoiding ${animals[(i + 6) % 8]} duties.`,
});

async function frozenSet(n: number) {
  const set = await t.api.evalSets.create({ name: 'Work worries' });
  const rows = Array.from({ length: n }, (_, i) => ({
    title: `Scenario ${i + 1}`,
    intake: `Scenario ${i + 1}: a ${animals[(i + 4) % 8]} warden from the ${places[(i + 7) % 8]}.`,
    style: 'plain',
    riskLevel: 'none',
    cognitiveModel: { ...situation(i), emotion: 'Ashamed 70', coreBelief: 'I am incompetent', distortions: ['mind-reading'] },
  }));
  await t.api.evalSets.import({ setId: set.id, format: 'json', content: JSON.stringify(rows) });
  return t.api.evalSets.freeze({ setId: set.id });
}

describe('statistics, reports and leakage checks run on the worker pool', () => {
  it('computes a run’s results and writes its report while this thread keeps answering', { timeout: 120_000 }, async () => {
    const v = await frozenSet(8);
    const run = await t.api.evalRuns.start({
      spec: evalRunSpec(providerId, {
        name: 'Two arms',
        setVersionId: v.id,
        arms: [
          { label: 'Base', providerId, model: 'gpt-4o-mini', systemPrompt: 'You are a CBT counselor.', temperature: 0.7 },
          { label: 'Tuned', providerId, model: 'gpt-4o', systemPrompt: null, temperature: null },
        ],
        seeds: 2,
      }),
    });
    expect((await finishedRun(t, run.id)).conversations).toMatchObject({ total: 32, done: 32 });

    const results = await whileAsking(t, () => t.api.evalRuns.results({ id: run.id, resamples: 100_000 }));
    console.log(
      `evalRuns.results (100,000 resamples): this thread busy ${Math.round(results.busy * 100)}%, ${results.answered} app.info answered`,
    );
    expect(results.value.models).toEqual(['Base', 'Tuned']);
    expect(results.value.bootstrap.resamples).toBe(100_000);
    expect(results.value.perScenario).toHaveLength(8);
    expect(results.busy).toBeLessThan(0.5);
    expect(results.answered).toBeGreaterThan(2);

    // The same numbers whichever thread asks, as long as the resamples and seed are the same.
    expect(await t.api.evalRuns.results({ id: run.id, resamples: 100_000 })).toEqual(results.value);

    const outDir = mkdtempSync(join(tmpdir(), 'hds-off-thread-report-'));
    const report = await whileAsking(t, () => t.api.evalRuns.report({ id: run.id, outDir }));
    console.log(`evalRuns.report: this thread busy ${Math.round(report.busy * 100)}%, ${report.answered} app.info answered`);
    expect(existsSync(report.value.html)).toBe(true);
    // This thread still reads the run's status and hashes its scores (the results cache's key), a fixed
    // cost that weighs more in a run this small; on this thread the whole report kept it 100% busy.
    expect(report.busy).toBeLessThan(0.75);
    expect(report.answered).toBeGreaterThan(2);
  });

  it(
    'checks scenarios against every training example of a frozen dataset while this thread keeps answering',
    { timeout: 120_000 },
    async () => {
      const v = await frozenSet(3);
      const scenarios = (await t.api.evalSets.version({ versionId: v.id })).scenarios;
      const leaked = scenarios[1]!;
      const created = (await t.api.projects.current())!;
      await t.api.projects.close();
      const texts = Array.from({ length: 300 }, (_, i) => `Line ${i} of an ordinary session about sleep, work and friends.`);
      const leak = [leaked.intake, ...Object.values(situation(1))].join(' ');
      writeSessions(created.file, { count: 4000, utterances: { user: [...texts, leak], assistant: texts } });
      await t.api.projects.open({ file: created.file });
      const d = await t.api.datasets.create({ name: 'Train', spec: { ...defaultDatasetSpec, mix: 'hybrid', total: null } });
      const dv = await t.api.datasets.freeze({ id: d.id });

      const check = await whileAsking(t, () => t.api.evalSets.leakage({ versionId: v.id, datasetVersionIds: [dv.id] }));
      console.log(
        `evalSets.leakage over ${dv.examples} examples: this thread busy ${Math.round(check.busy * 100)}%, ${check.answered} answered`,
      );
      expect(check.value.length).toBeGreaterThan(0);
      expect(new Set(check.value.map((p) => p.scenarioId))).toEqual(new Set([leaked.id]));
      expect(check.value.every((p) => p.datasetVersionId === dv.id && p.similarity >= 0.5)).toBe(true);
      expect(check.busy).toBeLessThan(0.5);
      expect(check.answered).toBeGreaterThan(2);
    },
  );
});
