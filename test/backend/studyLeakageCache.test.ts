import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkerPool } from '../../src/main/core/workers/workerPool';
import { defaultDatasetSpec } from '../../src/shared/api/datasets';
import { settledJob, startTestBackend, type TestBackend } from '../support/testBackend';

// Counts how often the study checklist reads training examples for the leakage check (a task of the worker pool).
const calls = { n: 0 };
const run = WorkerPool.prototype.run;
vi.spyOn(WorkerPool.prototype, 'run').mockImplementation(function (this: WorkerPool, ...args: Parameters<WorkerPool['run']>) {
  if (args[0] === 'scenarioLeakage') calls.n++;
  return run.apply(this, args);
} as WorkerPool['run']);

const ESCONV = resolve(__dirname, '../../../shared/data/esconv/FailedESConv.json');
let t: TestBackend;
beforeEach(async () => {
  t = await startTestBackend();
  await t.api.projects.create({ name: 'Leakage cache' });
  calls.n = 0;
});
afterEach(async () => {
  await t.cleanup();
});

const leakage = async () => (await t.api.study.status()).find((s) => s.step === 'evaluate')!.warnings;

describe('study.status leakage check', () => {
  it('runs once per scenario set version and compared dataset versions, not on every refetch', async () => {
    await settledJob(t, (await t.api.imports.start({ paths: [ESCONV] })).id);
    await t.api.sessions.bulkUpdate({ ids: await t.api.sessions.ids({}), status: 'approved' });
    const dataset = await t.api.datasets.create({
      name: 'Real only',
      spec: { ...defaultDatasetSpec, mix: 'real-only', total: 30, validationShare: 0.2 },
    });
    const frozen = await t.api.datasets.freeze({ id: dataset.id });
    const example = (await t.api.datasets.examples({ versionId: frozen.id, limit: 1 })).rows[0]!;
    const copied = (await t.api.sessions.get({ id: example.sessionId })).turns.map((x) => x.text).join(' ');
    const scenario = (title: string, intake: string) => ({
      title,
      intake,
      style: 'plain',
      riskLevel: 'none',
      cognitiveModel: {
        situation: 'A hard week.',
        automaticThought: 'I cannot cope.',
        emotion: 'Low 60',
        behaviour: 'Withdraws.',
        coreBelief: 'I am alone',
        distortions: ['catastrophizing'],
      },
    });
    const set = await t.api.evalSets.create({ name: 'Weeks' });
    await t.api.evalSets.import({
      setId: set.id,
      format: 'json',
      content: JSON.stringify([scenario('Copied', copied), scenario('Fresh', 'A nurse on night shifts who cannot switch off after work.')]),
    });
    await t.api.evalSets.freeze({ setId: set.id });

    expect(await leakage()).toEqual([
      expect.stringMatching(/1 evaluation scenario of Weeks also appears in training data \(Real only v1\)/),
    ]);
    expect(calls.n).toBe(1);
    // Refetches with nothing frozen since: the answer stands, no example is read again.
    for (let i = 0; i < 3; i++) expect(await leakage()).toHaveLength(1);
    expect(calls.n).toBe(1);

    // A new scenario set version is checked again, and its answer kept in turn.
    const copiedId = (await t.api.evalSets.get({ id: set.id })).scenarios.find((x) => x.title === 'Copied')!.id;
    await t.api.evalSets.removeScenario({ setId: set.id, scenarioId: copiedId });
    await t.api.evalSets.freeze({ setId: set.id });
    expect(await leakage()).toEqual([]);
    expect(await leakage()).toEqual([]);
    expect(calls.n).toBe(2);

    // So is a new dataset version.
    await t.api.datasets.freeze({ id: dataset.id });
    expect(await leakage()).toEqual([]);
    expect(calls.n).toBe(3);

    // The answer outlives the process: the first screen after a restart does not read the examples again.
    const { file } = (await t.api.projects.current())!;
    await t.restart();
    await t.api.projects.open({ file });
    expect(await leakage()).toEqual([]);
    expect(calls.n).toBe(3);
  }, 60_000);
});
