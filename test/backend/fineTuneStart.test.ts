// The app stops after the provider created a fine-tuning job but before its id was stored: the resumed run
// must find that job by the run's token and follow it, never create (and pay for) a second one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrainerId } from '../../src/shared/api/training';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { startTestBackend, waitFor, type TestBackend } from '../support/testBackend';
import { frozenTrainingSet } from '../support/transcriptFolder';

const KEY = 'sk-fine-tune-start-0123456789';
const OPENAI_BASE = 'gpt-4o-mini-2024-07-18';
const TOGETHER_BASE = 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference';
const fake = fakeOpenAIForSuite({ apiKey: KEY, fineTuneStepMs: 15, models: [OPENAI_BASE, TOGETHER_BASE, 'gpt-4o-mini'] });

const routes = {
  openai: { preset: 'openai', baseModel: OPENAI_BASE, create: '/v1/fine_tuning/jobs' },
  together: { preset: 'together', baseModel: TOGETHER_BASE, create: '/v1/fine-tunes' },
} as const;

let t: TestBackend;
let dir: string;
let versionId: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hds-ft-start-'));
  t = await startTestBackend({ env: { HDS_TRAINING_POLL_MS: '20' } });
  await t.api.projects.create({ name: 'Fine-tune start' });
  versionId = await frozenTrainingSet(t, dir, 11);
}, 60_000);
afterEach(async () => {
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function addProvider(trainer: TrainerId): Promise<string> {
  const p = await t.api.providers.add({ name: `Fake ${trainer}`, preset: routes[trainer].preset, baseUrl: fake.url });
  await t.api.providers.setKey({ id: p.id, key: KEY });
  return p.id;
}

const creates = (trainer: TrainerId) => fake.requests.filter((r) => r.method === 'POST' && r.path === routes[trainer].create);

const listings = () =>
  fake.requests.filter((r) => r.method === 'GET' && (r.path === '/v1/fine_tuning/jobs' || r.path === '/v1/fine-tunes')).length;

async function succeeded(runId: string) {
  return waitFor(async () => {
    const r = await t.api.training.get({ id: runId });
    return r.status === 'succeeded' || r.status === 'failed' ? r : null;
  }, 30_000);
}

describe.each(['openai', 'together'] as const)('starting a fine-tune at %s', (trainer) => {
  it('sends one create, tagged with the run, when nothing stops it', async () => {
    const providerId = await addProvider(trainer);
    const before = creates(trainer).length;
    const listedBefore = listings();
    const run = await t.api.training.start({ versionId, trainer, providerId, baseModel: routes[trainer].baseModel });
    const done = await succeeded(run.id);
    expect(done).toMatchObject({ status: 'succeeded', error: null });
    expect(done.providerJobId).toBeTruthy();
    expect(creates(trainer).length - before).toBe(1);
    // Nothing was cut short, so the provider's job list is never read.
    expect(listings()).toBe(listedBefore);
    const created = creates(trainer).at(-1)!.body as { metadata?: Record<string, string>; training_file: string };
    if (trainer === 'openai') expect(created.metadata).toEqual({ hds_training_run: run.id });
    else {
      // Together keeps no metadata: the run's token travels in the name of the training file the job lists.
      const names = fake.requests
        .filter((r) => r.path === '/v1/files/upload')
        .map((r) => (r.body as { fields: Record<string, string> }).fields.file_name)
        .filter((name) => name?.startsWith(`hds-run-${run.id}.`));
      expect(names).toEqual([`hds-run-${run.id}.train.jsonl`, `hds-run-${run.id}.validation.jsonl`]);
    }
  });

  it('adopts the job a start created before the app stopped, instead of creating a second one', async () => {
    const providerId = await addProvider(trainer);
    const before = creates(trainer).length;
    // The provider carries out the create, but its answer never arrives: the app stops before storing the job id.
    fake.addFault({ route: 'fine_tuning', kind: 'noAnswer', times: 1 });
    const run = await t.api.training.start({ versionId, trainer, providerId, baseModel: routes[trainer].baseModel });
    await waitFor(() => creates(trainer).length > before);
    const cut = await t.api.training.get({ id: run.id });
    expect(cut.providerJobId).toBeNull();
    const file = (await t.api.projects.current())!.file;
    await t.restart();
    await t.api.projects.open({ file });

    const done = await succeeded(run.id);
    expect(done.status, done.error ?? '').toBe('succeeded');
    expect(creates(trainer).length - before).toBe(1);
    expect(done.events.some((e) => /created by a start the app stopped during; following it/.test(e.message))).toBe(true);
    // The job followed to the end is the one the provider created for the cut-short start.
    const sdk = new OpenAI({ apiKey: KEY, baseURL: fake.url });
    if (trainer === 'openai') {
      const created = creates(trainer).at(-1)!.body as { metadata: Record<string, string> };
      const jobs = (await sdk.fineTuning.jobs.list({ metadata: created.metadata })).data;
      expect(jobs.map((j) => j.id)).toEqual([done.providerJobId]);
    } else {
      const jobs = await sdk.get<{ data: { id: string; training_file: string }[] }>('/fine-tunes');
      const created = creates(trainer).at(-1)!.body as { training_file: string };
      expect(jobs.data.filter((j) => j.training_file === created.training_file).map((j) => j.id)).toEqual([done.providerJobId]);
    }
    const models = (await t.api.models.list({ providerId })).filter((m) => m.modelId === done.fineTunedModel);
    expect(models).toHaveLength(1);
  });

  it('creates the job once when the app stopped after the upload but before the create', async () => {
    const providerId = await addProvider(trainer);
    const before = creates(trainer).length;
    const uploads = () => fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/files')).length;
    const uploadedBefore = uploads();
    // The training file is stored, but its answer never arrives, so the create is never sent.
    fake.addFault({ route: 'files', kind: 'noAnswer', times: 1 });
    const run = await t.api.training.start({ versionId, trainer, providerId, baseModel: routes[trainer].baseModel });
    await waitFor(() => uploads() > uploadedBefore);
    const file = (await t.api.projects.current())!.file;
    await t.restart();
    expect(creates(trainer).length).toBe(before);
    await t.api.projects.open({ file });

    const done = await succeeded(run.id);
    expect(done.status, done.error ?? '').toBe('succeeded');
    expect(creates(trainer).length - before).toBe(1);
    expect(done.events.some((e) => /following it/.test(e.message))).toBe(false);
  });

  it('stops with what to check, and creates nothing, when the provider cannot say whether the start reached it', async () => {
    const providerId = await addProvider(trainer);
    const before = creates(trainer).length;
    fake.addFault({ route: 'fine_tuning', kind: 'noAnswer', times: 1 });
    const run = await t.api.training.start({ versionId, trainer, providerId, baseModel: routes[trainer].baseModel });
    await waitFor(() => creates(trainer).length > before);
    const file = (await t.api.projects.current())!.file;
    // The key was revoked while the app was closed: the job list cannot be read.
    await t.api.providers.setKey({ id: providerId, key: 'sk-revoked-0123456789abcdef' });
    await t.restart();
    await t.api.projects.open({ file });

    const failed = await succeeded(run.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/A start may have reached Fake \w+ before its answer arrived \(or the app stopped\)/);
    expect(failed.error).toMatch(new RegExp(`Check Fake .*'s dashboard for a job tagged with run ${run.id} before starting again`));
    expect(creates(trainer).length - before).toBe(1);
  });

  it('follows the job whose create answer was lost in a running app, without a second create', async () => {
    const providerId = await addProvider(trainer);
    await t.api.providers.update({ id: providerId, timeoutMs: 1_000, maxRetries: 2 });
    const before = creates(trainer).length;
    fake.addFault({ route: 'fine_tuning', kind: 'noAnswer', times: 1 });
    const run = await t.api.training.start({ versionId, trainer, providerId, baseModel: routes[trainer].baseModel });

    const done = await succeeded(run.id);
    expect(done.status, done.error ?? '').toBe('succeeded');
    expect(creates(trainer).length - before).toBe(1);
    expect(done.events.some((e) => /The answer to the create was lost; found .* following it/.test(e.message))).toBe(true);
  });

  it('sends the create again after a passing refusal, once the list shows no job of the run', async () => {
    const providerId = await addProvider(trainer);
    await t.api.providers.update({ id: providerId, maxRetries: 2 });
    const before = creates(trainer).length;
    fake.addFault({ route: 'fine_tuning', kind: 'status503', times: 1 });
    const run = await t.api.training.start({ versionId, trainer, providerId, baseModel: routes[trainer].baseModel });

    const done = await succeeded(run.id);
    expect(done.status, done.error ?? '').toBe('succeeded');
    expect(creates(trainer).length - before).toBe(2);
    const refused = creates(trainer).slice(before);
    expect(refused.map((r) => r.fault)).toEqual(['status503', null]);
  });
});
