import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiSdk } from '../../src/main/core/llm/openAiSdk';
import { ProviderCallError } from '../../src/main/core/llm/providerErrors';
import { TogetherTrainer, metricFromEvent, togetherEventId } from '../../src/main/core/llm/togetherTrainer';
import type { TrainerSnapshot, TrainerStart, TrainingHyperparameters } from '../../src/main/core/llm/trainer';
import type { Provider } from '../../src/shared/domain/provider';
import { presetById } from '../../src/shared/domain/providerPresets';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';

const KEY = 'together-test-key';
const BASE_MODEL = 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference';
const STEP_MS = 25;
const fake = fakeOpenAIForSuite({ apiKey: KEY, fineTuneStepMs: STEP_MS, models: [BASE_MODEL, 'text-embedding-3-small'] });

let dir: string;
let trainFile: string;
let validFile: string;

function example(i: number): string {
  return JSON.stringify({
    messages: [
      { role: 'system', content: 'You are a calm CBT therapist.' },
      { role: 'user', content: `Session ${i}: I keep thinking everyone at work is judging me.` },
      { role: 'assistant', content: `Let us look at the evidence for that thought together, one meeting at a time (${i}).` },
    ],
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hds-together-'));
  trainFile = join(dir, 'train.jsonl');
  validFile = join(dir, 'valid.jsonl');
  writeFileSync(trainFile, Array.from({ length: 12 }, (_, i) => example(i)).join('\n') + '\n');
  writeFileSync(validFile, Array.from({ length: 10 }, (_, i) => example(100 + i)).join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function provider(): Provider {
  const preset = presetById('together');
  return {
    id: 'prov-together',
    name: preset.label,
    preset: 'together',
    baseUrl: fake.url,
    apiKeyEnv: preset.apiKeyEnv,
    concurrency: preset.concurrency,
    timeoutMs: 5_000,
    maxRetries: 0,
    capabilities: preset.capabilities,
    createdAt: 0,
    updatedAt: 0,
  };
}

// The client comes from the SDK as the gateway loads it, so its errors are the classes classifyError knows.
const trainer = (key = KEY) =>
  new TogetherTrainer(
    async (p) => new (await openAiSdk()).default({ apiKey: key, baseURL: p.baseUrl, maxRetries: p.maxRetries, timeout: p.timeoutMs }),
  );
const hyper = (h: Partial<TrainingHyperparameters> = {}): TrainingHyperparameters => ({
  epochs: 3,
  batchSize: 2,
  learningRateMultiplier: null,
  seed: 7,
  ...h,
});

function startInput(over: Partial<TrainerStart> = {}): TrainerStart {
  return {
    provider: provider(),
    baseModel: BASE_MODEL,
    suffix: 'cbt-v1',
    hyperparameters: hyper(),
    trainFile,
    validationFile: validFile,
    clientToken: 'run-together-test',
    signal: new AbortController().signal,
    ...over,
  };
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** Polls as the monitor does, passing on the last event id seen, until the job ends or `stop` says so. */
async function pollUntil(
  t: TogetherTrainer,
  jobId: string,
  stop: (s: TrainerSnapshot) => boolean,
  timeoutMs = 8_000,
): Promise<TrainerSnapshot[]> {
  const snapshots: TrainerSnapshot[] = [];
  let since: string | null = null;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snap = await t.poll(provider(), jobId, since, new AbortController().signal);
    snapshots.push(snap);
    since = snap.events.at(-1)?.id ?? since;
    if (stop(snap)) return snapshots;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${snap.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('TogetherTrainer against the fake Together API', () => {
  it('uploads both files, trains a LoRA job to success, and reports events once, losses, checkpoints and the output model', async () => {
    const t = trainer();
    const jobId = await t.start(startInput());
    expect(jobId).toMatch(/^ft-[0-9a-f-]{36}$/);

    const uploads = fake.requests.filter((r) => r.path === '/v1/files/upload');
    expect(uploads.map((r) => (r.body as { fields: Record<string, string> }).fields)).toEqual([
      { purpose: 'fine-tune', file_name: 'hds-run-run-together-test.train.jsonl', file_type: 'jsonl' },
      { purpose: 'fine-tune', file_name: 'hds-run-run-together-test.valid.jsonl', file_type: 'jsonl' },
    ]);
    const create = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/fine-tunes');
    expect(create?.body).toMatchObject({
      model: BASE_MODEL,
      n_epochs: 3,
      batch_size: 2,
      random_seed: 7,
      suffix: 'cbt-v1',
      training_type: { type: 'Lora', lora_r: 8, lora_alpha: 16 },
      validation_file: expect.stringMatching(/^file-/),
      n_evals: expect.any(Number),
    });
    expect((create?.body as { n_evals: number }).n_evals).toBeGreaterThan(0);
    expect(create?.body).not.toHaveProperty('learning_rate');

    const snapshots = await pollUntil(t, jobId, (s) => TERMINAL.has(s.status));
    const statuses = snapshots.map((s) => s.status);
    expect(statuses.at(-1)).toBe('succeeded');
    expect(statuses).toContain('running');
    // Never back to an earlier state.
    const order = ['queued', 'running', 'succeeded'];
    const ranks = statuses.map((s) => order.indexOf(s));
    expect(ranks.every((r) => r >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    // Each event exactly once across polls, in the order of a full read.
    const seen = snapshots.flatMap((s) => s.events);
    const all = (await t.poll(provider(), jobId, null, new AbortController().signal)).events;
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(seen.map((e) => e.message)).toContain('Fine tune request created');
    expect(all.at(-1)?.message).toMatch(/^Job finished/);
    const afterLast = await t.poll(provider(), jobId, all.at(-1)!.id, new AbortController().signal);
    expect(afterLast.events).toEqual([]);
    expect(afterLast.metrics).toEqual([]);

    // Losses per step: training on epoch ends and evaluations, evaluation loss with the validation file.
    const metrics = snapshots.flatMap((s) => s.metrics);
    const steps = metrics.map((m) => m.step);
    expect(metrics.length).toBeGreaterThanOrEqual(3);
    expect(steps).toEqual([...new Set(steps)].sort((a, b) => a - b));
    expect(metrics.every((m) => typeof m.trainLoss === 'number' && m.trainLoss > 0)).toBe(true);
    expect(metrics.some((m) => typeof m.validLoss === 'number')).toBe(true);

    const last = snapshots.at(-1)!;
    expect(last.checkpoints.length).toBeGreaterThanOrEqual(2);
    expect(last.checkpoints.map((c) => c.step)).toEqual([...last.checkpoints.map((c) => c.step)].sort((a, b) => a - b));
    expect(last.checkpoints[0]?.id).toBe(`${jobId}:${last.checkpoints[0]?.step}`);
    expect(last.trainedTokens).toBeGreaterThan(0);
    expect(last.error).toBeNull();

    // The output model is the one Together names, and it answers afterwards.
    const raw = await fetch(`${fake.url}/fine-tunes/${jobId}`, { headers: { authorization: `Bearer ${KEY}` } }).then(
      (r) => r.json() as Promise<{ model_output_name: string }>,
    );
    expect(last.fineTunedModel).toBe(raw.model_output_name);
    expect(last.fineTunedModel).toMatch(/^fakeorg\/Meta-Llama-3\.1-8B-Instruct-Reference-cbt-v1-[0-9a-f]{8}$/);
    expect(snapshots.slice(0, -1).every((s) => s.fineTunedModel === null)).toBe(true);
    const client = new OpenAI({ apiKey: KEY, baseURL: fake.url, maxRetries: 0 });
    const models = (await client.models.list()).data.map((m) => m.id);
    expect(models).toContain(last.fineTunedModel);
    expect(models.some((m) => m.startsWith('ft:'))).toBe(false);
    const chat = await client.chat.completions.create({ model: last.fineTunedModel!, messages: [{ role: 'user', content: 'Hello' }] });
    expect(chat.choices[0]?.message.content).toBeTruthy();
  });

  it('cancels a running job, which then ends as cancelled', async () => {
    const t = trainer();
    const jobId = await t.start(startInput({ validationFile: null, suffix: null, hyperparameters: hyper({ epochs: 8, batchSize: 2 }) }));
    const running = await pollUntil(t, jobId, (s) => s.status === 'running' || TERMINAL.has(s.status));
    expect(running.at(-1)?.status).toBe('running');

    await t.cancel(provider(), jobId);
    const after = await pollUntil(t, jobId, (s) => TERMINAL.has(s.status) && s.events.some((e) => /cancelled/i.test(e.message)));
    expect(after.at(-1)?.status).toBe('cancelled');
    expect(after.at(-1)?.fineTunedModel).toBeNull();
    // Cancelling again is not an error.
    await expect(t.cancel(provider(), jobId)).resolves.toBeUndefined();
  });

  it('ends as failed with the job_error message when Together rejects the data', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"messages": [{"role": "user", "content": "hi"}]}\nnot json\n');
    const t = trainer();
    const jobId = await t.start(startInput({ trainFile: bad, validationFile: null }));
    const last = (await pollUntil(t, jobId, (s) => TERMINAL.has(s.status))).at(-1)!;
    expect(last.status).toBe('failed');
    expect(last.error).toMatch(/Line 2 is not valid JSON/);
    expect(last.fineTunedModel).toBeNull();
  });

  it('says clearly when the base model cannot be fine-tuned, with Together’s message', async () => {
    const err = await trainer()
      .start(startInput({ baseModel: 'acme/no-such-model' }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderCallError);
    expect((err as ProviderCallError).errorClass).toBe('bad_request');
    expect((err as ProviderCallError).message).toContain('acme/no-such-model is not supported for fine-tuning');
  });

  it('says the key is wrong on a 401', async () => {
    const err = await trainer('wrong-key')
      .start(startInput())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderCallError);
    expect((err as ProviderCallError).errorClass).toBe('auth');
    expect((err as ProviderCallError).message).toMatch(/refused the key/);
  });

  it('reaches the Together routes through the fine_tuning fault hook', async () => {
    const t = trainer();
    const jobId = await t.start(startInput({ validationFile: null }));
    fake.addFault({ route: 'fine_tuning', kind: 'status503', times: 1 });
    const err = await t.poll(provider(), jobId, null, new AbortController().signal).catch((e: unknown) => e);
    expect((err as ProviderCallError).errorClass).toBe('server_error');
    await expect(t.poll(provider(), jobId, null, new AbortController().signal)).resolves.toMatchObject({ error: null });
  });

  it('finds the job a start created by the token in its training file name, and no job for files alone or another token', async () => {
    const t = trainer();
    const signal = new AbortController().signal;
    expect(await t.findStarted(provider(), 'run-find-a', signal)).toBeNull();
    const jobId = await t.start(startInput({ clientToken: 'run-find-a' }));
    const other = await t.start(startInput({ clientToken: 'run-find-b' }));
    expect(await t.findStarted(provider(), 'run-find-a', signal)).toBe(jobId);
    expect(await t.findStarted(provider(), 'run-find-b', signal)).toBe(other);
    // A token that is a prefix of another finds nothing of the other's.
    expect(await t.findStarted(provider(), 'run-find', signal)).toBeNull();
    // Files uploaded for a start that stopped before its create: nothing was created, so nothing is found.
    const client = new (await openAiSdk()).default({ apiKey: KEY, baseURL: fake.url });
    const form = new FormData();
    form.append('purpose', 'fine-tune');
    form.append('file_name', 'hds-run-run-find-c.train.jsonl');
    form.append('file', new Blob([example(1)]), 'hds-run-run-find-c.train.jsonl');
    await client.post('/files/upload', { body: form });
    expect(await t.findStarted(provider(), 'run-find-c', signal)).toBeNull();
  });
});

describe('reading Together events', () => {
  it('finds losses and steps in fields or in the message', () => {
    expect(metricFromEvent({ message: 'Epoch completed, at step 24. Training loss: 1.25' })).toEqual({
      step: 24,
      trainLoss: 1.25,
      validLoss: null,
    });
    expect(metricFromEvent({ step: 6, message: 'Evaluation completed. train_loss=0.5, eval_loss=6e-1' })).toEqual({
      step: 6,
      trainLoss: 0.5,
      validLoss: 0.6,
    });
    expect(metricFromEvent({ step: 3, message: 'x', loss: 2, eval_loss: 3 })).toEqual({ step: 3, trainLoss: 2, validLoss: 3 });
    expect(metricFromEvent({ message: 'Epoch completed, at step 24' })).toBeNull();
    expect(metricFromEvent({ message: 'Training loss: 1.2' })).toBeNull();
  });

  it('gives events stable ids from place and content', () => {
    const e = { created_at: '2026-11-02T10:00:00Z', type: 'job_start', message: 'Job started' };
    expect(togetherEventId(e, 3)).toBe(togetherEventId({ ...e }, 3));
    expect(togetherEventId(e, 3)).not.toBe(togetherEventId({ ...e, message: 'Job started again' }, 3));
    expect(togetherEventId(e, 3)).toMatch(/^3-[0-9a-f]{8}$/);
  });
});
