import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../src/shared/domain/job';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { addFakeProvider, settledJob, startTestBackend, waitFor, type TestBackend } from '../support/testBackend';

const KEY = 'sk-personas-test-0123456789';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
const distortions = ['all-or-nothing', 'mind-reading', 'catastrophizing', 'should-statements', 'labeling'];
const styles = ['plain', 'upset', 'verbose', 'reserved'];
let t: TestBackend;
let providerId: string;
let file: string;

beforeEach(async () => {
  t = await startTestBackend();
  file = (await t.api.projects.create({ name: 'Synthetic' })).file;
  providerId = await addFakeProvider(t, fake.url, KEY, 4);
});
afterEach(async () => {
  await t.cleanup();
});

const settled = (id: string) => settledJob(t, id);
const input = (count: number) => ({ count, providerId, model: 'gpt-4o-mini', distortions, styles, seed: 11 });

describe('the domain pack and prompts', () => {
  it('can be edited, refuses repeated ids, and resets to the built-in CBT pack', async () => {
    const pack = await t.api.domain.pack();
    expect(pack.id).toBe('cbt');
    const edited = { ...pack, styles: pack.styles.map((s) => (s.id === 'plain' ? { ...s, label: 'Straightforward' } : s)) };
    expect((await t.api.domain.updatePack({ pack: edited })).styles.find((s) => s.id === 'plain')!.label).toBe('Straightforward');
    const repeated = { ...pack, styles: [...pack.styles, pack.styles[0]!] };
    await expect(t.api.domain.updatePack({ pack: repeated })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/styles: "plain"/),
    });
    expect((await t.api.domain.resetPack()).styles.find((s) => s.id === 'plain')!.label).toBe('Plain');
  });

  it('keeps prompt versions; generation uses the newest', async () => {
    const before = (await t.api.prompts.list()).filter((p) => p.name === 'persona');
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ version: 1, current: true });
    const saved = await t.api.prompts.save({
      name: 'persona',
      template: `${before[0]!.template}\nKeep the background to two sentences.`,
      note: 'shorter',
    });
    expect(saved).toMatchObject({ version: 2, current: true });
    await expect(t.api.prompts.save({ name: 'persona', template: saved.template })).rejects.toMatchObject({ code: 'CONFLICT' });
    const job = await t.api.personas.generate(input(2));
    await settled(job.id);
    const persona = (await t.api.personas.list({})).rows[0]!;
    expect(persona.provenance).toMatchObject({ prompt: { name: 'persona', version: 2 }, model: 'gpt-4o-mini', providerId });
  });
});

describe('resuming after a prompt changed', () => {
  async function stoppedHalfway() {
    await t.api.providers.update({ id: providerId, maxRetries: 0 });
    fake.addFault({ route: 'chat', kind: 'status500', every: 2 });
    const job = await t.api.personas.generate(input(4));
    const done = await settled(job.id);
    fake.clearFaults();
    expect(done.failed).toBeGreaterThan(0);
    const current = (await t.api.prompts.list()).find((p) => p.name === 'persona' && p.current)!;
    await t.api.prompts.save({ name: 'persona', template: `${current.template}\nName a hobby.` });
    return job.id;
  }
  const versions = async () => (await t.api.personas.list({})).rows.map((p) => (p.provenance.prompt as { version: number }).version).sort();

  it('names both versions and refuses to guess which one the rest should use', async () => {
    const id = await stoppedHalfway();
    expect(await t.api.jobs.promptChanges({ id })).toEqual([{ name: 'persona', started: 1, current: 2 }]);
    await expect(t.api.jobs.resume({ id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/persona prompt \(started with v1, now v2\)/),
    });
    await t.api.jobs.resume({ id, prompts: 'current' });
    expect(await settled(id)).toMatchObject({ status: 'succeeded' });
    const v = await versions();
    expect(v).toContain(1);
    expect(v).toContain(2);
    expect(await t.api.jobs.promptChanges({ id })).toEqual([]);
  });

  it('keeps the version it started with when asked to', async () => {
    const id = await stoppedHalfway();
    await t.api.jobs.resume({ id, prompts: 'started' });
    expect(await settled(id)).toMatchObject({ status: 'succeeded' });
    expect(new Set(await versions())).toEqual(new Set([1]));
    expect(await t.api.jobs.promptChanges({ id })).toEqual([{ name: 'persona', started: 1, current: 2 }]);
  });
});

describe('persona generation', () => {
  it('estimates calls, tokens, cost and (after a speed test) time before running', async () => {
    const estimate = await t.api.personas.estimate(input(20));
    expect(estimate).toMatchObject({ calls: 20, seconds: null });
    expect(estimate.tokensIn).toBeGreaterThan(20 * 200);
    expect(estimate.costUsd).toBeGreaterThan(0);
    const speed = await t.api.providers.startSpeedTest({ providerId, model: 'gpt-4o-mini', calls: 4, concurrency: 2, maxTokens: 16 });
    await settled(speed.id);
    expect((await t.api.personas.estimate(input(20))).seconds).not.toBeNull();
    await expect(t.api.personas.estimate({ ...input(5), distortions: ['telepathy'] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/telepathy/),
    });
  });

  it('generates 20 personas covering 5 distortions × 4 styles, with provenance and cost', async () => {
    const job = await t.api.personas.generate(input(20));
    const done = await settled(job.id);
    expect(done).toMatchObject({ status: 'succeeded', done: 20, failed: 0 });
    expect(done.costUsd).toBeGreaterThan(0);
    const coverage = await t.api.personas.coverage({ distortions, styles });
    expect(coverage).toHaveLength(20);
    expect(coverage.every((c) => c.count >= 1)).toBe(true);
    const { rows, total } = await t.api.personas.list({ limit: 50 });
    expect(total).toBe(20);
    expect(rows[0]!.persona).toMatchObject({ name: expect.any(String), cognitiveModel: { automaticThought: expect.any(String) } });
    const calls = await t.api.calls.list({ jobId: job.id, limit: 100 });
    expect(calls.rows.every((c) => c.purpose === 'generate-persona')).toBe(true);
  });

  it('rejects near-duplicates instead of storing them', async () => {
    // Every answer is the same persona: the first is kept, the rest are refused with the reason.
    const same = JSON.stringify({
      name: 'Mara',
      age: 31,
      background: 'A nurse on night shifts in a busy city hospital who lives with her sister.',
      personality: 'Warm and quick to joke.',
      presentingProblem: 'Cannot switch off after work.',
      history: 'Began after a hard winter on the ward.',
      cognitiveModel: {
        situation: 'A missed handover note.',
        automaticThought: 'I will be blamed for everything.',
        emotion: 'Anxious 80',
        behaviour: 'Rechecked charts for an hour.',
        coreBelief: 'I am incompetent',
        intermediateBeliefs: 'If I slip once I am a bad nurse.',
        copingStrategies: 'Overchecking.',
        relevantHistory: 'A strict parent.',
      },
    });
    await t.api.prompts.save({
      name: 'persona',
      template: `{{presentingProblem}} {{ageBand}} {{severity}} {{riskLevel}} {{distortions}} {{style}} {{coreBeliefs}} [[fake:reply=${same}]]`,
    });
    const job = await t.api.personas.generate({ ...input(3), styles: ['plain'] });
    const done = await settled(job.id);
    expect(done).toMatchObject({ done: 1, failed: 2 });
    const failed = await t.api.jobs.items({ id: job.id, status: 'failed' });
    expect(failed.rows[0]!.error).toMatch(/Too similar to the existing persona Mara/);
  });

  it('completes under injected faults with every item stored or failed with its reason', async () => {
    await t.api.providers.update({ id: providerId, maxRetries: 1 });
    fake.addFault({ route: 'chat', kind: 'status429', probability: 0.05, retryAfterMs: 20 });
    fake.addFault({ route: 'chat', kind: 'status500', probability: 0.05 });
    fake.addFault({ route: 'chat', kind: 'malformedJson', probability: 0.05 });
    fake.addFault({ route: 'chat', kind: 'drop', probability: 0.05 });
    const job = await t.api.personas.generate(input(30));
    const done = await settled(job.id);
    expect(done.done + done.failed).toBe(30);
    expect((await t.api.personas.list({ limit: 100 })).total).toBe(done.done);
    const failed = await t.api.jobs.items({ id: job.id, status: 'failed' });
    expect(failed.rows.every((r) => (r.error ?? '').length > 10)).toBe(true);
  });

  it('loses nothing and repeats no stored persona when the backend dies mid-run', async () => {
    fake.setLatency(60);
    const job = await t.api.personas.generate(input(16));
    await waitFor(async () => (await t.api.jobs.get({ id: job.id })).done >= 4);
    await t.restart(); // the running job is stopped where it stands
    const db = new Database(file);
    db.prepare(`UPDATE jobs SET status = 'running' WHERE id = ?`).run(job.id); // as a crash would leave it
    const storedBefore = (db.prepare('SELECT count(*) AS n FROM personas').get() as { n: number }).n;
    db.close();
    await t.api.projects.open({ file });
    const interrupted = await t.api.jobs.get({ id: job.id });
    expect(interrupted.status).toBe('interrupted');
    expect(interrupted.done).toBe(storedBefore);
    fake.setLatency(0);
    // Requests the closed backend had in flight are counted once the server has handled them, not among the resumed job's.
    await fake.settled();
    const requestsBefore = fake.countRequests('chat');
    await t.api.jobs.resume({ id: job.id });
    const done: JobSummary = await settled(job.id);
    expect(done).toMatchObject({ status: 'succeeded', done: 16 });
    expect((await t.api.personas.list({ limit: 100 })).total).toBe(16);
    expect(fake.countRequests('chat') - requestsBefore).toBe(16 - storedBefore);
  });
});

describe('persona generation through the Batch API', () => {
  it('submits one batch, polls it, stores every answer at half the price, and survives a restart without resubmitting', async () => {
    const estimate = await t.api.personas.estimate({ ...input(6), useBatch: true });
    const direct = await t.api.personas.estimate(input(6));
    expect(estimate.costUsd).toBeCloseTo(direct.costUsd! / 2, 10);
    const job = await t.api.personas.generate({ ...input(6), useBatch: true });
    await waitFor(async () => (await t.api.jobs.get({ id: job.id })).result?.batch);
    await t.restart(); // the batch keeps going at the provider; the job is interrupted here
    await t.api.projects.open({ file });
    expect((await t.api.jobs.get({ id: job.id })).status).toBe('interrupted');
    await t.api.jobs.resume({ id: job.id });
    const done = await settled(job.id);
    expect(done).toMatchObject({ status: 'succeeded', done: 6, failed: 0 });
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/batches')).toHaveLength(1);
    const calls = await t.api.calls.list({ jobId: job.id });
    expect(calls.rows.every((c) => c.purpose === 'generate-persona (batch)')).toBe(true);
    expect((await t.api.personas.list({})).rows[0]!.provenance).toMatchObject({ batch: true });
  });

  it('refuses the batch route for a provider without the Batch API', async () => {
    const local = await t.api.providers.add({ name: 'Local', preset: 'ollama', baseUrl: fake.url });
    await expect(t.api.personas.generate({ ...input(2), providerId: local.id, useBatch: true })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/Batch API/),
    });
  });
});

describe('prompt preview', () => {
  it('fills a prompt with one real item before any run, and says what is missing', async () => {
    const persona = await t.api.prompts.preview({ name: 'persona' });
    expect(persona.text).toMatch(/All-or-Nothing Thinking/);
    expect(persona.text).not.toMatch(/\{\{/);
    expect(persona.placeholders).toEqual(expect.arrayContaining(['presentingProblem', 'distortions', 'style']));
    await expect(t.api.prompts.preview({ name: 'scenario' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/needs a persona/),
    });
    await t.api.personas.generate({ ...input(1), styles: ['plain'] }).then((j) => settled(j.id));
    const scenario = await t.api.prompts.preview({ name: 'scenario', template: 'About {{persona}} in {{theme}}.' });
    expect(scenario.text).toMatch(/^About .+, \d+\./);
    await expect(t.api.prompts.preview({ name: 'scenario', template: 'Uses {{nothing}}.' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/\{\{nothing\}\}/),
    });
  });
});
