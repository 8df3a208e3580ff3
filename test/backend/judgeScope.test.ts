import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { runCli } from '../support/runCli';
import { addFakeProvider, settledJob, startTestBackend, type TestBackend } from '../support/testBackend';

const KEY = 'sk-judge-scope-test-0123456789';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let t: TestBackend;
let providerId: string;
let real: string[];
let synthetic: string[];

const sessionReply = JSON.stringify({
  turns: [
    { role: 'assistant', text: 'Welcome.' },
    { role: 'user', text: 'I panic before exams.' },
    { role: 'assistant', text: 'What goes through your mind?' },
    { role: 'user', text: 'That I will fail.' },
    { role: 'assistant', text: 'Let us look at the evidence.' },
  ],
  techniques: ['Examining the evidence'],
});
const scenarioReply = JSON.stringify({
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

/** Three real transcripts and three synthetic sessions, none judged yet. */
beforeEach(async () => {
  t = await startTestBackend({ settingsFile: true });
  await t.api.projects.create({ name: 'Judge scope' });
  providerId = await addFakeProvider(t, fake.url, KEY, 4);
  await t.api.models.setRoleDefault({ role: 'judge', providerId, modelId: 'gpt-4o' });
  const dir = mkdtempSync(join(tmpdir(), 'hds-scope-'));
  const files = [1, 2, 3].map((i) => {
    const file = join(dir, `real-${i}.txt`);
    writeFileSync(
      file,
      `Client: My exams are in ${i} weeks and I cannot sleep.\nTherapist: Tell me more about the nights.\nClient: I lie awake.\nTherapist: What goes through your mind then?`,
    );
    return file;
  });
  await settledJob(t, (await t.api.imports.start({ paths: files })).id);
  await settledJob(
    t,
    (await t.api.personas.generate({ providerId, model: 'gpt-4o-mini', count: 3, distortions: ['mind-reading'], styles: ['plain'] })).id,
  );
  await t.api.prompts.save({
    name: 'scenario',
    template: `{{persona}} {{theme}} {{distortionList}} {{coreBeliefs}} [[fake:reply=${scenarioReply}]]`,
  });
  await settledJob(t, (await t.api.scenarios.generate({ providerId, model: 'gpt-4o-mini' })).id);
  const template = (await t.api.prompts.list()).find((p) => p.name === 'session' && p.current)!.template;
  await t.api.prompts.save({ name: 'session', template: `${template}\n[[fake:reply=${sessionReply}]]` });
  await settledJob(
    t,
    (await t.api.sessions.generate({ providerId, model: 'gpt-4o-mini', mode: 'single', lengths: { short: 1, medium: 0, long: 0 } })).id,
  );
  real = await t.api.sessions.ids({ source: 'real' });
  synthetic = await t.api.sessions.ids({ source: 'synthetic' });
  expect([real.length, synthetic.length]).toEqual([3, 3]);
});
afterEach(async () => {
  await t.cleanup();
});

const doneItems = async (job: { id: string }) => (await t.api.jobs.items({ id: job.id, status: 'done' })).total;
const sessionsOf = (job: { params: Record<string, unknown> }) =>
  [...new Set((job.params.items as { sessionId: string }[]).map((i) => i.sessionId))].sort();

describe('4. choosing what to judge', () => {
  it('judges only the sessions in scope: by source, by status, by tag, and by a selection of ids', async () => {
    const onlySynthetic = await settledJob(t, (await t.api.judge.start({ source: 'synthetic' })).id);
    expect(sessionsOf(onlySynthetic)).toEqual([...synthetic].sort());
    expect(await doneItems(onlySynthetic)).toBe(3);
    // The estimate counts the same scope: 3 real sessions left, a judgment and a safety check each.
    expect((await t.api.judge.estimate({ source: 'real' })).calls).toBe(6);

    await t.api.sessions.update({ id: real[0]!, tags: ['pilot'] });
    const tagged = await settledJob(t, (await t.api.judge.start({ tag: 'pilot' })).id);
    expect(sessionsOf(tagged)).toEqual([real[0]]);

    await t.api.sessions.update({ id: real[1]!, status: 'approved' });
    const approved = await settledJob(t, (await t.api.judge.start({ status: 'approved', source: 'real' })).id);
    expect(sessionsOf(approved)).toEqual([real[1]]);

    const chosen = await settledJob(t, (await t.api.judge.start({ sessionIds: [real[2]!, synthetic[0]!], source: 'real' })).id);
    expect(sessionsOf(chosen)).toEqual([real[2]]); // the selection and the filters must all hold (synthetic[0] is judged already, too)
    await expect(t.api.judge.start({ tag: 'nobody-has-this' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/No session matches this choice \(tag "nobody-has-this"\)/),
    });
  });

  it('judges a selection again as new repeats beside the old judgments, never over them', async () => {
    await settledJob(t, (await t.api.judge.start({ source: 'synthetic' })).id);
    const before = await t.api.judgments.forSession({ id: synthetic[0]! });
    expect(before.map((j) => j.repeat)).toEqual([1]);
    await expect(t.api.judge.start({ sessionIds: synthetic.slice(0, 2) })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already have a judgment.*Judge them again/),
    });
    const again = await settledJob(t, (await t.api.judge.start({ sessionIds: synthetic.slice(0, 2), again: true, repeats: 2 })).id);
    expect(again.outcome).toMatchObject({ stored: 4 });
    const after = await t.api.judgments.forSession({ id: synthetic[0]! });
    expect(after.map((j) => j.repeat)).toEqual([1, 2, 3]);
    expect(after[0]).toEqual(before[0]); // the first judgment is untouched
    expect((await t.api.judgments.forSession({ id: synthetic[2]! })).map((j) => j.repeat)).toEqual([1]);
  });

  it('the CLI judges by --source or by ids, again with --again, and prints the counts', async () => {
    // The CLI process reads the key from an environment variable, as a script would.
    await t.api.providers.update({ id: providerId, apiKeyEnv: 'HDS_SCOPE_KEY' });
    const project = (await t.api.projects.current())!.file;
    await t.api.projects.close();
    const cli = (...args: string[]) => runCli([...args, '--project', project, '--data-dir', t.dataDir], { env: { HDS_SCOPE_KEY: KEY } });
    const first = await cli('judge', '--source', 'synthetic');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/status\s+Succeeded/);
    expect(first.stdout).toMatch(/stored\s+3/);
    expect(first.stdout).toMatch(/unscored\s+0/);
    const refused = await cli('judge', '--source', 'synthetic');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/already have a judgment/);
    const again = await cli('judge', synthetic[0]!, '--again', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({
      status: 'succeeded',
      outcome: { stored: 1 },
      params: { items: [{ sessionId: synthetic[0], repeat: 2 }] },
    });
    const bad = await cli('judge', '--source', 'imaginary');
    expect(bad.stderr).toMatch(/--source must be real or synthetic/);
  });
});
