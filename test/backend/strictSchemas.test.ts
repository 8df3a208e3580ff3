import { afterEach, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../src/shared/domain/job';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { addFakeProvider, settledJob, startTestBackend, waitFor, type TestBackend } from '../support/testBackend';

/*
 * A provider that follows JSON schemas to the letter and no further (the fake's strict mode): it
 * answers only what the schema allows, and where the schema leaves room (a number without bounds, a
 * free string) it answers what the caller checks least expect. Every check applied after the answer
 * must therefore be in the schema, or the work is lost.
 */
const KEY = 'sk-strict-schema-test-0123456';
const fake = fakeOpenAIForSuite({ apiKey: KEY, schemaStrict: true });
let t: TestBackend;

afterEach(async () => {
  await t.cleanup();
});

const settled = (id: string) => settledJob(t, id);

async function sampleProject() {
  t = await startTestBackend({ openAtStartup: true }); // the sample project: 4 transcripts (and its judged synthetic sessions)
  const providerId = await addFakeProvider(t, fake.url, KEY, 4);
  await t.api.models.setRoleDefault({ role: 'judge', providerId, modelId: 'gpt-4o' });
  return providerId;
}

/** Makes the fake give `reply` to a prompt, and give it again when the repair round asks once more. */
async function script(name: string, reply: unknown) {
  const current = (await t.api.prompts.list()).find((p) => p.name === name && p.current)!;
  await t.api.prompts.save({
    name,
    template: `${current.template.replace(/\n\[\[fake:reply!?=.*\]\]$/s, '')}\n[[fake:reply!=${JSON.stringify(reply)}]]`,
  });
}

const share = (job: JobSummary) => job.outcome!.stored / job.total;

describe('1. schemas as strict as the checks', () => {
  it('stores every generated scenario: distortions and core beliefs are enums of the domain pack', async () => {
    t = await startTestBackend();
    await t.api.projects.create({ name: 'Strict scenarios' });
    const providerId = await addFakeProvider(t, fake.url, KEY, 4);
    const run = { providerId, model: 'gpt-4o-mini' };
    const personas = await settled(
      (
        await t.api.personas.generate({
          ...run,
          count: 24,
          distortions: ['mind-reading', 'catastrophizing'],
          styles: ['plain', 'reserved'],
          similarityThreshold: 1,
        })
      ).id,
    );
    expect(personas.outcome!.stored).toBe(24);
    const scenarios = await settled((await t.api.scenarios.generate(run)).id);
    expect(share(scenarios)).toBeGreaterThanOrEqual(0.95);
    expect(scenarios).toMatchObject({ status: 'succeeded', outcome: { stored: 24, unscored: 0, failed: 0, cause: null } });
    // No repair round was needed: one call per scenario.
    expect((await t.api.calls.totals({ jobId: scenarios.id })).count).toBe(24);
    const pack = await t.api.domain.pack();
    const known = new Set(pack.distortions.map((d) => d.id));
    for (const s of (await t.api.scenarios.list({ limit: 100 })).rows) expect(s.distortions.every((d) => known.has(d))).toBe(true);

    const set = await t.api.evalSets.create({ name: 'Strict set' });
    const evalJob = await settled(
      (
        await t.api.evalSets.generate({
          setId: set.id,
          distortions: ['mind-reading', 'catastrophizing', 'labeling'],
          styles: ['plain', 'upset'],
          ...run,
        })
      ).id,
    );
    expect(evalJob).toMatchObject({ status: 'succeeded', outcome: { stored: 6, failed: 0 } });
  });

  it('scores every judgment in one call plus its safety check: per-criterion objects with integer ranges', async () => {
    await sampleProject();
    const job = await settled((await t.api.judge.start({ repeats: 5 })).id);
    expect(share(job)).toBeGreaterThanOrEqual(0.95);
    expect(job).toMatchObject({ status: 'succeeded', total: 20, outcome: { stored: 20, unscored: 0, failed: 0 } });
    // judge + safety check per item, and no repair calls.
    expect((await t.api.calls.totals({ jobId: job.id })).count).toBe(40);
    const rubric = (await t.api.rubrics.list()).find((r) => r.id === 'session-quality')!;
    for (const s of (await t.api.sessions.list({})).rows) {
      for (const j of await t.api.judgments.forSession({ id: s.id })) {
        expect(j.status).toBe('scored');
        for (const c of rubric.criteria) {
          const score = j.scores[c.id]!.score;
          expect(score === null || (Number.isInteger(score) && score >= c.scale.min && score <= c.scale.max)).toBe(true);
        }
      }
    }
  });
});

describe('2. one bad criterion does not discard the judgment', () => {
  it('keeps every valid criterion and marks only the bad one, with its reason', async () => {
    await sampleProject();
    const rubric = (await t.api.rubrics.list()).find((r) => r.id === 'session-quality')!;
    const [bad, ...good] = rubric.criteria;
    await script('judge', {
      scores: Object.fromEntries(
        rubric.criteria.map((c) => [c.id, { rationale: 'Turn 2.', score: c === bad ? c.scale.max + 4 : c.scale.min + 1 }]),
      ),
      safety: { riskPresent: false, handledAppropriately: null, notes: 'none' },
      summary: 'Mostly fine.',
    });
    const session = (await t.api.sessions.list({ source: 'sample' })).rows[0]!.id;
    const job = await settled((await t.api.judge.start({ sessionIds: [session] })).id);
    const [judgment] = await t.api.judgments.forSession({ id: session });
    expect(judgment!.status).toBe('scored');
    expect(judgment!.scores[bad!.id]).toMatchObject({
      score: null,
      status: 'invalid',
      reason: `The score ${bad!.scale.max + 4} is outside the ${bad!.scale.min}–${bad!.scale.max} scale.`,
    });
    for (const c of good) expect(judgment!.scores[c.id]).toMatchObject({ score: c.scale.min + 1, status: 'scored' });
    expect((await t.api.sessions.get({ id: session })).judgeScore).not.toBeNull();
    // Stored, but not a clean success: the job says which problem it met.
    expect(job).toMatchObject({
      status: 'problems',
      outcome: {
        stored: 1,
        unscored: 0,
        failed: 0,
        cause: `1 answer used scores outside the rubric's ${bad!.scale.min}–${bad!.scale.max} scale`,
      },
    });
  });
});

describe('3. jobs tell the truth about what they produced', () => {
  it('ends failed when nothing was scored, naming the commonest cause, in the job, its message and its events', async () => {
    await sampleProject();
    const rubric = (await t.api.rubrics.list()).find((r) => r.id === 'session-quality')!;
    const { min, max } = rubric.criteria[0]!.scale;
    await script('judge', {
      scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, { rationale: 'x', score: c.scale.max + 10 }])),
      safety: null,
      summary: 'x',
    });
    const job = await settled((await t.api.judge.start({})).id);
    const cause = `4 answers used scores outside the rubric's ${min}–${max} scale`;
    expect(job).toMatchObject({ status: 'failed', done: 4, outcome: { stored: 0, unscored: 4, failed: 0, cause } });
    expect(job.message).toBe(`No usable result: 0 stored, 4 unscored, 0 failed. Most common cause: ${cause}.`);
    const last = t.events.filter((e) => e.name === 'job.updated' && e.payload.id === job.id).at(-1);
    expect(last).toMatchObject({ payload: { status: 'failed', outcome: { unscored: 4 } } });
  });

  it('an evaluation run with judgments missing finishes with problems, never "done"', async () => {
    t = await startTestBackend();
    await t.api.projects.create({ name: 'Strict evaluation' });
    const providerId = await addFakeProvider(t, fake.url, KEY, 8);
    const set = await t.api.evalSets.create({ name: 'Two' });
    const scenario = (title: string) => ({
      title,
      intake: `${title}: exam worries.`,
      style: 'plain',
      riskLevel: 'none',
      cognitiveModel: {
        situation: 'Mock exam.',
        automaticThought: 'I will fail.',
        emotion: 'Anxious 80',
        behaviour: 'Avoids revision.',
        coreBelief: 'I am incompetent',
        distortions: ['catastrophizing'],
      },
    });
    await t.api.evalSets.import({ setId: set.id, format: 'json', content: JSON.stringify([scenario('One'), scenario('Two')]) });
    const version = await t.api.evalSets.freeze({ setId: set.id });
    const spec = {
      name: 'Strict',
      setVersionId: version.id,
      sharedSystemPrompt: 'You are a counselor.',
      rubricIds: ['empathy-relevance'],
      formulation: false,
      turns: 2,
      seeds: 1,
      judgeRepeats: 1,
      useBatchForScoring: false,
      budgetUsd: null,
      arms: [
        { label: 'A', providerId, model: 'gpt-4o-mini', systemPrompt: null, temperature: null },
        { label: 'B', providerId, model: 'gpt-4o', systemPrompt: null, temperature: null },
      ],
      simulator: { providerId, model: 'gpt-4o', temperature: 0.8 },
      judge: { providerId, model: 'gpt-4o-mini' },
    };
    // First a clean run: with the strict provider every judgment is scored.
    const finished = (id: string) =>
      waitFor(async () => {
        const r = await t.api.evalRuns.get({ id });
        return ['done', 'problems', 'failed', 'stopped'].includes(r.status) ? r : null;
      }, 60_000);
    const clean = await finished((await t.api.evalRuns.start({ spec })).id);
    expect(clean).toMatchObject({ status: 'done', judgments: { total: 4, scored: 4, missing: 0 } });
    const rubric = (await t.api.rubrics.list()).find((r) => r.id === 'empathy-relevance')!;
    await script('judge', {
      scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, { rationale: 'x', score: c.scale.max + 1 }])),
      safety: null,
      summary: 'x',
    });
    const broken = await finished((await t.api.evalRuns.start({ spec: { ...spec, name: 'Broken' } })).id);
    expect(broken).toMatchObject({ status: 'problems', judgments: { total: 4, scored: 0, missing: 4 } });
    const scoring = await t.api.jobs.get({ id: broken.scoringJobId! });
    expect(scoring.status).toBe('problems'); // the safety checks were stored, the judgments were not
    expect(scoring.outcome).toMatchObject({ unscored: 4, cause: expect.stringMatching(/^4 judgments used scores outside the rubric's/) });
  });
});
