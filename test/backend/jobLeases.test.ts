import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiCallError } from '../../src/shared/api/client';
import type { JobSummary } from '../../src/shared/domain/job';
import { crashFigures, personaState, spawnJobChild } from '../support/crashHarness';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { runCli } from '../support/runCli';
import { addFakeProvider, settledJob, startTestBackend, waitFor } from '../support/testBackend';

const KEY = 'sk-lease-test-0123456789abcdef';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hds-lease-'));
  file = join(dir, 'shared.hds');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const child = (config: { action: 'start' | 'resume'; count?: number; concurrency?: number; jobId?: string }) =>
  spawnJobChild({ dataDir: join(dir, 'data'), projectFile: file, fakeUrl: fake.url, key: KEY, ...config });
const doneCount = () => personaState(file).items.filter((i) => i.status === 'done').length;
const cliJobs = async () => {
  const run = await runCli(['jobs', 'list', '--json', '--project', file, '--data-dir', join(dir, 'cli')]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as JobSummary[];
};

describe('two processes on one project', () => {
  it('another process lists a running job as running elsewhere and refuses to run it a second time', { timeout: 90_000 }, async () => {
    // Slow enough that the job is still running while two more processes start up beside it.
    fake.setLatency(300);
    const owner = child({ action: 'start', count: 40, concurrency: 2 });
    const jobId = String((await owner.line('running')).jobId);
    await waitFor(() => doneCount() >= 2, 30_000);

    // A second process opens the project (as `jobs list` from a terminal would) while a third tries to resume it.
    const intruder = child({ action: 'resume', jobId });
    const listed = (await cliJobs()).find((j) => j.id === jobId)!;
    const refused = await intruder.exited;
    expect(doneCount()).toBeLessThan(40);
    expect(listed).toMatchObject({
      status: 'running',
      runningElsewhere: true,
      message: expect.stringMatching(/another window or process \(process \d+ on this computer\)/),
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/running in another window or process/);

    // The owner was stopped by neither: it finishes every item, each stored and asked for once.
    expect(await owner.line('settled')).toMatchObject({ status: 'succeeded', done: 40, failed: 0 });
    await owner.exited;
    expect(crashFigures(personaState(file), 40)).toEqual({ lost: 0, duplicates: 0, integrity: 'ok' });
    expect(fake.requests.filter((r) => r.route === 'chat')).toHaveLength(40);
  });

  it('frees the job of a killed process at once, and another process resumes it', { timeout: 90_000 }, async () => {
    fake.setLatency(40);
    const owner = child({ action: 'start', count: 16, concurrency: 2 });
    const jobId = String((await owner.line('running')).jobId);
    await waitFor(() => doneCount() >= 3, 30_000);
    owner.child.kill('SIGKILL');
    await owner.exited;
    expect((await cliJobs()).find((j) => j.id === jobId)).toMatchObject({ status: 'interrupted', runningElsewhere: false });
    const heir = child({ action: 'resume', jobId });
    expect(await heir.line('settled')).toMatchObject({ status: 'succeeded', done: 16, failed: 0 });
    await heir.exited;
    expect(crashFigures(personaState(file), 16)).toEqual({ lost: 0, duplicates: 0, integrity: 'ok' });
  });
});

describe('a lease held by a process on another computer', () => {
  it('is respected until it expires, then the job can be resumed', { timeout: 30_000 }, async () => {
    const t = await startTestBackend();
    try {
      const projectFile = (await t.api.projects.create({ name: 'Shared drive' })).file;
      const providerId = await addFakeProvider(t, fake.url, KEY, 2);
      fake.setLatency(30);
      const job = await t.api.providers.startSpeedTest({ providerId, model: 'gpt-4o-mini', calls: 6, concurrency: 1, maxTokens: 8 });
      await t.api.projects.close();
      // As the file looks while a colleague's machine runs the job from a shared folder.
      const db = new Database(projectFile);
      db.prepare(`UPDATE jobs SET status = 'running', lease_owner = 'lab-pc-7/4242/a1b2c3d4', lease_until = ? WHERE id = ?`).run(
        Date.now() + 1500,
        job.id,
      );
      db.close();

      await t.api.projects.open({ file: projectFile });
      expect(await t.api.jobs.get({ id: job.id })).toMatchObject({
        status: 'running',
        runningElsewhere: true,
        message: expect.stringMatching(/process 4242 on lab-pc-7/),
      });
      for (const attempt of [t.api.jobs.resume({ id: job.id }), t.api.jobs.cancel({ id: job.id })]) {
        expect(
          await attempt.then(
            () => null,
            (e: unknown) => e as ApiCallError,
          ),
        ).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/running in another window or process/) });
      }
      // No heartbeat comes: once the lease has run out the job is interrupted and resumable here.
      await waitFor(async () => (await t.api.jobs.get({ id: job.id })).status === 'interrupted', 10_000);
      await t.api.jobs.resume({ id: job.id });
      expect(await settledJob(t, job.id)).toMatchObject({ status: 'succeeded', done: 6 });
    } finally {
      await t.cleanup();
    }
  });
});
