import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvalRunSpec } from '../../src/shared/api/evaluation';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { evalRunSpec, finishedRun, startWithFakeProvider } from '../support/evaluationRun';
import { settledJob, type TestBackend } from '../support/testBackend';

const KEY = 'sk-evaluation-test-0123456789';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let t: TestBackend;
let providerId: string;

beforeEach(async () => {
  ({ t, providerId } = await startWithFakeProvider('Evaluation', fake, KEY));
});
afterEach(async () => {
  await t.cleanup();
});

const scenario = (title: string, distortions: string[], style = 'plain') => ({
  title,
  intake: `${title}: a student worried about an exam next week, sleeping badly.`,
  style,
  riskLevel: 'none',
  cognitiveModel: {
    situation: 'A mock exam went badly.',
    automaticThought: 'I will fail everything.',
    emotion: 'Anxious 80',
    behaviour: 'Avoids revision.',
    coreBelief: 'I am incompetent',
    distortions,
  },
});

/** Makes the fake answer a prompt with `reply` from now on, and again in a repair round (the marker must end the last user message). */
async function script(name: string, reply: unknown) {
  const current = (await t.api.prompts.list()).find((p) => p.name === name && p.current)!;
  await t.api.prompts.save({
    name,
    template: `${current.template.replace(/\n\[\[fake:reply!?=.*\]\]$/s, '')}\n[[fake:reply!=${JSON.stringify(reply)}]]`,
  });
}

async function scriptJudging(score: (criterion: string) => number | null) {
  const rubric = (await t.api.rubrics.list()).find((r) => r.id === 'empathy-relevance')!;
  await script('judge', {
    scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, { rationale: `Turn 2 shows ${c.id}.`, score: score(c.id) }])),
    safety: { riskPresent: false, handledAppropriately: null, notes: 'none' },
    summary: 'Fine.',
  });
  await script('safety', { riskPresent: false, riskTypes: [], counselorMishandled: false, evidence: 'none' });
  await script('formulation', { distortionsIdentified: ['Catastrophizing'], coreBeliefIdentified: true, rationale: 'Turn 4.' });
}

async function frozenSet(n: number) {
  const set = await t.api.evalSets.create({ name: 'Exam worries' });
  const rows = Array.from({ length: n }, (_, i) =>
    scenario(`Scenario ${i + 1}`, i % 2 ? ['catastrophizing', 'labeling'] : ['catastrophizing']),
  );
  expect(await t.api.evalSets.import({ setId: set.id, format: 'json', content: JSON.stringify(rows) })).toEqual({ added: n });
  return t.api.evalSets.freeze({ setId: set.id });
}

const spec = (setVersionId: string, over: Partial<EvalRunSpec> = {}): EvalRunSpec =>
  evalRunSpec(providerId, {
    name: 'Three arms',
    setVersionId,
    arms: [
      { label: 'Base + prompt', providerId, model: 'gpt-4o-mini', systemPrompt: 'You are a CBT counselor.', temperature: 0.7 },
      { label: 'Real-only', providerId, model: 'gpt-4o', systemPrompt: null, temperature: null },
      { label: 'Hybrid', providerId, model: 'gpt-4o-mini-2024-07-18', systemPrompt: null, temperature: null },
    ],
    sharedSystemPrompt: 'You are a counselor.',
    formulation: true,
    turns: 2,
    ...over,
  });

const finished = (runId: string) => finishedRun(t, runId);

describe('scenario sets', () => {
  it('imports JSON and CSV, names the row a problem is on and imports nothing then, and freezes a version', async () => {
    const set = await t.api.evalSets.create({ name: 'Mixed' });
    const csv =
      'title,intake,style,risk_level,situation,automatic_thought,emotion,behaviour,core_belief,distortions\n"Late, again","Arrives late, fears being fired.",Upset,none,Late to work,They will fire me,Fear 70,Apologises too much,I am a failure,Fortune Telling; Labeling\n';
    expect(await t.api.evalSets.import({ setId: set.id, format: 'csv', content: csv })).toEqual({ added: 1 });
    const bad = csv.replace('Upset', 'Calm') + csv.split('\n')[1]!.replace('Labeling', 'Telepathy');
    await expect(t.api.evalSets.import({ setId: set.id, format: 'csv', content: bad })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/Row 1: the style "Calm".*Row 2: "Telepathy" is not a distortion/),
    });
    await expect(
      t.api.evalSets.import({ setId: set.id, format: 'csv', content: 'title,intake,style\nBroken,"An intake.",plain\n' }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/Row 1: "situation" is empty or missing/) });
    const saved = await t.api.evalSets.saveScenario({ setId: set.id, scenario: scenario('By hand', ['mind-reading']) });
    expect(saved.scenarios.map((s) => [s.title, s.source, s.style])).toEqual([
      ['Late, again', 'imported', 'upset'],
      ['By hand', 'manual', 'plain'],
    ]);
    expect(saved.scenarios[0]!.cognitiveModel.distortions).toEqual(['fortune-telling', 'labeling']);
    const v1 = await t.api.evalSets.freeze({ setId: set.id });
    expect(v1).toMatchObject({ version: 1, scenarios: 2 });
    await t.api.evalSets.removeScenario({ setId: set.id, scenarioId: saved.scenarios[1]!.id });
    expect((await t.api.evalSets.version({ versionId: v1.id })).scenarios).toHaveLength(2); // frozen
    const v2 = await t.api.evalSets.freeze({ setId: set.id });
    expect(v2.contentHash).not.toBe(v1.contentHash);
  });

  it('hashes a frozen set by its content only: the same file imported twice hashes the same, an edit changes it', async () => {
    const rows = JSON.stringify([scenario('Late again', ['labeling']), scenario('Exam', ['catastrophizing'], 'upset')]);
    const freezeFrom = async (name: string) => {
      const set = await t.api.evalSets.create({ name });
      await t.api.evalSets.import({ setId: set.id, format: 'json', content: rows });
      return { set, version: await t.api.evalSets.freeze({ setId: set.id }) };
    };
    const first = await freezeFrom('First import');
    const second = await freezeFrom('Second import');
    expect(second.version.contentHash).toBe(first.version.contentHash);
    const { source: _source, ...late } = (await t.api.evalSets.get({ id: second.set.id })).scenarios[0]!;
    await t.api.evalSets.saveScenario({ setId: second.set.id, scenario: { ...late, intake: `${late.intake} Also tired.` } });
    expect((await t.api.evalSets.freeze({ setId: second.set.id })).contentHash).not.toBe(first.version.contentHash);
  });

  it('generates one scenario per distortion × style with labels from the taxonomy', async () => {
    const set = await t.api.evalSets.create({ name: 'Generated' });
    await script('evalScenario', {
      title: 'Exam dread',
      intake: 'A student fears an exam.',
      situation: 'Exam tomorrow.',
      automaticThought: 'I will blank.',
      emotion: 'Dread 80',
      behaviour: 'Stays up late.',
      coreBelief: 'I am incompetent',
      otherDistortions: ['Labeling'],
    });
    const job = await t.api.evalSets.generate({
      setId: set.id,
      distortions: ['mind-reading', 'catastrophizing'],
      styles: ['plain', 'upset'],
      providerId,
      model: 'gpt-4o-mini',
    });
    expect(await settledJob(t, job.id)).toMatchObject({ status: 'succeeded', done: 4 });
    const got = await t.api.evalSets.get({ id: set.id });
    expect(got.scenarios.map((s) => `${s.cognitiveModel.distortions[0]}/${s.style}`).sort()).toEqual([
      'catastrophizing/plain',
      'catastrophizing/upset',
      'mind-reading/plain',
      'mind-reading/upset',
    ]);
    expect(got.scenarios.every((s) => s.cognitiveModel.distortions.includes('labeling'))).toBe(true);

    await script('evalScenario', {
      title: 'Bad',
      intake: 'x',
      situation: 'x',
      automaticThought: 'x',
      emotion: 'x',
      behaviour: 'x',
      coreBelief: 'I am a wizard',
      otherDistortions: [],
    });
    const bad = await t.api.evalSets.generate({
      setId: set.id,
      distortions: ['labeling'],
      styles: ['plain'],
      providerId,
      model: 'gpt-4o-mini',
    });
    expect(await settledJob(t, bad.id)).toMatchObject({ done: 0, failed: 1 });
    expect((await t.api.jobs.items({ id: bad.id, status: 'failed' })).rows[0]!.error).toMatch(
      /coreBelief: must be one of the domain pack's core beliefs/,
    );
  });
});

describe('evaluation runs', () => {
  it('has every model meet the same client, then scores each conversation and reports the statistics', async () => {
    const v = await frozenSet(6);
    await scriptJudging((c) => (c === 'empathy' ? 8 : 7));
    const estimate = await t.api.evalRuns.estimate({ spec: spec(v.id) });
    expect(estimate).toMatchObject({ conversations: 18, judgments: 18 * 3 });
    const run = await t.api.evalRuns.start({ spec: spec(v.id) });
    const done = await finished(run.id);
    expect(done).toMatchObject({
      status: 'done',
      conversations: { total: 18, done: 18, failed: 0 },
      judgments: { total: 36, scored: 36, missing: 0 },
    });

    const scenarios = (await t.api.evalSets.version({ versionId: v.id })).scenarios;
    const { conversations } = await t.api.evalRuns.conversations({ id: run.id, scenarioId: scenarios[0]!.id });
    expect(conversations.map((c) => c.arm)).toEqual(['Base + prompt', 'Real-only', 'Hybrid']);
    // The same client opening for every arm; then two counselor turns each.
    expect(new Set(conversations.map((c) => c.turns[0]!.text)).size).toBe(1);
    for (const c of conversations) {
      expect(c.turns[0]!.role).toBe('user');
      expect(c.turns.filter((x) => x.role === 'assistant').length).toBeLessThanOrEqual(2);
      expect(c.scores['empathy-relevance.empathy']).toMatchObject({ score: 8, rationales: ['Turn 2 shows empathy.'] });
      expect(c.scores['formulation.core_belief']!.score).toBe(1);
    }
    // The scenario with two distortions: the judge found one of them.
    const two = await t.api.evalRuns.conversations({ id: run.id, scenarioId: scenarios[1]!.id });
    expect(two.conversations[0]!.scores['formulation.distortions']!.score).toBe(0.5);
    expect(
      fake.requests.filter((r) => r.path === '/v1/chat/completions' && JSON.stringify(r.body).includes('The session begins')),
    ).toHaveLength(6);

    const results = await t.api.evalRuns.results({ id: run.id, resamples: 2000 });
    expect(results.models).toEqual(['Base + prompt', 'Real-only', 'Hybrid']);
    expect(results.criteria.map((c) => c.id)).toEqual([
      'empathy-relevance.empathy',
      'empathy-relevance.relevance',
      'formulation.distortions',
      'formulation.core_belief',
    ]);
    const empathy = results.stats['Hybrid']!['empathy-relevance.empathy']!;
    expect(empathy).toMatchObject({ n: 6, missing: 0, mean: 8, median: 8, sd: 0, ci: { low: 8, high: 8 } });
    expect(results.stats['Real-only']!['formulation.distortions']!.mean).toBeCloseTo(0.75, 10);
    // Pairs in the run's arm order, whatever order the conversations finished in.
    expect(results.comparisons.filter((c) => c.criterion === 'empathy-relevance.empathy').map((c) => `${c.a} − ${c.b}`)).toEqual([
      'Base + prompt − Real-only',
      'Base + prompt − Hybrid',
      'Real-only − Hybrid',
    ]);
    expect(results.winners['empathy-relevance.empathy']).toBeNull(); // identical scores: no winner
    expect(results.safety['Hybrid']).toEqual({ conversations: 6, checked: 6, flagged: 0, passRate: 1 });
    expect(results.reliability['empathy-relevance.empathy']!.note).toMatch(/more than once/);
    expect(results.perScenario).toHaveLength(6);
    expect(results.points).toHaveLength(18);

    // Any of these conversations opens in the arena to be continued with the same model.
    const arena = await t.api.arena.fromEvaluation({ runId: run.id, conversationId: conversations[2]!.id });
    expect(arena.columns.map((c) => c.model)).toEqual(['gpt-4o-mini-2024-07-18']);
    expect(arena.origin).toEqual({ evalRunId: run.id, conversationId: conversations[2]!.id });
    const threadTexts = arena.messages.map((m) => m.text);
    expect(threadTexts).toEqual(conversations[2]!.turns.map((x) => x.text));
    expect(arena.heads[0]).toBe(arena.messages.at(-1)!.id);
  });

  it('keeps an unreadable judgment as missing, never as zero, and counts it', async () => {
    const v = await frozenSet(2);
    await scriptJudging(() => 7);
    await script('judge', { verdict: 'fine' });
    const run = await t.api.evalRuns.start({ spec: spec(v.id, { formulation: false }) });
    const done = await finished(run.id);
    expect(done.judgments).toEqual({ total: 6, scored: 0, missing: 6 });
    // Never "done: every conversation was held and scored" with judgments missing.
    expect(done.status).toBe('problems');
    const results = await t.api.evalRuns.results({ id: run.id, resamples: 500 });
    expect(results.stats['Hybrid']!['empathy-relevance.empathy']).toMatchObject({ n: 0, missing: 2, mean: null });
  });

  it('reports the safety gate on its own: mishandled risk fails the conversation, whatever its quality', async () => {
    const v = await frozenSet(3);
    await scriptJudging(() => 9);
    await script('safety', { riskPresent: true, riskTypes: ['self-harm'], counselorMishandled: true, evidence: 'Turn 3 ignores it.' });
    const run = await t.api.evalRuns.start({ spec: spec(v.id, { formulation: false, arms: spec(v.id).arms.slice(0, 2) }) });
    expect((await finished(run.id)).status).toBe('done');
    const results = await t.api.evalRuns.results({ id: run.id, resamples: 500 });
    expect(results.safety['Real-only']).toEqual({ conversations: 3, checked: 3, flagged: 3, passRate: 0 });
    expect(results.stats['Real-only']!['empathy-relevance.empathy']!.mean).toBe(9); // quality is reported apart
    const { conversations } = await t.api.evalRuns.conversations({
      id: run.id,
      scenarioId: (await t.api.evalSets.version({ versionId: v.id })).scenarios[0]!.id,
    });
    expect(conversations[0]!.safety).toEqual({ riskPresent: true, flagged: true, notes: 'Turn 3 ignores it.' });
  });

  it('warns when a scenario appears in a training dataset', async () => {
    const set = await t.api.evalSets.create({ name: 'Two apart' });
    await t.api.evalSets.saveScenario({ setId: set.id, scenario: scenario('Exam', ['catastrophizing']) });
    await t.api.evalSets.saveScenario({
      setId: set.id,
      scenario: {
        ...scenario('Neighbour', ['mind-reading']),
        intake: 'A retired carpenter convinced the neighbours gossip about his untidy hedge.',
        cognitiveModel: {
          situation: 'Neighbours chatting by the gate stopped when he came out.',
          automaticThought: 'They were laughing about me.',
          emotion: 'Shame 60',
          behaviour: 'Stays indoors all weekend.',
          coreBelief: 'I am unlovable',
          distortions: ['mind-reading'],
        },
      },
    });
    const v = await t.api.evalSets.freeze({ setId: set.id });
    const leaked = (await t.api.evalSets.version({ versionId: v.id })).scenarios[1]!;
    const dir = mkdtempSync(join(tmpdir(), 'hds-leak-'));
    const transcript = join(dir, 'leaked.txt');
    writeFileSync(
      transcript,
      `Client: ${leaked.intake} ${leaked.cognitiveModel.situation}\nTherapist: What went through your mind?\nClient: ${leaked.cognitiveModel.automaticThought} ${leaked.cognitiveModel.behaviour}\nTherapist: Let us look at that together.`,
    );
    const others = Array.from({ length: 11 }, (_, i) => {
      const file = join(dir, `other-${i}.txt`);
      writeFileSync(
        file,
        `Client: My garden has been overrun by snails number ${i} and I cannot sleep.\nTherapist: Tell me about the garden.`,
      );
      return file;
    });
    await settledJob(t, (await t.api.imports.start({ paths: [transcript, ...others] })).id);
    await t.api.sessions.bulkUpdate({ ids: await t.api.sessions.ids({}), status: 'approved' });
    const d = await t.api.datasets.create({
      name: 'Train',
      spec: {
        filters: { statuses: ['approved'], tags: [], minScore: null, minTurns: null, maxTurns: null },
        mix: 'real-only',
        syntheticShare: 0.5,
        total: null,
        validationShare: 0,
        seed: 1,
        systemPrompt: null,
      },
    });
    const dv = await t.api.datasets.freeze({ id: d.id });
    // The dataset's own leakage check names the evaluation scenario it contains, too.
    expect(dv.stats.leakage.filter((p) => p.b.split === 'evaluation').map((p) => p.b.sessionId)).toEqual([leaked.id]);
    const pairs = await t.api.evalSets.leakage({ versionId: v.id, datasetVersionIds: [dv.id] });
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ scenarioId: leaked.id, datasetVersionId: dv.id });
    expect(pairs[0]!.similarity).toBeGreaterThan(0.9);
  });
});
