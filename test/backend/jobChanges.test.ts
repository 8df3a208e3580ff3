import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resultOnly, type JobHandler } from '../../src/main/core/jobs/jobHandler';
import { defaultDatasetSpec } from '../../src/shared/api/datasets';
import type { DataEntity } from '../../src/shared/api/events';
import type { JobSummary } from '../../src/shared/domain/job';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { evalRunSpec } from '../support/evaluationRun';
import { addFakeProvider, settledJob, startTestBackend, waitFor, type TestBackend } from '../support/testBackend';

/**
 * Every job kind announces what its stored items change through `data.changed`, from the runner, before
 * its final `job.updated`: screens refresh by area and never need to know job kinds.
 */
const KEY = 'sk-job-changes-test-0123456789';
const fake = fakeOpenAIForSuite({ apiKey: KEY, fineTuneStepMs: 15 });
const TRANSCRIPT = resolve(__dirname, '../fixtures/transcripts/chat.jsonl');
/** Enough dialogues for a dataset a fine-tune accepts. */
const ESCONV = resolve(__dirname, '../../../shared/data/esconv/FailedESConv.json');
let t: TestBackend;
let providerId: string;

beforeEach(async () => {
  t = await startTestBackend({ env: { HDS_TRAINING_POLL_MS: '20' } });
  await t.api.projects.create({ name: 'Changes' });
  providerId = await addFakeProvider(t, fake.url, KEY, 8);
});
afterEach(async () => {
  await t.cleanup();
});

const finalStatus = (s: JobSummary['status']) => s !== 'running' && s !== 'queued';

/**
 * The areas `data.changed` named while a job ran: from its creation (or the call that started it, which
 * may announce things of its own) to its final `job.updated`, so what follows the job is not counted.
 */
async function announcedWhileRunning(jobId: string, calledAt = 0): Promise<Set<DataEntity>> {
  await settledJob(t, jobId, 60_000);
  const index = (test: (e: TestBackend['events'][number]) => boolean) => t.events.findIndex(test);
  const created = index((e) => e.name === 'job.updated' && e.payload.id === jobId);
  const ended = await waitFor(() => {
    const i = index((e) => e.name === 'job.updated' && e.payload.id === jobId && finalStatus(e.payload.status));
    return i >= 0 && { i };
  });
  return new Set(
    t.events.slice(Math.max(created, calledAt), ended.i).flatMap((e) => (e.name === 'data.changed' ? [e.payload.entity] : [])),
  );
}

/** The areas announced just before a job's final `job.updated`: what a job says as it stops. */
function announcedAtStop(jobId: string): DataEntity[] {
  const ended = t.events.findIndex((e) => e.name === 'job.updated' && e.payload.id === jobId && finalStatus(e.payload.status));
  const before: DataEntity[] = [];
  for (let i = ended - 1; i >= 0; i--) {
    const e = t.events[i]!;
    if (e.name !== 'data.changed' || e.payload.entity === 'calls') break;
    before.unshift(e.payload.entity);
  }
  return before;
}

/** Starts a job and returns the areas announced while it ran. */
async function run(start: () => Promise<{ id: string }>): Promise<{ job: { id: string }; areas: Set<DataEntity> }> {
  const job = await start();
  const calledAt = t.events.length;
  return { job, areas: await announcedWhileRunning(job.id, calledAt) };
}

async function script(name: string, reply: unknown) {
  const current = (await t.api.prompts.list()).find((p) => p.name === name && p.current)!;
  await t.api.prompts.save({ name, template: `${current.template}\n[[fake:reply!=${JSON.stringify(reply)}]]` });
}

const cognitiveModel = {
  situation: 'A mock exam.',
  automaticThought: 'I will fail.',
  emotion: 'Anxious 70',
  behaviour: 'Avoids revision.',
  coreBelief: 'I am incompetent',
};

async function importSessions(path = TRANSCRIPT): Promise<void> {
  const { areas } = await run(() => t.api.imports.start({ paths: [path] }));
  expect(areas).toContain('sessions');
}

describe('jobs announce the areas they change', () => {
  it('an import, persona, scenario and session generation, and a judging run', async () => {
    await importSessions();

    const personas = await run(() =>
      t.api.personas.generate({ count: 3, providerId, model: 'gpt-4o-mini', distortions: ['mind-reading'], styles: ['plain'], seed: 3 }),
    );
    expect(personas.areas).toContain('personas');

    await script('scenario', {
      summary: 'Exam worries.',
      cognitive_distortions: ['Mind Reading'],
      scenario: 'Sam fears failing.',
      cognitiveModel: { ...cognitiveModel, intermediateBeliefs: null, copingStrategies: null, relevantHistory: null },
    });
    const scenarios = await run(() => t.api.scenarios.generate({ providerId, model: 'gpt-4o-mini' }));
    expect(scenarios.areas).toContain('scenarios');

    await script('session', {
      turns: [
        { role: 'user', text: 'I keep thinking my classmates find me boring.' },
        { role: 'assistant', text: 'What tells you that they do?' },
        { role: 'user', text: 'They went quiet when I spoke.' },
        { role: 'assistant', text: 'What else could the silence mean?' },
      ],
      techniques: ['Socratic questioning'],
    });
    const sessions = await run(() =>
      t.api.sessions.generate({ providerId, model: 'gpt-4o-mini', mode: 'single', lengths: { short: 1, medium: 0, long: 0 } }),
    );
    expect(await t.api.jobs.get({ id: sessions.job.id })).toMatchObject({ failed: 0 });
    expect([...sessions.areas]).toEqual(expect.arrayContaining(['sessions', 'scenarios']));
    expect(announcedAtStop(sessions.job.id)).toEqual(['sessions', 'scenarios']);

    await t.api.models.setRoleDefault({ role: 'judge', providerId, modelId: 'gpt-4o' });
    const judged = await run(() => t.api.judge.start({}));
    expect((await t.api.jobs.get({ id: judged.job.id })).done).toBeGreaterThan(0);
    expect(judged.areas).toContain('sessions');
  });

  it('announces often enough to follow, but far less than once per item', async () => {
    const count = 24;
    const job = await t.api.personas.generate({
      count,
      providerId,
      model: 'gpt-4o-mini',
      distortions: ['mind-reading', 'catastrophizing'],
      styles: ['plain'],
      seed: 5,
    });
    await announcedWhileRunning(job.id);
    expect((await t.api.jobs.get({ id: job.id })).done).toBe(count);
    const announced = t.events.filter((e) => e.name === 'data.changed' && e.payload.entity === 'personas');
    expect(announced.length).toBeGreaterThan(0);
    expect(announced.length).toBeLessThan(count / 2);
  });

  it('a job run through the Batch API announces what its answers stored', async () => {
    const batch = await run(() =>
      t.api.personas.generate({ count: 3, providerId, model: 'gpt-4o-mini', distortions: ['labeling'], styles: ['plain'], useBatch: true }),
    );
    expect(await t.api.jobs.get({ id: batch.job.id })).toMatchObject({ status: 'succeeded', done: 3 });
    expect(batch.areas).toContain('personas');
  });

  it('a speed test and an export change nothing but their own result; a fine-tune changes training and models', async () => {
    const speed = await run(() =>
      t.api.providers.startSpeedTest({ providerId, model: 'gpt-4o-mini', calls: 3, concurrency: 2, maxTokens: 16 }),
    );
    expect([...speed.areas].filter((a) => a !== 'calls')).toEqual([]);

    await importSessions(ESCONV);
    await t.api.sessions.bulkUpdate({ ids: await t.api.sessions.ids({}), status: 'approved' });
    const dataset = await t.api.datasets.create({
      name: 'Real',
      spec: { ...defaultDatasetSpec, mix: 'real-only', total: 20, validationShare: 0 },
    });
    const version = await t.api.datasets.freeze({ id: dataset.id });

    const exported = await run(() => t.api.datasets.export({ versionId: version.id, format: 'openai-jsonl' }));
    expect((await t.api.jobs.get({ id: exported.job.id })).status).toBe('succeeded');
    expect([...exported.areas]).toEqual([]);

    const training = await t.api.training.start({
      versionId: version.id,
      trainer: 'openai',
      providerId,
      baseModel: 'gpt-4o-mini-2024-07-18',
    });
    const calledAt = t.events.length;
    const areas = await announcedWhileRunning(training.jobId!, calledAt);
    expect((await t.api.training.get({ id: training.id })).status).toBe('succeeded');
    expect([...areas]).toEqual(expect.arrayContaining(['training', 'models']));
  });

  it('evaluation scenarios, conversations and scoring change the evaluation', async () => {
    const set = await t.api.evalSets.create({ name: 'Generated' });
    await script('evalScenario', { title: 'Exam dread', intake: 'A student fears an exam.', ...cognitiveModel, otherDistortions: [] });
    const generated = await run(() =>
      t.api.evalSets.generate({ setId: set.id, distortions: ['catastrophizing'], styles: ['plain'], providerId, model: 'gpt-4o-mini' }),
    );
    expect((await t.api.jobs.get({ id: generated.job.id })).done).toBe(1);
    expect(generated.areas).toContain('evaluation');

    const version = await t.api.evalSets.freeze({ setId: set.id });
    const spec = evalRunSpec(providerId, {
      name: 'One arm',
      setVersionId: version.id,
      arms: [{ label: 'Base', providerId, model: 'gpt-4o-mini', systemPrompt: null, temperature: null }],
    });
    const started = await t.api.evalRuns.start({ spec });
    const calledAt = t.events.length;
    expect(await announcedWhileRunning(started.conversationsJobId!, calledAt)).toContain('evaluation');
    const scoring = await waitFor(async () => (await t.api.evalRuns.get({ id: started.id })).scoringJobId);
    expect(await announcedWhileRunning(scoring)).toContain('evaluation');
    // The run's status follows its scoring job's, so the evaluation is announced again once that job has ended.
    expect(announcedAtStop(scoring)).toEqual(['evaluation']);
    expect((await t.api.evalRuns.get({ id: started.id })).status).toBe('done');
  });

  it('judging arena votes changes the arena', async () => {
    const column = (model: string) => ({ providerId, model, systemPrompt: null, temperature: null, maxTokens: null });
    const c = await t.api.arena.create({ mode: 'blind', sharedSystemPrompt: null, columns: [column('gpt-4o-mini'), column('gpt-4o')] });
    await t.api.arena.send({ id: c.id, text: 'I cannot sleep before exams.' });
    await waitFor(async () => !(await t.api.arena.get({ id: c.id })).messages.some((m) => m.status === 'streaming'));
    await t.api.arena.vote({ id: c.id, verdict: 'a' });
    const judged = await run(() => t.api.arena.judgeVotes({ providerId, model: 'gpt-4o' }));
    expect((await t.api.jobs.get({ id: judged.job.id })).done).toBeGreaterThan(0);
    expect(judged.areas).toContain('arena');
  });

  it('a handler that does not say what it changes does not compile', () => {
    const undeclared = {
      kind: 'undeclared',
      paramsSchema: z.object({}),
      title: () => 'Undeclared',
      plan: () => [],
      concurrency: () => 1,
      runItem: async () => resultOnly(null),
    };
    // @ts-expect-error `changes` is required: without it the runner could not tell screens what the job wrote.
    const handler: JobHandler = undeclared;
    expect('changes' in handler).toBe(false);
  });
});
