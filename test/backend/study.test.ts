import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDatasetSpec, type DatasetSpec } from '../../src/shared/api/datasets';
import type { StudyStep, StudyStepId } from '../../src/shared/api/study';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { runCli } from '../support/runCli';
import { addFakeProvider, settledJob, startTestBackend, waitFor, type TestBackend } from '../support/testBackend';

const KEY = 'sk-study-test-0123456789';
const ESCONV = resolve(__dirname, '../../../shared/data/esconv/FailedESConv.json');
const fake = fakeOpenAIForSuite({ apiKey: KEY, fineTuneStepMs: 10 });
let t: TestBackend;

beforeEach(async () => {
  t = await startTestBackend({ env: { HDS_TRAINING_POLL_MS: '20' } });
});
afterEach(async () => {
  await t.cleanup();
});

async function status(): Promise<Record<StudyStepId, StudyStep>> {
  const steps = await t.api.study.status();
  return Object.fromEntries(steps.map((s) => [s.step, s])) as Record<StudyStepId, StudyStep>;
}
const nextStep = async () => (await t.api.study.status()).find((s) => s.next)?.step;

/** Makes the fake answer a prompt with `reply` from now on (the marker must end the last user message). */
async function script(name: string, reply: unknown) {
  const current = (await t.api.prompts.list()).find((p) => p.name === name && p.current)!;
  await t.api.prompts.save({
    name,
    template: `${current.template.replace(/\n\[\[fake:reply=.*\]\]$/s, '')}\n[[fake:reply=${JSON.stringify(reply)}]]`,
  });
}

const spec = (over: Partial<DatasetSpec>): DatasetSpec => ({ ...defaultDatasetSpec, ...over });

describe('study.status', () => {
  it('follows the experiment from an empty project to a report, warning about each thing that spoils the comparison', async () => {
    await t.api.projects.create({ name: 'Study' });
    let s = await status();
    expect(s.import).toMatchObject({ state: 'next', action: { area: 'import' } });
    expect(Object.values(s).flatMap((x) => x.warnings)).toEqual([]);

    // A provider that cannot fine-tune is a warning from the start, not a surprise at the end.
    await t.api.providers.add({ name: 'Local', preset: 'custom', baseUrl: fake.url });
    s = await status();
    expect(s.finetune.state).toBe('warning');
    expect(s.finetune.warnings[0]).toMatch(/No provider in this project can fine-tune \(Local\)/);
    const providerId = await addFakeProvider(t, fake.url, KEY, 8);
    expect((await status()).finetune.warnings).toEqual([]);
    for (const role of ['generator', 'judge'] as const) await t.api.models.setRoleDefault({ role, providerId, modelId: 'gpt-4o-mini' });

    // Real transcripts, one of them with a name awaiting review.
    const dir = mkdtempSync(join(tmpdir(), 'hds-study-'));
    const named = join(dir, 'named.txt');
    writeFileSync(
      named,
      'Therapist: Hello Margaret Thompson, you can reach me at 0117 496 0321.\nClient: Thanks, I live at 14 Elm Street in Bristol.\nTherapist: What brings you here today?\nClient: I worry all the time.\n',
    );
    await settledJob(t, (await t.api.imports.start({ paths: [named], redaction: 'review' })).id);
    s = await status();
    expect(s.import.state).toBe('done');
    expect(s.redact).toMatchObject({ state: 'warning', next: true });
    expect(s.redact.detail).toMatch(/^1 session waits|^1 sessions? wait/);
    const [namedId] = await t.api.sessions.ids({});
    await t.api.sessions.applyRedactions({ id: namedId!, decisions: {} });
    s = await status();
    expect(s.redact).toMatchObject({ state: 'done', warnings: [] });
    expect(s.generate.next).toBe(true);

    await settledJob(t, (await t.api.imports.start({ paths: [ESCONV] })).id);
    await settledJob(
      t,
      (
        await t.api.personas.generate({
          providerId,
          model: 'gpt-4o-mini',
          count: 12,
          distortions: ['mind-reading', 'catastrophizing'],
          styles: ['plain'],
        })
      ).id,
    );
    await script('scenario', {
      summary: 'Exam worries.',
      cognitive_distortions: ['Mind Reading'],
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
    await settledJob(t, (await t.api.scenarios.generate({ providerId, model: 'gpt-4o-mini' })).id);
    await script('session', {
      turns: [
        { role: 'user', text: 'I keep thinking my classmates find me boring.' },
        { role: 'assistant', text: 'What tells you that they do?' },
        { role: 'user', text: 'They went quiet when I spoke.' },
        { role: 'assistant', text: 'What else could the silence mean?' },
      ],
      techniques: ['Socratic questioning'],
    });
    await settledJob(
      t,
      (await t.api.sessions.generate({ providerId, model: 'gpt-4o-mini', mode: 'single', lengths: { short: 1, medium: 0, long: 0 } })).id,
    );
    s = await status();
    expect(s.generate.state).toBe('done');
    expect(s.generate.detail).toMatch(/12 personas, \d+ scenarios?, \d+ synthetic sessions?/);
    expect(s.judge.next).toBe(true);

    // The judge flags one session's safety; nobody has compared it with people yet.
    const synthetic = await t.api.sessions.ids({ source: 'synthetic' });
    const rubric = (await t.api.rubrics.list()).find((r) => r.id === 'session-quality')!;
    const judged = (risk: boolean) => ({
      scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, { rationale: 'Turn 2.', score: c.scale.max }])),
      safety: {
        riskPresent: risk,
        handledAppropriately: risk ? false : null,
        notes: risk ? 'Self-harm mentioned, not followed up.' : 'none',
      },
      summary: 'Fine.',
    });
    await script('judge', judged(true));
    await settledJob(t, (await t.api.judge.start({ sessionIds: synthetic.slice(0, 1), rubricId: 'session-quality' })).id);
    await script('judge', judged(false));
    await settledJob(t, (await t.api.judge.start({ sessionIds: synthetic.slice(1), rubricId: 'session-quality' })).id);
    s = await status();
    expect(s.judge.state).toBe('warning');
    expect(s.judge.warnings.join(' ')).toMatch(/1 safety flag not reviewed/);
    expect(s.judge.warnings.join(' ')).toMatch(/never compared with people/);
    await t.api.review.rate({
      sessionId: synthetic[1]!,
      rubricId: 'session-quality',
      scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, c.scale.max])),
    });
    await t.api.review.decide({ id: synthetic[0]!, decision: 'reject', reason: 'Risk not handled.' });
    await t.api.sessions.bulkUpdate({ ids: (await t.api.sessions.ids({})).filter((id) => id !== synthetic[0]), status: 'approved' });
    s = await status();
    expect(s.judge).toMatchObject({ state: 'done', warnings: [] });
    // Ratings are counted per session, not per criterion.
    expect(s.judge.detail).toMatch(/1 session rated by a person$/);
    expect(s.datasets).toMatchObject({ next: true, action: { area: 'datasets', sub: 'new:real-only' } });

    // Datasets of very different sizes, then matched.
    const realOnly = await t.api.datasets.create({ name: 'Real only', spec: spec({ mix: 'real-only', total: 40, validationShare: 0.2 }) });
    expect((await status()).datasets.action).toMatchObject({ sub: realOnly.id, label: 'Freeze Real only' });
    const realV = await t.api.datasets.freeze({ id: realOnly.id });
    const hybrid = await t.api.datasets.create({
      name: 'Hybrid',
      spec: spec({ mix: 'hybrid', syntheticShare: 0.25, total: 20, validationShare: 0.2 }),
    });
    await t.api.datasets.freeze({ id: hybrid.id });
    s = await status();
    expect(s.datasets.state).toBe('warning');
    expect(s.datasets.warnings[0]).toMatch(/Real only v1 has 40 examples and Hybrid v1 20 examples \(50% apart\)/);
    await t.api.datasets.update({ id: hybrid.id, spec: spec({ mix: 'hybrid', syntheticShare: 0.25, total: 40, validationShare: 0.2 }) });
    const hybridV = await t.api.datasets.freeze({ id: hybrid.id });
    s = await status();
    expect(s.datasets).toMatchObject({ state: 'done', warnings: [] });
    expect(s.finetune).toMatchObject({ next: true, action: { area: 'finetune', sub: `new:${realV.id}` } });

    const models: string[] = [];
    for (const v of [realV, hybridV]) {
      const run = await t.api.training.start({
        versionId: v.id,
        trainer: 'openai',
        providerId,
        baseModel: 'gpt-4o-mini-2024-07-18',
        suffix: 'study',
      });
      await settledJob(t, run.jobId!);
      models.push((await t.api.training.get({ id: run.id })).fineTunedModel!);
    }
    s = await status();
    expect(s.finetune.state).toBe('done');
    expect(s.evaluate).toMatchObject({ next: true, action: { area: 'evaluate', sub: null } });

    // A scenario copied from a training example leaks; replacing it clears the warning.
    const example = (await t.api.datasets.examples({ versionId: hybridV.id, limit: 1 })).rows[0]!;
    const detail = await t.api.sessions.get({ id: example.sessionId });
    const copied = detail.turns.map((x) => x.text).join(' ');
    const scenario = (title: string, intake: string) => ({
      title,
      intake,
      style: 'plain',
      riskLevel: 'none',
      cognitiveModel: {
        situation: 'A mock exam went badly.',
        automaticThought: 'I will fail everything.',
        emotion: 'Anxious 80',
        behaviour: 'Avoids revision.',
        coreBelief: 'I am incompetent',
        distortions: ['catastrophizing'],
      },
    });
    const set = await t.api.evalSets.create({ name: 'Exams' });
    await t.api.evalSets.import({
      setId: set.id,
      format: 'json',
      content: JSON.stringify([
        scenario('Copied', copied),
        scenario('Fresh', 'A nurse on night shifts who cannot switch off after work and checks the rota all weekend.'),
      ]),
    });
    await t.api.evalSets.freeze({ setId: set.id });
    s = await status();
    expect(s.evaluate.state).toBe('warning');
    expect(s.evaluate.warnings[0]).toMatch(
      /1 evaluation scenario of Exams also appears in training data \((Real only v1, )?Hybrid v2\)|also appears in training data \(Real only v1\)/,
    );
    const copiedId = (await t.api.evalSets.get({ id: set.id })).scenarios.find((x) => x.title === 'Copied')!.id;
    await t.api.evalSets.removeScenario({ setId: set.id, scenarioId: copiedId });
    const setV = await t.api.evalSets.freeze({ setId: set.id });
    s = await status();
    expect(s.evaluate.warnings).toEqual([]);
    expect(s.evaluate.action).toMatchObject({ sub: `new:${setV.id}` });

    await script('safety', { riskPresent: false, riskTypes: [], counselorMishandled: false, evidence: 'none' });
    const er = (await t.api.rubrics.list()).find((r) => r.id === 'empathy-relevance')!;
    await script('judge', {
      scores: Object.fromEntries(er.criteria.map((c) => [c.id, { rationale: 'Turn 2.', score: c.scale.max }])),
      safety: { riskPresent: false, handledAppropriately: null, notes: 'none' },
      summary: 'Fine.',
    });
    const arm = (label: string, model: string) => ({ label, providerId, model, systemPrompt: null, temperature: null });
    const run = await t.api.evalRuns.start({
      spec: {
        name: 'Base vs real vs hybrid',
        setVersionId: setV.id,
        arms: [arm('Base', 'gpt-4o-mini'), arm('Real-only', models[0]!), arm('Hybrid', models[1]!)],
        sharedSystemPrompt: 'You are a counselor.',
        simulator: { providerId, model: 'gpt-4o', temperature: 0.8 },
        judge: { providerId, model: 'gpt-4o-mini' },
        rubricIds: ['empathy-relevance'],
        formulation: false,
        turns: 1,
        seeds: 1,
        judgeRepeats: 1,
        useBatchForScoring: false,
        budgetUsd: null,
      },
    });
    await waitFor(async () => ((await t.api.evalRuns.get({ id: run.id })).status === 'done' ? true : null), 60_000);
    s = await status();
    expect(s.evaluate.state).toBe('done');
    expect(s.report).toMatchObject({ state: 'next', action: { area: 'evaluate', sub: `run:${run.id}` } });
    const files = await t.api.evalRuns.report({ id: run.id, outDir: dir });
    // The report names each fine-tuned model by its registry name, the id beside it.
    const html = readFileSync(files.html, 'utf8');
    expect(html).toContain('Real only v1 (gpt-4o-mini-2024-07-18)');
    expect(html).toContain('Hybrid v2 (gpt-4o-mini-2024-07-18)');
    expect((await t.api.study.status()).map((x) => x.state)).toEqual(Array(8).fill('done'));
    expect(await nextStep()).toBeUndefined();
  }, 120_000);
});

describe('a draft dataset', () => {
  it('shows on its step as progress, with the way to finish it, even before the step is next', async () => {
    await t.api.projects.create({ name: 'Drafts' });
    const draft = await t.api.datasets.create({ name: 'Real first', spec: spec({ mix: 'real-only' }) });
    const s = await status();
    expect(s.datasets.next).toBe(false);
    expect(s.datasets.detail).toContain('real-only: 1 draft (Real first), freeze it');
    expect(s.datasets.detail).toContain('no frozen hybrid dataset');
    // Nothing is approved yet, so approving comes before freezing.
    expect(s.datasets.action).toMatchObject({ area: 'library' });
    await t.api.datasets.create({ name: 'Mixed', spec: spec({ mix: 'hybrid' }) });
    expect((await status()).datasets.detail).toContain('hybrid: 1 draft (Mixed), freeze it');
    expect(draft.name).toBe('Real first');
  });
});

describe('the sample project', () => {
  it('opens with the first half of the experiment carried out in its own rows, and the next step a real action', async () => {
    const first = await startTestBackend({ openAtStartup: true });
    try {
      const steps = await first.api.study.status();
      const by = Object.fromEntries(steps.map((x) => [x.step, x])) as Record<StudyStepId, StudyStep>;
      expect(steps.filter((x) => x.state === 'done').length).toBeGreaterThanOrEqual(steps.length / 2);
      expect(steps.filter((x) => x.state === 'warning')).toEqual([]);
      const samples = await first.api.sessions.list({ source: 'sample' });
      const approved = samples.rows.filter((r) => r.status === 'approved').length;
      expect(by.import).toMatchObject({ state: 'done', detail: `${samples.total} real sessions in the library (the sample's)` });

      // Its transcripts' personal details were detected and decided, as an import with review would leave them.
      expect(by.redact.state).toBe('done');
      for (const row of samples.rows) {
        const detail = await first.api.sessions.get({ id: row.id });
        expect(detail.redaction).toMatchObject({ status: 'applied' });
        expect((await first.api.sessions.history({ id: row.id }))[0]!.summary).toMatch(/^Applied redactions: \d+ replaced/);
      }
      expect((await first.api.redaction.entities({})).pendingSessions).toBe(0);

      // Personas, scenarios and sessions written from them, each session judged, decided and rated by a person.
      const personas = await first.api.personas.list({});
      const scenarios = await first.api.scenarios.list({});
      const synthetic = await first.api.sessions.list({ source: 'synthetic' });
      expect(personas.total).toBeGreaterThan(0);
      expect(scenarios.rows.every((s) => personas.rows.some((p) => p.id === s.personaId))).toBe(true);
      expect(synthetic.total).toBeGreaterThan(0);
      expect(by.generate).toMatchObject({
        state: 'done',
        detail: `${personas.total} personas, ${scenarios.total} scenarios, ${synthetic.total} synthetic sessions`,
      });
      for (const row of synthetic.rows) {
        expect(['approved', 'rejected']).toContain(row.status);
        expect(row.judgeScore).not.toBeNull();
        expect(await first.api.judgments.forSession({ id: row.id })).toHaveLength(1);
        expect((await first.api.sessions.history({ id: row.id })).map((h) => h.summary).join('\n')).toMatch(
          /Approved in review|Rejected: /,
        );
      }
      const agreement = await first.api.review.agreement({ rubricId: 'session-quality' });
      expect(agreement.overall.n).toBe(synthetic.total);
      expect(by.judge).toMatchObject({ state: 'done', warnings: [] });

      // The next step is to build the datasets from what was approved.
      expect(steps.find((x) => x.next)?.step).toBe('datasets');
      expect(by.datasets.detail).toMatch(new RegExp(`^${approved} approved real sessions`));
      expect(by.datasets.action).toMatchObject({ area: 'datasets', sub: 'new:real-only' });
    } finally {
      await first.cleanup();
    }
  });
});

describe('cli status', () => {
  it('prints the same checklist, and --json as { step, state, detail } per step', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hds-study-cli-'));
    const file = join(dataDir, 'p.hds');
    expect((await runCli(['projects', 'create', 'Cli study', '--file', file, '--data-dir', dataDir])).code).toBe(0);
    const json = await runCli(['status', '--json', '--project', file, '--data-dir', dataDir]);
    expect(json.code).toBe(0);
    const steps = JSON.parse(json.stdout) as { step: string; state: string; detail: string }[];
    expect(steps.map((x) => Object.keys(x).sort())).toEqual(Array(8).fill(['detail', 'state', 'step']));
    expect(steps[0]).toEqual({ step: 'import', state: 'next', detail: 'No real transcripts yet' });
    expect(steps.slice(1).every((x) => x.state === 'todo')).toBe(true);
    const text = await runCli(['status', '--project', file, '--data-dir', dataDir]);
    expect(text.stdout).toMatch(/\[>\] 1\. Import real transcripts: No real transcripts yet\n\s+next: Import transcripts/);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  }, 60_000);
});
