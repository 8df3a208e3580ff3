// kill -9 of a CLI training run just after the provider created its fine-tuning job, before the run stored the
// job's id; resuming the job follows that job to the end and never sends a second (paid) create.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { runCli } from '../support/runCli';
import { startTestBackend } from '../support/testBackend';
import { frozenTrainingSet } from '../support/transcriptFolder';

const KEY = 'sk-fine-tune-crash-0123456789';
const BASE = 'gpt-4o-mini-2024-07-18';
const fake = fakeOpenAIForSuite({ apiKey: KEY, fineTuneStepMs: 15, models: [BASE, 'gpt-4o-mini'] });
const killPoint = join(import.meta.dirname, '..', 'support', 'killPoint.ts');
let dir: string;
let project: string;

const cli = (args: string[], kill?: string) =>
  runCli([...args, '--project', project, '--data-dir', join(dir, 'data')], {
    timeoutMs: 60_000,
    env: { FAKE_KEY: KEY, HDS_TRAINING_POLL_MS: '20', ...(kill ? { HDS_TEST_KILL_AT: kill } : {}) },
    ...(kill ? { preload: [killPoint] } : {}),
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hds-ft-crash-'));
  project = join(dir, 'study.hds');
  const t = await startTestBackend();
  try {
    await t.api.projects.create({ name: 'Fine-tune crash', file: project });
    await frozenTrainingSet(t, dir, 23);
  } finally {
    await t.cleanup();
  }
  const added = await cli(['providers', 'add', '--name', 'Fake', '--preset', 'openai', '--base-url', fake.url, '--key-env', 'FAKE_KEY']);
  expect(added.code, added.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('follows the job created before the kill, with exactly one create at the provider', { timeout: 120_000 }, async () => {
  const creates = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs');
  const killed = await cli(['train', 'start', 'Real', '--provider', 'Fake', '--base-model', BASE, '--wait'], 'fineTuneCreate:1');
  expect(killed.code, killed.stderr).not.toBe(0);
  expect(creates()).toHaveLength(1);
  // Read as the killed process left it: a CLI opening the project could resume the job on its own first.
  const db = new Database(project, { readonly: true, fileMustExist: true });
  const cut = db.prepare('SELECT id, job_id AS jobId, provider_job_id AS providerJobId FROM training_runs').get() as
    { id: string; jobId: string; providerJobId: string | null } | undefined;
  db.close();
  expect(cut).toBeDefined();
  expect(cut!.providerJobId).toBeNull();

  const resumed = await cli(['jobs', 'resume', cut!.jobId, '--json']);
  expect(resumed.code, resumed.stderr).toBe(0);
  expect(JSON.parse(resumed.stdout)).toMatchObject({ status: 'succeeded' });
  const done = JSON.parse((await cli(['train', 'status', cut!.id, '--json'])).stdout) as { status: string; providerJobId: string };
  expect(done.status).toBe('succeeded');
  expect(creates()).toHaveLength(1);
  const created = creates()[0]!.body as { metadata: Record<string, string> };
  expect(created.metadata).toEqual({ hds_training_run: cut!.id });
  const jobs = fake.requests.filter((r) => r.method === 'GET' && r.path === `/v1/fine_tuning/jobs/${done.providerJobId}`);
  expect(jobs.length).toBeGreaterThan(0);
});
