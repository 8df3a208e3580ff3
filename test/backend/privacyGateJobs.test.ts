import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDatasetSpec, exportFormatIds, type DatasetSpec } from '../../src/shared/api/datasets';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { addFakeProvider, settledJob, startTestBackend, waitFor, type TestBackend } from '../support/testBackend';

/**
 * The gate at the moment data leaves: a job that was started (or queued, paused, interrupted) while
 * its sessions were clean must not write or upload a session that has since got details awaiting review.
 */
const KEY = 'sk-privacy-jobs-0123456789abcd';
const fake = fakeOpenAIForSuite({ apiKey: KEY, fineTuneStepMs: 10 });
let t: TestBackend;
let dir: string;

beforeEach(async () => {
  t = await startTestBackend();
  await t.api.projects.create({ name: 'Gate inside jobs' });
  dir = mkdtempSync(join(tmpdir(), 'hds-gate-jobs-'));
});
afterEach(async () => {
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function transcript(i: number, detail = ''): string {
  return [
    `Counselor: Good to see you again. Where shall we start today, visit ${i}?`,
    `Client: I could not sleep much this week.${detail}`,
    'Counselor: What kept you awake?',
    'Client: Thinking about the move and whether I made the right call.',
  ].join('\n');
}

async function cleanVersion(): Promise<{ versionId: string; detailed: string }> {
  // Ten sessions: OpenAI fine-tunes ten examples at the least. One names a person and a town.
  const paths = Array.from({ length: 10 }, (_, i) => {
    const p = join(dir, `s${i}.txt`);
    writeFileSync(p, transcript(i, i === 2 ? ' My brother Radomir Ostrowski drove me to Bellingham.' : ''));
    return p;
  });
  expect((await settledJob(t, (await t.api.imports.start({ paths, redaction: 'off' })).id)).status).toBe('succeeded');
  const spec: DatasetSpec = {
    ...defaultDatasetSpec,
    mix: 'real-only',
    validationShare: 0,
    filters: { ...defaultDatasetSpec.filters, statuses: ['draft'] },
  };
  const dataset = await t.api.datasets.create({ name: 'Clean at freeze', spec });
  const version = await t.api.datasets.freeze({ id: dataset.id });
  expect(version.stats.examples).toBe(10);
  return { versionId: version.id, detailed: (await t.api.sessions.ids({ search: 'Bellingham' }))[0]! };
}

/** Closes the project and puts jobs back as a crash or a quit before they ran would leave them. */
async function rewindJobs(file: string, jobIds: string[], extra?: (db: Database.Database) => void): Promise<void> {
  await t.restart();
  const db = new Database(file);
  for (const id of jobIds) {
    db.prepare(
      `UPDATE jobs SET status = 'interrupted', done = 0, failed = 0, result_json = NULL, message = NULL, finished_at = NULL WHERE id = ?`,
    ).run(id);
    db.prepare(`UPDATE job_items SET status = 'pending', result_json = NULL, error = NULL WHERE job_id = ?`).run(id);
  }
  extra?.(db);
  db.close();
}

describe('the privacy gate inside running jobs', () => {
  it('export jobs left waiting before details were detected leave those sessions out in every format and say so', async () => {
    const { versionId, detailed } = await cleanVersion();
    const jobs: { format: string; id: string; target: string }[] = [];
    for (const format of exportFormatIds) {
      const first = await settledJob(t, (await t.api.datasets.export({ versionId, format, outDir: dir })).id);
      expect(first.status, format).toBe('succeeded');
      const target = (first.result as { target: string }).target;
      rmSync(target, { recursive: true, force: true });
      jobs.push({ format, id: first.id, target });
    }
    // Details are found after the jobs were planned; then the jobs run (here: resumed after a restart).
    await t.api.sessions.detectRedactions({ id: detailed });
    expect(await t.api.sessions.ids({ pendingDetails: true })).toEqual([detailed]);
    const file = (await t.api.projects.current())!.file;
    await rewindJobs(
      file,
      jobs.map((j) => j.id),
    );
    await t.api.projects.open({ file });
    for (const { format, id, target } of jobs) {
      await t.api.jobs.resume({ id });
      const done = await settledJob(t, id);
      expect(done.status, format).toBe('succeeded');
      const result = done.result as { records: number; withheldForDetails?: { count: number; sessionIds: string[]; reason: string } };
      expect(result.records, format).toBe(9);
      expect(result.withheldForDetails, format).toEqual({
        count: 1,
        sessionIds: [detailed],
        reason: expect.stringMatching(/personal details await review/),
      });
      const texts = statSync(target).isDirectory()
        ? readdirSync(target, { recursive: true })
            .map(String)
            .filter((f) => statSync(join(target, f)).isFile())
            .map((f) => readFileSync(join(target, f), 'utf8'))
        : [readFileSync(target, 'utf8')];
      const written = texts.join('\n');
      expect(written, format).toMatch(/could not sleep much/);
      expect(written, format).not.toMatch(/radomir|ostrowski|bellingham/i);
    }
  });

  it('a training run that had not uploaded yet refuses to upload a version whose sessions now await review', async () => {
    const { versionId, detailed } = await cleanVersion();
    const providerId = await addFakeProvider(t, fake.url, KEY);
    const run = await t.api.training.start({ versionId, trainer: 'openai', providerId, baseModel: 'gpt-4o-mini-2024-07-18' });
    const started = await waitFor(async () => {
      const r = await t.api.training.get({ id: run.id });
      return r.status === 'succeeded' ? r : null;
    }, 20_000);
    const uploads = fake.countRequests('files');
    await t.api.sessions.detectRedactions({ id: detailed });

    // As if the run had been queued and the app closed before its files went up.
    const file = (await t.api.projects.current())!.file;
    await rewindJobs(file, [started.jobId!], (db) => {
      db.prepare(
        `UPDATE training_runs SET provider_job_id = NULL, status = 'preparing', fine_tuned_model = NULL, model_entry_id = NULL, events_json = '[]', finished_at = NULL WHERE id = ?`,
      ).run(run.id);
    });
    await t.api.projects.open({ file });
    const failed = await waitFor(async () => {
      const r = await t.api.training.get({ id: run.id });
      return r.status === 'failed' || r.status === 'succeeded' ? r : null;
    }, 20_000);
    expect(failed.error).toMatch(/1 session in this version has personal details awaiting review/);
    expect(fake.countRequests('files')).toBe(uploads);
  }, 60_000);
});
