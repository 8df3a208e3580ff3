import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDatasetSpec, type DatasetSpec } from '../../src/shared/api/datasets';
import { validateChatJsonl } from '../../src/main/core/datasets/formatChecks';
import { countMessageTokens } from '../../src/main/core/imports/tokens';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { evalRunSpec } from '../support/evaluationRun';
import { addFakeProvider, settledJob, startTestBackend, waitFor, type TestBackend } from '../support/testBackend';

const KEY = 'sk-datasets-test-0123456789';
const ESCONV = resolve(__dirname, '../../../shared/data/esconv/FailedESConv.json');
const fake = fakeOpenAIForSuite({ apiKey: KEY, fineTuneStepMs: 15 });
/** Slow enough that a restart or a cancel lands while the training runs. */
const slowFake = fakeOpenAIForSuite({ apiKey: KEY, fineTuneStepMs: 150 });
let t: TestBackend;
let providerId: string;

const sessionReply = JSON.stringify({
  turns: [
    { role: 'user', text: 'I keep thinking my classmates find me boring.' },
    { role: 'assistant', text: 'What tells you that they do?' },
    { role: 'user', text: 'They went quiet when I spoke.' },
    { role: 'assistant', text: 'What else could the silence mean?' },
  ],
  techniques: ['Socratic questioning'],
});
const scenarioReply = (label: string) =>
  JSON.stringify({
    summary: 'Exam worries.',
    cognitive_distortions: [label],
    scenario: 'Sam fears failing.',
    cognitiveModel: {
      situation: 'A mock exam.',
      automaticThought: 'I will fail.',
      emotion: 'Anxious 70',
      behaviour: 'Avoids revision.',
      coreBelief: 'I am incompetent',
      intermediateBeliefs: null,
      copingStrategies: null,
      relevantHistory: null,
    },
  });

/** 196 real ESConv dialogues and `synthetic` generated sessions, all approved. */
async function library(synthetic: number) {
  const imported = await t.api.imports.start({ paths: [ESCONV] });
  await settledJob(t, imported.id);
  await t.api.personas
    .generate({ providerId, model: 'gpt-4o-mini', count: synthetic, distortions: ['mind-reading', 'catastrophizing'], styles: ['plain'] })
    .then((j) => settledJob(t, j.id));
  await t.api.prompts.save({
    name: 'scenario',
    template: `{{persona}} {{theme}} {{distortionList}} {{coreBeliefs}} [[fake:reply=${scenarioReply('Mind Reading')}]]`,
  });
  await settledJob(t, (await t.api.scenarios.generate({ providerId, model: 'gpt-4o-mini' })).id);
  const template = (await t.api.prompts.list()).find((p) => p.name === 'session' && p.current)!.template;
  await t.api.prompts.save({ name: 'session', template: `${template}\n[[fake:reply=${sessionReply}]]` });
  await settledJob(
    t,
    (await t.api.sessions.generate({ providerId, model: 'gpt-4o-mini', mode: 'single', lengths: { short: 1, medium: 0, long: 0 } })).id,
  );
  const ids = await t.api.sessions.ids({});
  await t.api.sessions.bulkUpdate({ ids, status: 'approved' });
}

async function addSlowProvider(): Promise<string> {
  const p = await t.api.providers.add({ name: 'Slow trainer', preset: 'openai', baseUrl: slowFake.url });
  await t.api.providers.setKey({ id: p.id, key: KEY });
  return p.id;
}

const spec = (over: Partial<DatasetSpec>): DatasetSpec => ({ ...defaultDatasetSpec, ...over });

beforeEach(async () => {
  t = await startTestBackend({ env: { HDS_TRAINING_POLL_MS: '20' } });
  await t.api.projects.create({ name: 'Datasets' });
  providerId = await addFakeProvider(t, fake.url, KEY, 8);
  await library(12);
}, 60_000);
afterEach(async () => {
  await t.cleanup();
});

describe('datasets', () => {
  it('mixes real and synthetic sessions at the chosen ratio, seeded, with a stratified validation split', async () => {
    const preview = await t.api.datasets.preview({ spec: spec({ mix: 'hybrid', syntheticShare: 0.5, total: 20, validationShare: 0.2 }) });
    expect(preview.pool).toEqual({ real: 196, synthetic: 12 });
    expect(preview.stats).toMatchObject({ examples: 20, train: 16, validation: 4, bySource: { real: 10, synthetic: 10 } });
    expect(preview.stats.labels.map((l) => l.label)).toEqual(expect.arrayContaining(['mind-reading']));
    expect(preview.stats.turnsHistogram.counts.reduce((a, b) => a + b, 0)).toBe(20);

    const realOnly = await t.api.datasets.preview({ spec: spec({ mix: 'real-only', total: null }) });
    expect(realOnly.stats.bySource).toEqual({ real: 196, synthetic: 0 });

    const short = await t.api.datasets.preview({ spec: spec({ mix: 'hybrid', syntheticShare: 0.5, total: 100 }) });
    expect(short.stats.examples).toBe(24); // 12 synthetic allow 24 at 50%
    expect(short.stats.shortfall).toMatch(/enough for 24/);
  });

  it('builds a dataset the same size as another and warns when datasets of different mixes differ by more than 20%', async () => {
    const real = await t.api.datasets.create({ name: 'Real only', spec: spec({ mix: 'real-only', total: 40 }) });
    // Nothing to match before the other dataset is frozen.
    await expect(
      t.api.datasets.preview({ spec: spec({ mix: 'hybrid', syntheticShare: 0.25, sameSizeAs: real.id }) }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/"Real only" has no frozen version yet/) });
    const realV1 = await t.api.datasets.freeze({ id: real.id });
    expect(realV1.examples).toBe(40);

    // Unmatched, the hybrid takes all the filters let in at a 50% share: 12 synthetic + 12 real, 40% fewer.
    const unmatched = await t.api.datasets.preview({ spec: spec({ mix: 'hybrid', syntheticShare: 0.5 }) });
    expect(unmatched.stats.examples).toBe(24);
    expect(unmatched.sizeWarning).toMatch(/differ by 40%: This dataset has 24 examples, "Real only" v1 40/);

    const matchedSpec = spec({ mix: 'hybrid', syntheticShare: 0.25, sameSizeAs: real.id });
    const matched = await t.api.datasets.preview({ spec: matchedSpec });
    expect(matched.matched).toEqual({ datasetId: real.id, name: 'Real only', version: 1, examples: 40 });
    expect(matched.stats).toMatchObject({ examples: 40, bySource: { real: 30, synthetic: 10 } });
    expect(matched.sizeWarning).toBeNull();
    const hybrid = await t.api.datasets.create({ name: 'Hybrid matched', spec: matchedSpec });
    const frozen = await t.api.datasets.freeze({ id: hybrid.id });
    expect(frozen).toMatchObject({ examples: 40, spec: { total: 40, sameSizeAs: real.id } });
    await expect(
      t.api.datasets
        .update({ id: hybrid.id, spec: { ...matchedSpec, sameSizeAs: hybrid.id } })
        .then(() => t.api.datasets.freeze({ id: hybrid.id })),
    ).rejects.toMatchObject({ message: expect.stringMatching(/cannot match its own size/) });
  });

  it('shows every arm’s training set (size, version, hash, training run) in the run and the report, and warns when sizes differ', async () => {
    const real = await t.api.datasets.create({ name: 'Real only', spec: spec({ mix: 'real-only', total: 40, validationShare: 0 }) });
    const realV = await t.api.datasets.freeze({ id: real.id });
    const hybrid = await t.api.datasets.create({
      name: 'Hybrid',
      spec: spec({ mix: 'hybrid', syntheticShare: 0.5, total: 10, validationShare: 0 }),
    });
    const hybridV = await t.api.datasets.freeze({ id: hybrid.id });
    await t.api.models.register({ providerId, modelId: 'gpt-4o-mini', lineage: { trainingRunId: 'run-real', datasetVersionId: realV.id } });
    await t.api.models.register({ providerId, modelId: 'gpt-4o', lineage: { trainingRunId: 'run-hybrid', datasetVersionId: hybridV.id } });
    const set = await t.api.evalSets.create({ name: 'Two' });
    const scenario = (title: string) => ({
      title,
      intake: `${title}: worried.`,
      style: 'plain',
      riskLevel: 'none',
      cognitiveModel: {
        situation: 'A test.',
        automaticThought: 'I will fail.',
        emotion: 'Fear 60',
        behaviour: 'Avoids.',
        coreBelief: 'I am incompetent',
        distortions: ['catastrophizing'],
      },
    });
    await t.api.evalSets.import({ setId: set.id, format: 'json', content: JSON.stringify([scenario('One'), scenario('Two')]) });
    const version = await t.api.evalSets.freeze({ setId: set.id });
    const run = await t.api.evalRuns.start({
      spec: evalRunSpec(providerId, {
        name: 'Sizes',
        setVersionId: version.id,
        arms: [
          { label: 'Real-only', providerId, model: 'gpt-4o-mini', systemPrompt: null, temperature: null },
          { label: 'Hybrid', providerId, model: 'gpt-4o', systemPrompt: null, temperature: null },
        ],
      }),
    });
    expect(run.arms).toMatchObject([
      {
        label: 'Real-only',
        model: 'gpt-4o-mini',
        providerName: 'Fake',
        trainingRunId: 'run-real',
        dataset: { name: 'Real only', version: 1, hash: realV.contentHash, trainingExamples: 40, examples: 40 },
      },
      {
        label: 'Hybrid',
        model: 'gpt-4o',
        providerName: 'Fake',
        trainingRunId: 'run-hybrid',
        dataset: { name: 'Hybrid', version: 1, hash: hybridV.contentHash, trainingExamples: 10, examples: 10 },
      },
    ]);
    expect(run.sizeWarning).toMatch(/Training-set sizes differ by 75%: Hybrid has 10 examples, Real-only 40/);
    await waitFor(async () => (['done', 'failed'].includes((await t.api.evalRuns.get({ id: run.id })).status) ? true : null), 60_000);
    const files = await t.api.evalRuns.report({ id: run.id, outDir: mkdtempSync(join(tmpdir(), 'sizes-')) });
    const html = readFileSync(files.html, 'utf8');
    const models = /<table id="models-table">[\s\S]*?<\/table>/.exec(html)![0];
    expect(models).toContain(`Real only v1 <span class="hash">${realV.contentHash.slice(0, 12)}</span></td><td class="n">40</td>`);
    expect(models).toContain(`Hybrid v1 <span class="hash">${hybridV.contentHash.slice(0, 12)}</span></td><td class="n">10</td>`);
    expect(/<section id="summary">[\s\S]*?<\/section>/.exec(html)![0]).toContain('Training-set sizes differ by 75%');
  });

  it('keeps answering other calls while it freezes', async () => {
    const d = await t.api.datasets.create({ name: 'Big', spec: spec({ mix: 'real-only', total: null }) });
    // Timers only run when the backend hands the event loop back; one that never ran would mean a frozen backend.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const version = await t.api.datasets.freeze({ id: d.id });
    clearInterval(timer);
    expect(version.examples).toBe(196);
    expect(ticks).toBeGreaterThan(0);
  });

  it('gives the same examples for the same seed and others for another seed', async () => {
    const a = await t.api.datasets.create({ name: 'A', spec: spec({ mix: 'real-only', total: 30, seed: 7 }) });
    const b = await t.api.datasets.create({ name: 'B', spec: spec({ mix: 'real-only', total: 30, seed: 7 }) });
    const c = await t.api.datasets.create({ name: 'C', spec: spec({ mix: 'real-only', total: 30, seed: 8 }) });
    const [va, vb, vc] = [
      await t.api.datasets.freeze({ id: a.id }),
      await t.api.datasets.freeze({ id: b.id }),
      await t.api.datasets.freeze({ id: c.id }),
    ];
    expect(va.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(vb.contentHash).toBe(va.contentHash);
    expect(vc.contentHash).not.toBe(va.contentHash);
    await expect(t.api.datasets.create({ name: 'a', spec: spec({}) })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('freezes an immutable version: a later edit changes the next version only, and the diff says so', async () => {
    const d = await t.api.datasets.create({ name: 'Hybrid', spec: spec({ mix: 'hybrid', syntheticShare: 0.5, total: 20, seed: 3 }) });
    const v1 = await t.api.datasets.freeze({ id: d.id, note: 'first' });
    expect(v1).toMatchObject({ version: 1, examples: 20, real: 10, synthetic: 10, note: 'first' });
    const dir = mkdtempSync(join(tmpdir(), 'hds-diff-'));
    const before = await exportText(v1.id, dir);

    const { rows, total } = await t.api.datasets.examples({ versionId: v1.id, split: 'train', limit: 5 });
    expect(total).toBe(18);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
    const target = rows[0]!.sessionId;
    const session = await t.api.sessions.get({ id: target });
    await t.api.sessions.update({
      id: target,
      turns: session.turns.map((turn, i) => (i === 0 ? { ...turn, text: `${turn.text} (edited)` } : turn)),
    });

    expect(await exportText(v1.id, mkdtempSync(join(tmpdir(), 'hds-diff-')))).toBe(before);
    const v2 = await t.api.datasets.freeze({ id: d.id });
    expect(v2.version).toBe(2);
    const diff = await t.api.datasets.diff({ fromVersionId: v1.id, toVersionId: v2.id });
    expect(v2.contentHash).not.toBe(v1.contentHash);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([{ sessionId: target, title: session.title, what: 'content edited' }]);
    expect(diff.unchanged).toBe(19);
  });

  it('validates a version per example and prices its training', async () => {
    const d = await t.api.datasets.create({ name: 'Real', spec: spec({ mix: 'real-only', total: 40, validationShare: 0.1 }) });
    const v = await t.api.datasets.freeze({ id: d.id });
    const report = await t.api.datasets.validate({ versionId: v.id, model: 'gpt-4o-mini-2024-07-18', epochs: 3 });
    expect(report).toMatchObject({ examples: 40, ok: true, errors: 0, tokenLimit: 65_536 });
    expect(report.trainingCost!.costUsd).toBeCloseTo((report.trainingCost!.tokens / 1e6) * 3, 10);
    const trainTokens = report.trainingCost!.tokens / 3;
    expect(Number.isInteger(trainTokens)).toBe(true);
    expect(trainTokens).toBeGreaterThan(0.8 * v.tokens);
    expect(trainTokens).toBeLessThan(v.tokens); // the validation split is not trained on

    const tiny = await t.api.datasets.create({ name: 'Tiny', spec: spec({ mix: 'synthetic-only', total: 5, validationShare: 0 }) });
    const tv = await t.api.datasets.freeze({ id: tiny.id });
    const bad = await t.api.datasets.validate({ versionId: tv.id });
    expect(bad.ok).toBe(false);
    expect(bad.issues[0]).toMatchObject({ example: 0, code: 'too_few_examples', severity: 'error' });
    await expect(
      t.api.training.start({ versionId: tv.id, trainer: 'openai', providerId, baseModel: 'gpt-4o-mini-2024-07-18' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/format checks.*at least 10/) });
  });

  it('exports each format through a job; the OpenAI files pass the format checks', async () => {
    const d = await t.api.datasets.create({
      name: 'Export me',
      spec: spec({
        mix: 'hybrid',
        syntheticShare: 0.25,
        total: 40,
        validationShare: 0.25,
        systemPrompt: 'You are a warm, careful CBT counselor.',
      }),
    });
    const v = await t.api.datasets.freeze({ id: d.id });
    const dir = mkdtempSync(join(tmpdir(), 'hds-export-'));
    for (const format of ['openai-jsonl', 'sharegpt', 'hf-chat', 'turns-csv', 'bundle'] as const) {
      const job = await t.api.datasets.export({ versionId: v.id, format, outDir: dir });
      expect(await settledJob(t, job.id), format).toMatchObject({ status: 'succeeded', done: 1 });
    }
    expect(readdirSync(dir).sort()).toEqual([
      'export-me-v1-hf-dataset',
      'export-me-v1-openai-jsonl',
      'export-me-v1-sharegpt.json',
      'export-me-v1-training-bundle',
      'export-me-v1-turns.csv',
    ]);
    const train = await validateChatJsonl(join(dir, 'export-me-v1-openai-jsonl', 'train.jsonl'));
    const validation = await validateChatJsonl(join(dir, 'export-me-v1-openai-jsonl', 'validation.jsonl'));
    expect(train).toMatchObject({ ok: true, examples: 30, errorCount: 0 });
    expect(validation).toMatchObject({ examples: 10, errorCount: 0 });
    expect(readFileSync(join(dir, 'export-me-v1-training-bundle', 'README.md'), 'utf8')).toContain(v.contentHash);
    // The version's token count (kept from the library's counts) is what OpenAI would count in the files.
    const lines = ['train.jsonl', 'validation.jsonl'].flatMap((f) =>
      readFileSync(join(dir, 'export-me-v1-openai-jsonl', f), 'utf8')
        .trim()
        .split('\n'),
    );
    const counted = lines.reduce(
      (sum, l) =>
        sum + countMessageTokens((JSON.parse(l) as { messages: { content: string }[] }).messages.map((m) => ({ text: m.content }))),
      0,
    );
    expect(v.tokens).toBe(counted);
    expect(lines.every((l) => (JSON.parse(l) as { messages: { role: string }[] }).messages[0]!.role === 'system')).toBe(true);
    // A second export of the same format never overwrites the first.
    const again = await t.api.datasets.export({ versionId: v.id, format: 'sharegpt', outDir: dir });
    await settledJob(t, again.id);
    expect(readdirSync(dir)).toContain('export-me-v1-sharegpt (2).json');
    await expect(t.api.datasets.export({ versionId: v.id, format: 'sharegpt', outDir: join(dir, 'missing') })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: `The folder ${join(dir, 'missing')} does not exist. Create it first (mkdir -p "${join(dir, 'missing')}") or choose another folder.`,
    });
  });
});

describe('fine-tuning', () => {
  async function frozen(name: string, mix: DatasetSpec['mix']) {
    const d = await t.api.datasets.create({ name, spec: spec({ mix, syntheticShare: 0.5, total: 24, validationShare: 0.2 }) });
    return t.api.datasets.freeze({ id: d.id });
  }

  it('trains on a frozen version until the model lands in the registry with its lineage and loss curve', async () => {
    const v = await frozen('Hybrid 50', 'hybrid');
    const run = await t.api.training.start({
      versionId: v.id,
      trainer: 'openai',
      providerId,
      baseModel: 'gpt-4o-mini-2024-07-18',
      suffix: 'hybrid',
      epochs: 2,
      seed: 5,
    });
    expect(run).toMatchObject({ status: 'preparing', datasetName: 'Hybrid 50', datasetVersion: 1 });
    expect(await settledJob(t, run.jobId!)).toMatchObject({ status: 'succeeded' });
    const done = await t.api.training.get({ id: run.id });
    expect(done.status).toBe('succeeded');
    expect(done.fineTunedModel).toMatch(/^ft:gpt-4o-mini-2024-07-18:.*:hybrid:/);
    expect(done.metrics.length).toBeGreaterThan(2);
    expect(done.metrics.map((m) => m.step)).toEqual([...done.metrics.map((m) => m.step)].sort((a, b) => a - b));
    expect(done.metrics.every((m) => typeof m.trainLoss === 'number')).toBe(true);
    expect(done.metrics.some((m) => typeof m.validLoss === 'number')).toBe(true);
    expect(done.events.some((e) => /successfully completed/.test(e.message))).toBe(true);
    expect(done.trainedTokens).toBeGreaterThan(0);
    expect(done.costUsd).toBeCloseTo((done.trainedTokens! / 1e6) * 3, 10);
    const models = await t.api.models.list({ providerId });
    const entry = models.find((m) => m.modelId === done.fineTunedModel)!;
    expect(entry).toMatchObject({
      kind: 'fine-tuned',
      lineage: { datasetVersionId: v.id, datasetHash: v.contentHash, trainingRunId: run.id, baseModel: 'gpt-4o-mini-2024-07-18' },
    });
    const upload = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs');
    expect(upload).toBeDefined();
  });

  it('says plainly when OpenAI no longer accepts fine-tuning jobs for the account, and offers the other routes', async () => {
    const v = await frozen('Refused', 'real-only');
    const run = await t.api.training.start({
      versionId: v.id,
      trainer: 'openai',
      providerId,
      baseModel: 'gpt-4o-mini-2024-07-18',
      suffix: 'refuse',
    });
    expect(await settledJob(t, run.jobId!)).toMatchObject({ status: 'failed' });
    const failed = await t.api.training.get({ id: run.id });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/OpenAI no longer accepts new fine-tuning jobs for this account/);
    expect(failed.error).toMatch(/training bundle/);
    expect(failed.error).toMatch(/Together AI/);
  });

  it('refuses an alias where OpenAI needs a dated snapshot, and a provider that cannot train', async () => {
    const v = await frozen('Alias', 'real-only');
    await expect(t.api.training.start({ versionId: v.id, trainer: 'openai', providerId, baseModel: 'gpt-4o-mini' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/gpt-4o-mini-2024-07-18/),
    });
    const local = await t.api.providers.add({ name: 'Local', preset: 'ollama', baseUrl: fake.url });
    await expect(
      t.api.training.start({ versionId: v.id, trainer: 'openai', providerId: local.id, baseModel: 'llama3' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/does not fine-tune/) });
  });

  it('resumes polling from the stored job id after a restart, without starting a second job', async () => {
    const v = await frozen('Restart', 'hybrid');
    const slowId = await addSlowProvider();
    const run = await t.api.training.start({ versionId: v.id, trainer: 'openai', providerId: slowId, baseModel: 'gpt-4o-mini-2024-07-18' });
    await waitFor(async () => (await t.api.training.get({ id: run.id })).providerJobId);
    expect((await t.api.training.get({ id: run.id })).status).not.toBe('succeeded');
    const file = (await t.api.projects.current())!.file;
    await t.restart();
    await t.api.projects.open({ file });
    const done = await waitFor(async () => {
      const r = await t.api.training.get({ id: run.id });
      return r.status === 'succeeded' ? r : null;
    }, 30_000);
    expect(done.fineTunedModel).toBeTruthy();
    expect(done.events.filter((e) => /successfully completed/.test(e.message))).toHaveLength(1);
    expect(slowFake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs')).toHaveLength(1);
  });

  it('cancels at the provider too', async () => {
    const v = await frozen('Cancel', 'real-only');
    const run = await t.api.training.start({
      versionId: v.id,
      trainer: 'openai',
      providerId: await addSlowProvider(),
      baseModel: 'gpt-4o-mini-2024-07-18',
    });
    await waitFor(async () => (await t.api.training.get({ id: run.id })).providerJobId);
    const cancelled = await t.api.training.cancel({ id: run.id });
    expect(cancelled.status).toBe('cancelled');
    expect(slowFake.requests.some((r) => r.method === 'POST' && /\/v1\/fine_tuning\/jobs\/.*\/cancel$/.test(r.path))).toBe(true);
    expect((await t.api.jobs.get({ id: run.jobId! })).status).toBe('cancelled');
  });
});

async function exportText(versionId: string, dir: string): Promise<string> {
  const job = await t.api.datasets.export({ versionId, format: 'openai-jsonl', outDir: dir });
  await settledJob(t, job.id);
  const folder = readdirSync(dir).find((f) => f.endsWith('openai-jsonl'))!;
  return readFileSync(join(dir, folder, 'train.jsonl'), 'utf8');
}
