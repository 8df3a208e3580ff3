import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { addFakeProvider, settledJob, startTestBackend, type TestBackend } from '../support/testBackend';

const KEY = 'sk-cap-test-0123456789abcdef';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let t: TestBackend;
let providerId: string;

beforeEach(async () => {
  t = await startTestBackend({ env: { HDS_MAX_RUNNING_JOBS: '2' } });
  await t.api.projects.create({ name: 'Capped' });
  providerId = await addFakeProvider(t, fake.url, KEY, 4);
});
afterEach(async () => {
  await t.cleanup();
});

describe('a cap on jobs running at once in a project', () => {
  it('queues jobs beyond the cap, says why, and starts them as slots free', { timeout: 60_000 }, async () => {
    fake.addFault({ route: 'chat', kind: 'slow', delayMs: 15 });
    const jobs = [];
    for (let i = 0; i < 6; i++)
      jobs.push(await t.api.providers.startSpeedTest({ providerId, model: 'gpt-4o-mini', calls: 4, concurrency: 1, maxTokens: 8 }));
    expect(jobs.map((j) => j.status)).toEqual(['running', 'running', 'queued', 'queued', 'queued', 'queued']);
    expect(jobs[2]!.message).toMatch(/Waiting: 2 jobs are running in this project; it starts when one of them finishes/);

    let most = 0;
    for (;;) {
      const list = await t.api.jobs.list({});
      most = Math.max(most, list.filter((j) => j.status === 'running').length);
      if (list.every((j) => j.status !== 'running' && j.status !== 'queued')) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(most).toBe(2);
    for (const job of jobs) expect(await settledJob(t, job.id)).toMatchObject({ status: 'succeeded', done: 4 });
  });

  it('cancels a queued job without running it, and a queued job left by a closed project can be resumed', { timeout: 60_000 }, async () => {
    fake.addFault({ route: 'chat', kind: 'slow', delayMs: 30 });
    const jobs = [];
    for (let i = 0; i < 4; i++)
      jobs.push(await t.api.providers.startSpeedTest({ providerId, model: 'gpt-4o-mini', calls: 6, concurrency: 1, maxTokens: 8 }));
    expect(await t.api.jobs.cancel({ id: jobs[2]!.id })).toMatchObject({ status: 'cancelled', done: 0 });
    const file = (await t.api.projects.current())!.file;
    await t.api.projects.close();
    await t.api.projects.open({ file });
    expect(await t.api.jobs.get({ id: jobs[3]!.id })).toMatchObject({ status: 'interrupted', done: 0 });
    await t.api.jobs.resume({ id: jobs[3]!.id });
    expect(await settledJob(t, jobs[3]!.id)).toMatchObject({ status: 'succeeded', done: 6 });
    expect(await t.api.jobs.get({ id: jobs[2]!.id })).toMatchObject({ status: 'cancelled', done: 0 });
  });
});
