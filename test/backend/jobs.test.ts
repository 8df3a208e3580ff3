import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../src/shared/domain/job';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { addFakeProvider, settledJob, startTestBackend, waitFor, type TestBackend } from '../support/testBackend';

const KEY = 'sk-jobs-test-key-abcdefghijkl';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let t: TestBackend;
let providerId: string;
let projectFile: string;

beforeEach(async () => {
  fake.requests.length = 0;
  t = await startTestBackend();
  projectFile = (await t.api.projects.create({ name: 'Jobs' })).file;
  providerId = await addFakeProvider(t, fake.url, KEY, 8);
});
afterEach(async () => {
  await t.cleanup();
});

/** Speed tests stream, and a fixed latency applies only to whole answers: slow the stream itself. */
const slowDown = (ms: number) => (ms === 0 ? fake.clearFaults() : fake.addFault({ route: 'chat', kind: 'slow', delayMs: ms }));
const chatRequests = () => fake.requests.filter((r) => r.route === 'chat').length;
const settled = (id: string) => settledJob(t, id, 10_000);
const speedTest = (calls: number, concurrency: number, extra: { budgetUsd?: number } = {}) =>
  t.api.providers.startSpeedTest({ providerId, model: 'gpt-4o-mini', calls, concurrency, maxTokens: 16, ...extra });

describe('jobs', () => {
  it('runs a speed test to the end with latency percentiles, throughput and cost', async () => {
    slowDown(3);
    const job = await speedTest(12, 3);
    const done = await settled(job.id);
    expect(done).toMatchObject({ status: 'succeeded', done: 12, failed: 0, total: 12 });
    const result = done.result as {
      latencyMs: { p50: number; p90: number; p99: number };
      throughputTokensPerSecond: number;
      succeeded: number;
    };
    expect(result.succeeded).toBe(12);
    expect(result.latencyMs.p50).toBeGreaterThanOrEqual(0);
    expect(result.latencyMs.p90).toBeGreaterThanOrEqual(result.latencyMs.p50);
    expect(result.throughputTokensPerSecond).toBeGreaterThan(0);
    expect(done.costUsd).toBeGreaterThan(0);
    const totals = await t.api.calls.totals({ jobId: job.id });
    expect(totals.count).toBe(12);
    expect(totals.costUsd).toBeCloseTo(done.costUsd, 10);
  });

  it('emits throttled job.updated events and always the final state', async () => {
    const job = await speedTest(40, 8);
    await settled(job.id);
    await waitFor(() => t.events.some((e) => e.name === 'job.updated' && e.payload.id === job.id && e.payload.status === 'succeeded'));
    const updates = t.events.filter((e) => e.name === 'job.updated' && e.payload.id === job.id);
    // 40 items each start and finish: 80 changes, far fewer events.
    expect(updates.length).toBeLessThan(40);
    expect((updates.at(-1)!.payload as JobSummary).status).toBe('succeeded');
  });

  it('cancels a running job, aborting calls in flight, and resumes only the unfinished items', async () => {
    slowDown(15);
    const job = await speedTest(20, 2);
    await waitFor(async () => (await t.api.jobs.get({ id: job.id })).done >= 2);
    const cancelled = await t.api.jobs.cancel({ id: job.id });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.done).toBeLessThan(20);
    slowDown(0);
    await t.api.jobs.resume({ id: job.id });
    const finished = await settled(job.id);
    expect(finished).toMatchObject({ status: 'succeeded', done: 20 });
    // The ledger shows each item answered exactly once; the calls cut off by the cancel are marked so.
    const ledger = await t.api.calls.list({ jobId: job.id, limit: 100 });
    expect(ledger.rows.filter((c) => c.status === 'ok')).toHaveLength(20);
    expect(ledger.rows.filter((c) => c.status === 'cancelled').length).toBeGreaterThan(0);
    expect(ledger.rows.filter((c) => c.status === 'cancelled').length).toBeLessThanOrEqual(2);
  });

  it('pauses after the items in flight and resumes', async () => {
    slowDown(10);
    const job = await speedTest(10, 2);
    await waitFor(async () => (await t.api.jobs.get({ id: job.id })).done >= 1);
    const paused = await t.api.jobs.pause({ id: job.id });
    expect(paused.status).toBe('paused');
    expect(paused.running).toBe(0);
    const items = await t.api.jobs.items({ id: job.id });
    expect(items.rows.filter((i) => i.status === 'running')).toHaveLength(0);
    await t.api.jobs.resume({ id: job.id });
    expect((await settled(job.id)).done).toBe(10);
  });

  it('marks jobs left running by a crash as interrupted and resumes them without repeating stored items', async () => {
    slowDown(10);
    const job = await speedTest(12, 2);
    await waitFor(async () => (await t.api.jobs.get({ id: job.id })).done >= 3);
    // Simulate a crash: the process dies with the job still marked running in the file.
    const stored = new Database(projectFile);
    const doneItems = (
      stored.prepare(`SELECT count(*) AS n FROM job_items WHERE job_id = ? AND status = 'done'`).get(job.id) as { n: number }
    ).n;
    stored.close();
    await t.restart();
    const crashed = new Database(projectFile);
    crashed.prepare(`UPDATE jobs SET status = 'running' WHERE id = ?`).run(job.id);
    crashed.close();
    await t.api.projects.open({ file: projectFile });
    const interrupted = await t.api.jobs.get({ id: job.id });
    expect(interrupted.status).toBe('interrupted');
    expect(interrupted.message).toMatch(/resume/i);

    // A request the closed backend sent is counted once the server has read it, not among the resumed job's.
    await fake.settled();
    const before = chatRequests();
    slowDown(0);
    await t.api.jobs.resume({ id: job.id });
    const finished = await settled(job.id);
    expect(finished).toMatchObject({ status: 'succeeded', done: 12 });
    expect(chatRequests() - before).toBeLessThanOrEqual(12 - doneItems);
    expect(chatRequests() - before).toBe(12 - interrupted.done);
  });

  it('closing the project interrupts running jobs cleanly', async () => {
    slowDown(20);
    const job = await speedTest(10, 2);
    await waitFor(async () => (await t.api.jobs.get({ id: job.id })).running > 0);
    await t.api.projects.close();
    await t.api.projects.open({ file: projectFile });
    const after = await t.api.jobs.get({ id: job.id });
    expect(after.status).toBe('interrupted');
    const items = await t.api.jobs.items({ id: job.id });
    expect(items.rows.some((i) => i.status === 'running')).toBe(false);
  });

  it('stops cleanly at the budget cap and refuses to resume until the cap is raised', async () => {
    // Make calls expensive so a small cap is reached after a few items.
    await t.api.models.setPrice({ model: 'gpt-4o-mini', inputPerM: 10_000, outputPerM: 10_000 });
    const job = await speedTest(30, 1, { budgetUsd: 0.5 });
    const stopped = await settled(job.id);
    expect(stopped.status).toBe('paused');
    expect(stopped.message).toMatch(/budget/);
    expect(stopped.done).toBeGreaterThan(0);
    expect(stopped.done).toBeLessThan(30);
    expect(stopped.costUsd).toBeGreaterThanOrEqual(0.5);
    await expect(t.api.jobs.resume({ id: job.id })).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
    await t.api.jobs.resume({ id: job.id, budgetUsd: 1000 });
    expect((await settled(job.id)).status).toBe('succeeded');
  });

  it('records each failed item with its reason and retries only those on resume', async () => {
    await t.api.providers.update({ id: providerId, maxRetries: 0 });
    fake.addFault({ route: 'chat', kind: 'status500', every: 3 });
    const job = await speedTest(9, 1);
    const done = await settled(job.id);
    expect(done).toMatchObject({ status: 'problems', done: 6, failed: 3, outcome: { stored: 6, unscored: 0, failed: 3 } });
    expect(done.message).toMatch(
      /^6 stored, 0 unscored, 3 failed\. Most common cause: 3 items failed: The provider had a server error.*Resume to retry/,
    );
    const failed = await t.api.jobs.items({ id: job.id, status: 'failed' });
    expect(failed.rows).toHaveLength(3);
    expect(failed.rows[0]!.error).toMatch(/server error/);
    fake.clearFaults();
    const before = chatRequests();
    await t.api.jobs.resume({ id: job.id });
    expect(await settled(job.id)).toMatchObject({ status: 'succeeded', done: 9, failed: 0 });
    expect(chatRequests() - before).toBe(3);
  });

  it('answers clearly for jobs that cannot change state', async () => {
    const job = await speedTest(2, 1);
    await settled(job.id);
    await expect(t.api.jobs.pause({ id: job.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.api.jobs.cancel({ id: job.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.api.jobs.resume({ id: job.id })).rejects.toMatchObject({ code: 'CONFLICT', message: /nothing left/ });
    await expect(t.api.jobs.get({ id: '01J00000000000000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
