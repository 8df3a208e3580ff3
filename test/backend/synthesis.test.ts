import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minhashSignature } from '../../src/main/core/sessions/minhash';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { addFakeProvider, settledJob, startTestBackend, type TestBackend } from '../support/testBackend';

const KEY = 'sk-synthesis-test-012345678';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let t: TestBackend;
let providerId: string;

beforeEach(async () => {
  t = await startTestBackend();
  await t.api.projects.create({ name: 'Synthesis' });
  providerId = await addFakeProvider(t, fake.url, KEY, 4);
});
afterEach(async () => {
  await t.cleanup();
});

const settled = (id: string) => settledJob(t, id);
const run = { model: 'gpt-4o-mini' };

async function personas(count: number) {
  await settled(
    (
      await t.api.personas.generate({
        ...run,
        providerId,
        count,
        distortions: ['mind-reading', 'catastrophizing'],
        styles: ['plain', 'reserved'],
      })
    ).id,
  );
}

/** A valid scenario answer with the labels given, so taxonomy checks can be exercised. */
function scenarioReply(labels: string[]): string {
  return JSON.stringify({
    summary: 'Exam worries.',
    cognitive_distortions: labels,
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
}

describe('scenario generation', () => {
  it('writes one scenario per persona with labels from the taxonomy, mapped to its ids', async () => {
    await personas(4);
    const estimate = await t.api.scenarios.estimate({ ...run, providerId });
    expect(estimate.calls).toBe(4);
    await t.api.prompts.save({
      name: 'scenario',
      template: `{{persona}} {{theme}} {{distortionList}} {{coreBeliefs}} [[fake:reply=${scenarioReply(['Mind Reading', 'Jumping to Conclusions'])}]]`,
    });
    const job = await t.api.scenarios.generate({ ...run, providerId });
    expect(await settled(job.id)).toMatchObject({ status: 'succeeded', done: 4 });
    const { rows } = await t.api.scenarios.list({});
    expect(rows).toHaveLength(4);
    // "Jumping to Conclusions" is an alias of mind reading or fortune telling; a label named twice is kept once.
    const [first, ...rest] = rows[0]!.distortions;
    expect(first).toBe('mind-reading');
    expect(rest.filter((d) => d !== 'fortune-telling')).toEqual([]);
    expect(rows[0]!.provenance).toMatchObject({ prompt: { name: 'scenario', version: 2 }, model: 'gpt-4o-mini' });
    await expect(t.api.scenarios.generate({ ...run, providerId })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already has a scenario/),
    });
  });

  it('never stores a scenario whose labels are not in the taxonomy', async () => {
    await personas(2);
    await t.api.prompts.save({
      name: 'scenario',
      template: `{{persona}} {{theme}} {{distortionList}} {{coreBeliefs}} [[fake:reply!=${scenarioReply(['Telepathy'])}]]`,
    });
    const job = await t.api.scenarios.generate({ ...run, providerId });
    expect(await settled(job.id)).toMatchObject({ done: 0, failed: 2 });
    const failed = await t.api.jobs.items({ id: job.id, status: 'failed' });
    expect(failed.rows[0]!.error).toMatch(/Telepathy|must be one of the domain pack's distortions/);
    expect((await t.api.scenarios.list({})).total).toBe(0);
  });
});

describe('session generation', () => {
  beforeEach(async () => {
    await personas(3);
    await t.api.prompts.save({
      name: 'scenario',
      template: `{{persona}} {{theme}} {{distortionList}} {{coreBeliefs}} [[fake:reply=${scenarioReply(['Catastrophizing'])}]]`,
    });
    await settled((await t.api.scenarios.generate({ ...run, providerId })).id);
  });

  it('writes whole sessions in one call each, ending with the counselor, with provenance', async () => {
    // The fake's random turns may lack a counselor line (and then fail, as they should); a fixed answer keeps counts exact.
    const template = (await t.api.prompts.list()).find((p) => p.name === 'session' && p.current)!.template;
    const reply = JSON.stringify({
      turns: [
        { role: 'assistant', text: 'Welcome.' },
        { role: 'user', text: 'I panic before exams.' },
        { role: 'assistant', text: 'What goes through your mind?' },
        { role: 'user', text: 'That I will fail.' },
        { role: 'assistant', text: 'Let us look at the evidence.' },
        { role: 'user', text: 'Okay.' },
      ],
      techniques: ['Examining the evidence'],
    });
    await t.api.prompts.save({ name: 'session', template: `${template}\n[[fake:reply=${reply}]]` });
    const estimate = await t.api.sessions.estimateGeneration({
      ...run,
      providerId,
      mode: 'single',
      perScenario: 2,
      lengths: { short: 1, medium: 0, long: 0 },
    });
    expect(estimate.calls).toBe(6);
    const job = await t.api.sessions.generate({
      ...run,
      providerId,
      mode: 'single',
      perScenario: 2,
      lengths: { short: 1, medium: 0, long: 0 },
    });
    expect(await settled(job.id)).toMatchObject({ status: 'succeeded', done: 6 });
    const page = await t.api.sessions.list({ source: 'synthetic' });
    expect(page.total).toBe(6);
    const s = await t.api.sessions.get({ id: page.rows[0]!.id });
    expect(s.status).toBe('needs_review');
    expect(s.turns.at(-1)!.role).toBe('assistant');
    expect(s.turns).toHaveLength(5); // the trailing client line is dropped
    expect(s.metadata).toMatchObject({ mode: 'single', distortions: ['catastrophizing'], targetTurns: expect.any(Number) });
    expect(s.systemPrompt).toMatch(/CBT|cognitive/i);
    // The reviewer reads the session beside the scenario and persona it came from.
    const context = await t.api.review.context({ id: s.id });
    expect(context.scenario).toMatchObject({ summary: 'Exam worries.', distortions: ['catastrophizing'] });
    expect(context.persona!.id).toBe(context.scenario!.personaId);
    expect(context.provenance).toMatchObject({ model: 'gpt-4o-mini', prompt: { name: 'session' } });
    expect(context.spreads).toEqual([]);
  });

  it('stores the MinHash signature of each generated session as it saves it, so a freeze does not hash it again', async () => {
    const job = await t.api.sessions.generate({ ...run, providerId, mode: 'twoAgent', lengths: { short: 1, medium: 0, long: 0 }, seed: 5 });
    await settled(job.id);
    const { rows } = await t.api.sessions.list({ source: 'synthetic' });
    expect(rows.length).toBeGreaterThan(0);
    const db = new Database((await t.api.projects.current())!.file, { readonly: true });
    try {
      const stored = db.prepare('SELECT signature FROM session_signatures WHERE session_id = ?');
      for (const row of rows) {
        const text = (await t.api.sessions.get({ id: row.id })).turns.map((turn) => turn.text).join('\n');
        const found = stored.get(row.id) as { signature: Buffer } | undefined;
        expect(found && Buffer.from(found.signature)).toEqual(Buffer.from(minhashSignature(text).buffer));
      }
    } finally {
      db.close();
    }
  });

  it('lets two agents take turns up to the target length, then labels the techniques used', async () => {
    const job = await t.api.sessions.generate({ ...run, providerId, mode: 'twoAgent', lengths: { short: 1, medium: 0, long: 0 }, seed: 3 });
    const done = await settled(job.id);
    expect(done).toMatchObject({ status: 'succeeded', done: 3 });
    const page = await t.api.sessions.list({ source: 'synthetic' });
    const s = await t.api.sessions.get({ id: page.rows[0]!.id });
    const target = s.metadata.targetTurns as number;
    expect(s.turns.length).toBeGreaterThanOrEqual(target);
    expect(s.turns.length).toBeLessThanOrEqual(target + 1);
    expect(s.turns.map((x) => x.role).slice(0, 4)).toEqual(['user', 'assistant', 'user', 'assistant']);
    const purposes = new Set((await t.api.calls.list({ jobId: job.id, limit: 500 })).rows.map((c) => c.purpose));
    expect(purposes).toEqual(new Set(['simulate-client', 'counselor', 'label-techniques']));
  });
});

describe('sending a generated session back', () => {
  it('rejects it with the reason and writes a new session from the same scenario', async () => {
    await personas(1);
    await t.api.prompts.save({
      name: 'scenario',
      template: `{{persona}} {{theme}} {{distortionList}} {{coreBeliefs}} [[fake:reply=${scenarioReply(['Labeling'])}]]`,
    });
    await settled((await t.api.scenarios.generate({ ...run, providerId })).id);
    // Random turns from the fake may lack a counselor line, and the regenerated session must be stored to be counted.
    const template = (await t.api.prompts.list()).find((p) => p.name === 'session' && p.current)!.template;
    await t.api.prompts.save({
      name: 'session',
      template: `${template}\n[[fake:reply=${JSON.stringify({
        turns: [
          { role: 'user', text: 'I froze in the exam.' },
          { role: 'assistant', text: 'What went through your mind?' },
          { role: 'user', text: 'That I would fail.' },
          { role: 'assistant', text: 'What makes that feel certain?' },
        ],
        techniques: ['Socratic questioning'],
      })}]]`,
    });
    await settled((await t.api.sessions.generate({ ...run, providerId, mode: 'single' })).id);
    const [first] = (await t.api.sessions.list({ source: 'synthetic' })).rows;
    const decided = await t.api.review.decide({ id: first!.id, decision: 'regenerate', reason: 'The client agrees too fast.' });
    expect(decided).toMatchObject({ status: 'rejected', tags: expect.arrayContaining(['regenerate']) });
    const job = (await t.api.jobs.list({ kind: 'generateSessions' }))[0]!;
    await settled(job.id);
    const synthetic = await t.api.sessions.list({ source: 'synthetic' });
    expect(synthetic.total).toBe(2);
    const fresh = synthetic.rows.find((r) => r.id !== first!.id)!;
    expect((await t.api.sessions.get({ id: fresh.id })).metadata.scenarioId).toBe(
      (await t.api.sessions.get({ id: first!.id })).metadata.scenarioId,
    );
  });
});

describe('scenario generation through the Batch API', () => {
  it('writes the scenarios from one batch, checking labels as a direct run does', async () => {
    await personas(3);
    await t.api.prompts.save({
      name: 'scenario',
      template: `{{persona}} {{theme}} {{distortionList}} {{coreBeliefs}} [[fake:reply=${scenarioReply(['Labeling'])}]]`,
    });
    const estimate = await t.api.scenarios.estimate({ ...run, providerId, useBatch: true });
    expect(estimate).toMatchObject({ calls: 3, seconds: null, basis: expect.stringMatching(/Batch API/) });
    const job = await t.api.scenarios.generate({ ...run, providerId, useBatch: true });
    expect(await settled(job.id)).toMatchObject({ status: 'succeeded', done: 3 });
    const { rows } = await t.api.scenarios.list({});
    expect(rows.map((r) => r.distortions)).toEqual([['labeling'], ['labeling'], ['labeling']]);
    expect((await t.api.calls.list({ jobId: job.id })).rows.every((c) => c.purpose === 'generate-scenario (batch)')).toBe(true);
  });
});

describe('session generation through the Batch API', () => {
  it('writes one-call sessions from one batch and refuses two agents in a batch', async () => {
    await personas(2);
    await t.api.prompts.save({
      name: 'scenario',
      template: `{{persona}} {{theme}} {{distortionList}} {{coreBeliefs}} [[fake:reply=${scenarioReply(['Labeling'])}]]`,
    });
    await settled((await t.api.scenarios.generate({ ...run, providerId })).id);
    await expect(t.api.sessions.generate({ ...run, providerId, mode: 'twoAgent', useBatch: true })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/one call per session/),
    });
    const session = JSON.stringify({
      turns: [
        { role: 'user', text: 'I feel stuck.' },
        { role: 'assistant', text: 'Stuck how?' },
        { role: 'user', text: 'At work.' },
        { role: 'assistant', text: 'Tell me about work.' },
      ],
      techniques: ['Socratic questioning'],
    });
    const template = (await t.api.prompts.list()).find((p) => p.name === 'session' && p.current)!.template;
    await t.api.prompts.save({ name: 'session', template: `${template}\n[[fake:reply=${session}]]` });
    const job = await t.api.sessions.generate({ ...run, providerId, mode: 'single', useBatch: true });
    expect(await settled(job.id)).toMatchObject({ status: 'succeeded', done: 2 });
    const s = await t.api.sessions.get({ id: (await t.api.sessions.list({ source: 'synthetic' })).rows[0]!.id });
    expect(s.turns).toHaveLength(4);
    expect(s.metadata.techniques).toEqual(['socratic-questioning']);
  });
});
