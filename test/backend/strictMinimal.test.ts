import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../src/shared/domain/job';
import { evalRunSpec, finishedRun } from '../support/evaluationRun';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { strictSchemaViolations } from '../support/fakeOpenAI/strictSchemaRules';
import { addFakeProvider, settledJob, startTestBackend, waitFor, type TestBackend } from '../support/testBackend';

/*
 * A provider that follows JSON schemas strictly and gives the least they allow: it refuses a schema
 * outside OpenAI's strict subset, and answers null wherever null is allowed, empty strings and arrays,
 * the first label and numbers at a bound. Every structured-output flow runs against it here; each must
 * neither crash nor call "succeeded" what produced nothing, and must count what it could not use.
 * The last test walks every schema those flows sent and checks that none of the app's schemas was left out.
 */
const KEY = 'sk-strict-minimal-test-012345';
const fake = fakeOpenAIForSuite({ apiKey: KEY, schemaStrict: 'minimal' });
let t: TestBackend | null = null;

afterEach(async () => {
  await t?.cleanup();
  t = null;
});

const settled = (id: string) => settledJob(t!, id, 60_000);
const noScore = (n: number, what: string) => ({
  status: 'failed',
  outcome: { stored: 0, unscored: n, failed: 0, cause: `${n} ${what} scored no criterion` },
  message: `No usable result: 0 stored, ${n} unscored, 0 failed. Most common cause: ${n} ${what} scored no criterion.`,
});

describe('every structured-output flow against a strict provider giving minimal answers', () => {
  it('generation: personas, scenarios, sessions (one call and two agents) and evaluation scenarios count what they could not use', async () => {
    t = await startTestBackend();
    await t.api.projects.create({ name: 'Minimal generation' });
    const providerId = await addFakeProvider(t, fake.url, KEY, 4);
    const run = { providerId, model: 'gpt-4o-mini' };

    // Three personas as alike as minimal answers make them: one is kept, the others are counted as too similar.
    const personas = await settled(
      (await t.api.personas.generate({ ...run, count: 3, distortions: ['mind-reading'], styles: ['plain'], similarityThreshold: 1 })).id,
    );
    expect(personas).toMatchObject({ status: 'problems', outcome: { stored: 1, unscored: 0, failed: 2 } });
    expect(personas.outcome!.cause).toMatch(/^2 items failed: Too similar to the existing persona/);
    // Through the Batch API the same answers meet the persona already stored: nothing new, and the job fails saying so.
    const batched = await settled(
      (await t.api.personas.generate({ ...run, count: 2, distortions: ['labeling'], styles: ['plain'], useBatch: true })).id,
    );
    expect(batched).toMatchObject({ status: 'failed', outcome: { stored: 0, failed: 2 } });
    expect(batched.message).toMatch(/^No usable result: 0 stored, 0 unscored, 2 failed\. Most common cause: 2 items failed: Too similar/);

    const scenarios = await settled((await t.api.scenarios.generate(run)).id);
    expect(scenarios).toMatchObject({ status: 'succeeded', outcome: { stored: 1, unscored: 0, failed: 0, cause: null } });
    const [scenario] = (await t.api.scenarios.list({})).rows;
    const known = new Set((await t.api.domain.pack()).distortions.map((d) => d.id));
    expect(scenario!.distortions.length).toBeGreaterThan(0);
    expect(scenario!.distortions.every((d) => known.has(d))).toBe(true);

    // In one call, the least the schema allows is four client turns: no session, and the job says why.
    const single = await settled((await t.api.sessions.generate({ ...run, mode: 'single', lengths: { short: 1, medium: 0, long: 0 } })).id);
    expect(single).toMatchObject({ status: 'failed', outcome: { stored: 0, failed: 1 } });
    expect(single.message).toMatch(/No usable result: 0 stored, 0 unscored, 1 failed\. .*needs both client \("user"\) and counselor/);
    const singleBatched = await settled(
      (await t.api.sessions.generate({ ...run, mode: 'single', useBatch: true, lengths: { short: 1, medium: 0, long: 0 } })).id,
    );
    expect(singleBatched).toMatchObject({ status: 'failed', outcome: { stored: 0, failed: 1 } });
    expect(singleBatched.message).toMatch(/needs both client \("user"\) and counselor/);
    // A two-agent session writes its turns as plain text; only its technique labels are structured (none here).
    const twoAgent = await settled(
      (await t.api.sessions.generate({ ...run, mode: 'twoAgent', lengths: { short: 1, medium: 0, long: 0 } })).id,
    );
    expect(twoAgent).toMatchObject({ status: 'succeeded', outcome: { stored: 1, failed: 0 } });

    const set = await t.api.evalSets.create({ name: 'Minimal set' });
    const evalScenarios = await settled(
      (await t.api.evalSets.generate({ setId: set.id, distortions: ['mind-reading', 'labeling'], styles: ['plain'], ...run })).id,
    );
    expect(evalScenarios).toMatchObject({ status: 'succeeded', outcome: { stored: 2, failed: 0 } });
  });

  it('judging, evaluation scoring and arena votes: answers that score nothing are unscored, counted, and can be judged again', async () => {
    t = await startTestBackend({ openAtStartup: true }); // the sample project: 4 sessions to judge
    const providerId = await addFakeProvider(t, fake.url, KEY, 4);
    await t.api.models.setRoleDefault({ role: 'judge', providerId, modelId: 'gpt-4o' });

    const judged = await settled((await t.api.judge.start({})).id);
    expect(judged).toMatchObject({ total: 4, done: 4, ...noScore(4, 'answers') });
    // The job said unscored, so each judgment it wrote says so too, and keeps each criterion's own reason.
    const judgments = [];
    const sessionIds: string[] = [];
    for (const session of (await t.api.sessions.list({})).rows) {
      const mine = (await t.api.judgments.forSession({ id: session.id })).filter((j) => j.judgeModel === 'gpt-4o');
      if (mine.length === 0) continue;
      expect((await t.api.sessions.get({ id: session.id })).judgeScore).toBeNull();
      judgments.push(...mine);
      sessionIds.push(session.id);
    }
    expect(judgments).toHaveLength(4);
    for (const judgment of judgments) {
      expect(judgment).toMatchObject({ status: 'unscored', reason: expect.stringMatching(/scored no criterion/) });
      expect(Object.values(judgment.scores).every((s) => s.score === null && s.status === 'not-judged')).toBe(true);
    }
    // The Batch API route reads the same answers the same way.
    const batched = await settled((await t.api.judge.start({ sessionIds, again: true, useBatch: true })).id);
    expect(batched).toMatchObject({ total: 4, ...noScore(4, 'answers') });

    const column = (model: string) => ({ providerId, model, systemPrompt: null, temperature: null, maxTokens: null });
    for (const question of ['I keep failing my exams.', 'My friends ignore me.']) {
      const c = await t.api.arena.create({ mode: 'blind', sharedSystemPrompt: null, columns: [column('gpt-4o-mini'), column('gpt-4o')] });
      await t.api.arena.send({ id: c.id, text: question });
      await waitFor(async () => ((await t!.api.arena.get({ id: c.id })).messages.some((m) => m.status === 'streaming') ? null : true));
      await t.api.arena.vote({ id: c.id, verdict: 'a' });
    }
    const votes = await settled((await t.api.arena.judgeVotes({ providerId, model: 'gpt-4o' })).id);
    expect(votes).toMatchObject({ total: 4, ...noScore(4, 'answers') });
    // Nothing was scored, so nothing counts as judged: the same votes can be judged again.
    const again: JobSummary = await t.api.arena.judgeVotes({ providerId, model: 'gpt-4o' });
    expect((await settled(again.id)).total).toBe(4);
    expect((await t.api.arena.leaderboard({ resamples: 100 })).judgeAgreement).toMatchObject({ pairs: 0, rate: null });

    const set = await t.api.evalSets.create({ name: 'Two' });
    const written = await t.api.evalSets.generate({
      setId: set.id,
      distortions: ['catastrophizing', 'labeling'],
      styles: ['plain'],
      providerId,
      model: 'gpt-4o',
    });
    expect(await settled(written.id)).toMatchObject({ status: 'succeeded', outcome: { stored: 2 } });
    const version = await t.api.evalSets.freeze({ setId: set.id });
    const arms = [
      { label: 'A', providerId, model: 'gpt-4o-mini', systemPrompt: null, temperature: null },
      { label: 'B', providerId, model: 'gpt-4o', systemPrompt: null, temperature: null },
    ];
    const spec = evalRunSpec(providerId, { name: 'Minimal', setVersionId: version.id, arms, formulation: true, turns: 2 });
    const evaluation = await finishedRun(t, (await t.api.evalRuns.start({ spec })).id);
    // 4 conversations; each has a rubric judgment (no number in it), a safety check and a formulation check (found nothing: 0).
    expect(evaluation).toMatchObject({
      status: 'problems',
      conversations: { total: 4, done: 4, failed: 0 },
      judgments: { total: 8, missing: 4 },
    });
    const scoring = await t.api.jobs.get({ id: evaluation.scoringJobId! });
    expect(scoring).toMatchObject({
      status: 'problems',
      outcome: { stored: 8, unscored: 4, failed: 0, cause: '4 judgments scored no criterion' },
    });
    // The judge validly said it could judge no criterion: in the results that is "cannot judge", not an unreadable answer.
    const results = await t.api.evalRuns.results({ id: evaluation.id, resamples: 100 });
    for (const arm of ['A', 'B']) {
      for (const criterion of ['empathy-relevance.empathy', 'empathy-relevance.relevance'])
        expect(results.stats[arm]![criterion]).toMatchObject({ n: 0, mean: null, notJudged: 2, missingJudgments: 0 });
      expect(results.stats[arm]!['formulation.distortions']).toMatchObject({ n: 2, mean: 0, missingJudgments: 0 });
    }
  });

  it('a label a strict provider repeats (strict schemas have no uniqueItems) is stored once', async () => {
    t = await startTestBackend();
    await t.api.projects.create({ name: 'Repeated labels' });
    const providerId = await addFakeProvider(t, fake.url, KEY, 4);
    const run = { providerId, model: 'gpt-4o-mini' };
    await settled((await t.api.personas.generate({ ...run, count: 1, distortions: ['labeling'], styles: ['plain'] })).id);
    const said = 'x';
    const answer = {
      summary: said,
      cognitive_distortions: ['Labeling', 'Mind Reading', 'Labeling'],
      scenario: said,
      cognitiveModel: {
        situation: said,
        automaticThought: said,
        emotion: said,
        behaviour: said,
        coreBelief: 'I am a failure, a loser',
        intermediateBeliefs: null,
        copingStrategies: null,
        relevantHistory: null,
      },
    };
    const current = (await t.api.prompts.list()).find((p) => p.name === 'scenario' && p.current)!;
    await t.api.prompts.save({ name: 'scenario', template: `${current.template}\n[[fake:reply=${JSON.stringify(answer)}]]` });
    expect(await settled((await t.api.scenarios.generate(run)).id)).toMatchObject({ status: 'succeeded', outcome: { stored: 1 } });
    expect((await t.api.scenarios.list({})).rows[0]!.distortions).toEqual(['labeling', 'mind-reading']);

    // The safety check's kinds of risk are such a list too.
    const judge = await startTestBackend({ openAtStartup: true });
    try {
      const judgeProvider = await addFakeProvider(judge, fake.url, KEY, 4);
      await judge.api.models.setRoleDefault({ role: 'judge', providerId: judgeProvider, modelId: 'gpt-4o' });
      const safety = (await judge.api.prompts.list()).find((p) => p.name === 'safety' && p.current)!;
      const check = { riskPresent: true, riskTypes: ['self-harm', 'self-harm'], counselorMishandled: false, evidence: '' };
      await judge.api.prompts.save({ name: 'safety', template: `${safety.template}\n[[fake:reply=${JSON.stringify(check)}]]` });
      const session = (await judge.api.sessions.list({ source: 'sample' })).rows[0]!.id;
      await settledJob(judge, (await judge.api.judge.start({ sessionIds: [session] })).id);
      const [judgment] = await judge.api.judgments.forSession({ id: session });
      expect(judgment!.safety!.notes).toMatch(/Risk: self-harm\.$/);
    } finally {
      await judge.cleanup();
    }
  });

  it('every schema the flows sent keeps to the strict rules, and every schema the app can send was among them', () => {
    const sent = new Map<string, unknown[]>();
    for (const r of fake.requests) {
      const format = (r.body as { response_format?: { type?: string; json_schema?: { name: string; schema: unknown } } } | null)
        ?.response_format;
      if (format?.type !== 'json_schema') continue;
      const { name, schema } = format.json_schema!;
      const seen = sent.get(name) ?? [];
      if (!seen.some((s) => JSON.stringify(s) === JSON.stringify(schema))) seen.push(schema);
      sent.set(name, seen);
    }
    for (const [name, schemas] of sent) for (const schema of schemas) expect(strictSchemaViolations(name, schema), name).toEqual([]);
    // A structured call names its schema as `schemaName: '…'`, or last in generationRequest(…) for the Batch API;
    // the gateway is the only place that turns a schema into a response_format.
    const inSource = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        if (!path.endsWith('.ts')) continue;
        const code = readFileSync(path, 'utf8');
        for (const m of code.matchAll(/schemaName: '([^']+)'|generationRequest\([^;]*?'([^']+)',?\s*\)/g)) inSource.add((m[1] ?? m[2])!);
        if (!path.endsWith(join('llm', 'gateway.ts'))) expect(code, path).not.toMatch(/zodResponseFormat|response_format:/);
      }
    };
    walk(join(__dirname, '../../src/main'));
    expect(inSource.size).toBeGreaterThanOrEqual(8);
    expect([...inSource].filter((name) => !sent.has(name))).toEqual([]);
  });
});
