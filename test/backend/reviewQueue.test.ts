import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { addFakeProvider, settledJob, startTestBackend, type TestBackend } from '../support/testBackend';

const KEY = 'sk-review-queue-test-012345678';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let t: TestBackend;
const N = 260;

beforeEach(async () => {
  t = await startTestBackend();
  await t.api.projects.create({ name: 'Queue' });
  const providerId = await addFakeProvider(t, fake.url, KEY, 4);
  await t.api.models.setRoleDefault({ role: 'judge', providerId, modelId: 'gpt-4o' });
  const file = join(mkdtempSync(join(tmpdir(), 'hds-queue-')), 'library.jsonl');
  const line = (i: number) =>
    JSON.stringify({
      messages: [
        { role: 'user', content: `Week marker${i}x was hard at work.` },
        { role: 'assistant', content: 'What went through your mind?' },
        { role: 'user', content: 'That I fail at everything.' },
        { role: 'assistant', content: 'Let us look at that thought.' },
      ],
    });
  writeFileSync(file, `${Array.from({ length: N }, (_, i) => line(i)).join('\n')}\n`);
  await settledJob(t, (await t.api.imports.start({ paths: [file] })).id);
});
afterEach(async () => {
  await t.cleanup();
});

async function pickPrompt(name: string, replies: Record<string, unknown>, fallback: unknown) {
  const base = (await t.api.prompts.list()).find((p) => p.name === name && p.current)!.template;
  const pick = Object.fromEntries([
    ...Object.entries(replies).map(([k, v]) => [k, JSON.stringify(v)]),
    ['marker', JSON.stringify(fallback)],
  ]);
  await t.api.prompts.save({ name, template: `${base}\n[[fake:pick=${JSON.stringify(pick)}]]` });
}

describe('5. a review queue that holds thousands', () => {
  it('lists every waiting session with counts per reason, and filters by reason, source, score, rubric and text', async () => {
    const rubric = (await t.api.rubrics.list()).find((r) => r.id === 'session-quality')!;
    const judged = (score: (c: (typeof rubric.criteria)[number]) => number) => ({
      scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, { rationale: 'Turn 2.', score: score(c) }])),
      safety: { riskPresent: false, handledAppropriately: null, notes: 'none' },
      summary: 'ok',
    });
    await pickPrompt(
      'judge',
      { marker1x: judged((c) => c.scale.min), marker2x: judged((c) => c.scale.min) },
      judged((c) => c.scale.max),
    );
    await pickPrompt(
      'safety',
      { marker3x: { riskPresent: true, riskTypes: ['self-harm'], counselorMishandled: true, evidence: 'Turn 3.' } },
      { riskPresent: false, riskTypes: [], counselorMishandled: false, evidence: 'none' },
    );
    const chosen: string[] = [];
    for (const i of [1, 2, 3, 4, 5, 6]) chosen.push((await t.api.review.queue({ search: `marker${i}x` })).rows[0]!.id);
    await settledJob(t, (await t.api.judge.start({ sessionIds: chosen })).id);

    const page = await t.api.review.queue({ limit: 5000 });
    expect(page.rows).toHaveLength(N); // more than the old 200, all of them
    expect(page.total).toBe(N);
    expect(page.counts).toEqual({ all: N, safety: 1, lowScore: 2, unscored: N - 6, personalDetails: 0 });
    expect(page.rows[0]!.review).toMatchObject({ safetyFlag: true }); // safety first

    const safety = await t.api.review.queue({ reason: 'safety', limit: 5000 });
    expect(safety.rows.map((r) => r.id)).toEqual([chosen[2]]);
    expect((await t.api.review.queue({ reason: 'lowScore' })).rows.map((r) => r.id).sort()).toEqual([chosen[0], chosen[1]].sort());
    expect((await t.api.review.queue({ minScore: 9 })).total).toBe(4);
    expect((await t.api.review.queue({ maxScore: 1 })).total).toBe(2);
    expect((await t.api.review.queue({ rubricId: 'session-quality' })).total).toBe(6);
    expect((await t.api.review.queue({ source: 'synthetic' })).total).toBe(0);
    expect((await t.api.review.queue({ search: 'marker217x' })).rows).toHaveLength(1);
    const byScore = await t.api.review.queue({ sort: 'score', limit: 3 });
    expect(byScore.rows.map((r) => r.judgeScore)).toEqual([0, 0, 10]);
  });

  it('offers regeneration for generated sessions only', async () => {
    const real = (await t.api.review.queue({ limit: 1 })).rows[0]!;
    await expect(t.api.review.decide({ id: real.id, decision: 'regenerate', reason: 'Too short.' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/Only a generated session can be sent back/),
    });
    expect((await t.api.sessions.get({ id: real.id })).status).toBe('draft');
  });
});
