import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDatasetSpec } from '../../src/shared/api/datasets';
import type { JobSummary } from '../../src/shared/domain/job';
import { writeSessions } from '../support/sessionRows';
import { settledJob, startTestBackend, waitFor, type TestBackend } from '../support/testBackend';

let t: TestBackend;
let file: string;

const texts = (who: string) =>
  Array.from({ length: 400 }, (_, i) => `${who} line ${i}: ${'about sleep, work and worry '.repeat(1 + (i % 5))}`);

/** A project with `count` approved sessions and one hybrid dataset over all of them. */
async function library(count: number) {
  const created = await t.api.projects.create({ name: 'Freeze as a job' });
  file = created.file;
  await t.api.projects.close();
  writeSessions(file, { count, utterances: { user: texts('Client'), assistant: texts('Counsellor') } });
  await t.api.projects.open({ file });
  return t.api.datasets.create({ name: 'Everything', spec: { ...defaultDatasetSpec, mix: 'hybrid', total: null } });
}

const freezeJobs = async () => (await t.api.jobs.list({})).filter((j) => j.kind === 'freezeDataset');
const updates = (id: string) => t.events.filter((e) => e.name === 'job.updated' && e.payload.id === id).map((e) => e.payload as JobSummary);

beforeEach(async () => {
  t = await startTestBackend();
});
afterEach(async () => {
  await t.cleanup();
});

describe('freezing a dataset as a job', () => {
  it('shows on the Jobs screen with the sessions copied so far, and succeeds with the version', { timeout: 120_000 }, async () => {
    const d = await library(3000);
    const version = await t.api.datasets.freeze({ id: d.id, note: 'first' });
    expect(version).toMatchObject({ examples: 3000, note: 'first' });

    const [job] = await freezeJobs();
    expect(job).toMatchObject({ title: 'Freeze Everything', status: 'succeeded', total: 1, done: 1, failed: 0 });
    // Counts inside the one item, as the copying went: the progress bar moves before the item ends.
    const counted = updates(job!.id)
      .map((u) => u.itemProgress)
      .filter((p) => p !== null);
    expect(counted.length).toBeGreaterThan(0);
    expect(counted.every((p) => p.total === 3000 && p.done <= p.total)).toBe(true);
    expect(t.events.some((e) => e.name === 'data.changed' && e.payload.entity === 'datasets')).toBe(true);
  });

  it(
    'can be cancelled from the Jobs screen: the call says so, and no version or copied example is left',
    { timeout: 120_000 },
    async () => {
      const d = await library(20_000);
      const freezing = t.api.datasets.freeze({ id: d.id });
      const outcome = freezing.then(
        () => 'frozen',
        (err: unknown) => err,
      );
      const running = await waitFor(async () => {
        const job = (await freezeJobs())[0];
        return job && job.itemProgress && job.itemProgress.done > 0 ? job : null;
      }, 60_000);
      expect(running.status).toBe('running');
      expect(running.itemProgress!.done).toBeLessThan(running.itemProgress!.total);
      await t.api.jobs.cancel({ id: running.id });

      expect(await outcome).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/freeze was cancelled/) });
      expect((await t.api.jobs.get({ id: running.id })).status).toBe('cancelled');
      expect((await t.api.datasets.get({ id: d.id })).versions).toEqual([]);
      const db = new Database(file, { readonly: true });
      expect(db.prepare('SELECT count(*) AS n FROM dataset_examples').get()).toEqual({ n: 0 });
      db.close();

      // Resumed from the Jobs screen, it makes the version after all, from a clean start.
      await t.api.jobs.resume({ id: running.id });
      expect(await settledJob(t, running.id, 90_000)).toMatchObject({ status: 'succeeded', done: 1 });
      const versions = (await t.api.datasets.get({ id: d.id })).versions;
      expect(versions).toHaveLength(1);
      expect((await t.api.datasets.version({ versionId: versions[0]!.id })).examples).toBe(20_000);
    },
  );

  it('keeps the reason a freeze cannot be made, as the call’s own error', async () => {
    const d = await library(50);
    await t.api.datasets.update({
      id: d.id,
      spec: { ...defaultDatasetSpec, mix: 'hybrid', total: null, filters: { ...defaultDatasetSpec.filters, minTurns: 500 } },
    });
    await expect(t.api.datasets.freeze({ id: d.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/No session passes the filters/),
    });
    expect((await freezeJobs())[0]).toMatchObject({ status: 'failed' });
  });
});
