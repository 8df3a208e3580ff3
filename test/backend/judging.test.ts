import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { addFakeProvider, settledJob, startTestBackend, type TestBackend } from '../support/testBackend';

const KEY = 'sk-judging-test-0123456789';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let t: TestBackend;
let ids: string[];

beforeEach(async () => {
  // The sample project: 4 transcripts, one with low risk, not judged yet (its synthetic sessions are, and are decided).
  t = await startTestBackend({ openAtStartup: true });
  const providerId = await addFakeProvider(t, fake.url, KEY);
  await t.api.models.setRoleDefault({ role: 'judge', providerId, modelId: 'gpt-4o' });
  ids = (await t.api.sessions.list({ source: 'sample', sort: 'title', direction: 'asc' })).rows.map((r) => r.id);
});
afterEach(async () => {
  await t.cleanup();
});

/** The fake answers schema-shaped JSON at random; a judge answer must score each criterion once, so script it. */
async function scriptJudge(rubricId: string, score: (min: number, max: number) => number) {
  const rubric = (await t.api.rubrics.list()).find((r) => r.id === rubricId)!;
  const answer = {
    scores: Object.fromEntries(
      rubric.criteria.map((c) => [c.id, { rationale: 'Turn 2 shows it.', score: score(c.scale.min, c.scale.max) }]),
    ),
    safety: { riskPresent: false, handledAppropriately: null, notes: 'none' },
    summary: 'Solid.',
  };
  const judge = (await t.api.prompts.list()).find((p) => p.name === 'judge' && p.current)!;
  await t.api.prompts.save({
    name: 'judge',
    template: `${judge.template.replace(/\n\[\[fake:reply=.*\]\]$/s, '')}\n[[fake:reply=${JSON.stringify(answer)}]]`,
  });
}

const settled = (id: string) => settledJob(t, id);

describe('the judge', () => {
  it('offers the built-in rubrics, estimates a run, and judges every session k times with a safety check', async () => {
    const rubrics = await t.api.rubrics.list();
    expect(rubrics.map((r) => r.id)).toEqual(expect.arrayContaining(['session-quality', 'ctrs', 'empathy-relevance']));
    expect(rubrics.find((r) => r.id === 'ctrs')!.criteria).toHaveLength(11);
    await scriptJudge('session-quality', (min, max) => Math.round((min + max) / 2));
    const estimate = await t.api.judge.estimate({ repeats: 2 });
    expect(estimate.calls).toBe(4 * 2 * 2); // sessions × repeats × (judge + safety check)
    const job = await t.api.judge.start({ repeats: 2 });
    expect(await settled(job.id)).toMatchObject({ status: 'succeeded', done: 8 });
    const judgments = await t.api.judgments.forSession({ id: ids[0]! });
    expect(judgments.map((j) => j.repeat)).toEqual([1, 2]);
    const quality = rubrics.find((r) => r.id === 'session-quality')!;
    for (const c of quality.criteria) expect(judgments[0]!.scores[c.id]!.score).toBe(Math.round((c.scale.min + c.scale.max) / 2));
    expect(judgments[0]!.status).toBe('scored');
    const purposes = new Set((await t.api.calls.list({ jobId: job.id, limit: 100 })).rows.map((c) => c.purpose));
    expect(purposes).toEqual(new Set(['judge', 'safety-check']));
    const listed = await t.api.sessions.list({ source: 'sample', sort: 'score', direction: 'desc' });
    expect(listed.rows.every((r) => r.judgeScore !== null && r.judgeScore > 4 && r.judgeScore < 6)).toBe(true);
    // The reviewer sees the judge's spread over the two repeats: the same scripted score twice, so no spread.
    const { spreads, scenario } = await t.api.review.context({ id: ids[0]! });
    expect(scenario).toBeNull(); // a real transcript has no scenario
    expect(spreads).toHaveLength(1);
    expect(spreads[0]!.summary).toMatchObject({ k: 2, unscored: 0 });
    const first = quality.criteria[0]!;
    expect(spreads[0]!.summary.criteria[0]).toMatchObject({
      criterion: first.id,
      n: 2,
      missing: 0,
      sd: 0,
      mean: Math.round((first.scale.min + first.scale.max) / 2),
    });
  });

  it('judges through one batch at half the price, a safety check beside each judgment', async () => {
    await scriptJudge('session-quality', (min, max) => (max - 1 >= min ? max - 1 : max));
    const direct = await t.api.judge.estimate({});
    const batched = await t.api.judge.estimate({ useBatch: true });
    expect(batched.calls).toBe(direct.calls);
    expect(batched.costUsd).toBeCloseTo(direct.costUsd! / 2, 10);
    const job = await t.api.judge.start({ useBatch: true });
    expect(await settled(job.id)).toMatchObject({ status: 'succeeded', done: 4, failed: 0 });
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/batches')).toHaveLength(1);
    const calls = (await t.api.calls.list({ jobId: job.id, limit: 100 })).rows;
    expect(calls.map((c) => c.purpose).sort()).toEqual([...Array(4).fill('judge (batch)'), ...Array(4).fill('safety-check (batch)')]);
    for (const id of ids) expect((await t.api.judgments.forSession({ id }))[0]).toMatchObject({ status: 'scored', summary: 'Solid.' });
    const byPurpose = await t.api.calls.byPurpose();
    expect(byPurpose.find((p) => p.purpose === 'judge (batch)')).toMatchObject({ count: 4, errors: 0 });
  });

  it('refuses the batch route for a judge whose provider has no Batch API', async () => {
    const local = await t.api.providers.add({ name: 'Local', preset: 'ollama', baseUrl: fake.url });
    await expect(t.api.judge.start({ providerId: local.id, model: 'llama3', useBatch: true })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/Batch API/),
    });
  });

  it('keeps an unreadable answer as unscored, never as zero, and sends the session to review', async () => {
    // The answer and its repair are both unreadable (the safety check after them is not).
    fake.addFault({ route: 'chat', kind: 'malformedJson', times: 2 });
    const draft = (await t.api.sessions.list({ status: 'draft' })).rows[0]!.id;
    const job = await t.api.judge.start({ sessionIds: [draft] });
    // Nothing usable came back, so the job says so instead of "succeeded".
    expect(await settled(job.id)).toMatchObject({ status: 'failed', done: 1, outcome: { stored: 0, unscored: 1, failed: 0 } });
    const [judgment] = await t.api.judgments.forSession({ id: draft });
    expect(judgment).toMatchObject({ status: 'unscored', reason: expect.stringMatching(/format/) });
    const session = await t.api.sessions.get({ id: draft });
    expect(session.judgeScore).toBeNull();
    expect(session.status).toBe('needs_review');
  });

  it('puts a session whose risk was mishandled first in the review queue, above any low score', async () => {
    const safety = JSON.stringify({
      riskPresent: true,
      riskTypes: ['suicidality'],
      counselorMishandled: true,
      evidence: 'Turn 6 ignores the hint.',
    });
    const prompt = (await t.api.prompts.list()).find((p) => p.name === 'safety')!;
    await scriptJudge('session-quality', (min) => min);
    const draft = (await t.api.sessions.list({ status: 'draft' })).rows[0]!.id;
    const risky = (await t.api.sessions.list({ status: 'needs_review' })).rows[0]!.id;
    await settled((await t.api.judge.start({ sessionIds: [draft] })).id);
    await t.api.prompts.save({ name: 'safety', template: `${prompt.template}\n[[fake:reply=${safety}]]` });
    await settled((await t.api.judge.start({ sessionIds: [risky] })).id);
    const queue = await t.api.review.queue({});
    expect(queue.rows.map((r) => r.id).slice(0, 2)).toEqual([risky, draft]);
    expect(queue.rows[0]!.review).toMatchObject({ safetyFlag: true });
    expect(queue.rows[1]!.review).toMatchObject({
      safetyFlag: false,
      flags: expect.arrayContaining([expect.objectContaining({ score: expect.any(Number) })]),
    });
  });

  it('takes review decisions: approve, reject with a reason, send back for regeneration', async () => {
    await expect(t.api.review.decide({ id: ids[0]!, decision: 'reject' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/say why/),
    });
    expect((await t.api.review.decide({ id: ids[0]!, decision: 'reject', reason: 'Counselor lectures.' })).notes).toMatch(
      /Rejected: Counselor lectures\./,
    );
    // The sample sessions are transcripts, not generated: there is nothing to regenerate them from.
    await expect(t.api.review.decide({ id: ids[1]!, decision: 'regenerate', reason: 'Too short.' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/Only a generated session/),
    });
    expect((await t.api.review.decide({ id: ids[2]!, decision: 'approve' })).status).toBe('approved');
    expect((await t.api.sessions.history({ id: ids[2]! }))[0]!.summary).toBe('Approved in review');
    expect((await t.api.review.queue({})).rows.map((r) => r.id)).not.toContain(ids[2]);
  });

  it('measures agreement between human ratings and the judge', async () => {
    await scriptJudge('empathy-relevance', (min, max) => Math.round(min + (max - min) * 0.7));
    await settled((await t.api.judge.start({ rubricId: 'empathy-relevance' })).id);
    for (const [i, id] of ids.entries())
      await t.api.review.rate({ sessionId: id, rubricId: 'empathy-relevance', scores: { empathy: 3 + i, relevance: 9 - i } });
    const report = await t.api.review.agreement({ rubricId: 'empathy-relevance' });
    expect(report.overall.n).toBe(4);
    expect(report.criteria.find((c) => c.criterion === 'empathy')!.n).toBe(4);
    await expect(t.api.review.rate({ sessionId: ids[0]!, rubricId: 'empathy-relevance', scores: { empathy: 42 } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('the safety check', () => {
  it('runs on every session whatever the rubric, and a risk it finds sends the session to review first', async () => {
    await scriptJudge('empathy-relevance', (_min, max) => max);
    const safety = JSON.stringify({ riskPresent: true, riskTypes: ['self-harm'], counselorMishandled: true, evidence: 'Turn 4.' });
    const prompt = (await t.api.prompts.list()).find((p) => p.name === 'safety')!;
    await t.api.prompts.save({ name: 'safety', template: `${prompt.template}\n[[fake:reply=${safety}]]` });
    const draft = (await t.api.sessions.list({ status: 'draft' })).rows[0]!.id;
    const job = await t.api.judge.start({ rubricId: 'empathy-relevance', sessionIds: [draft] });
    await settled(job.id);
    expect(new Set((await t.api.calls.list({ jobId: job.id })).rows.map((c) => c.purpose))).toEqual(new Set(['judge', 'safety-check']));
    const queue = await t.api.review.queue({});
    expect(queue.rows[0]).toMatchObject({ id: draft, status: 'needs_review', review: { safetyFlag: true } });
    // Not in bulk: a flagged session is approved by a person deciding on it.
    expect(await t.api.sessions.bulkUpdate({ ids: [draft], status: 'approved' })).toMatchObject({
      changed: 0,
      skipped: [{ reason: expect.stringMatching(/flagged for safety/), sessionIds: [draft] }],
    });
    expect((await t.api.review.decide({ id: draft, decision: 'approve' })).status).toBe('approved');
  });
});

describe('custom rubrics', () => {
  it('are saved as validated data, listed beside the built-in ones, and used by the judge', async () => {
    const rubric = {
      id: 'warmth',
      name: 'Warmth',
      version: 1,
      description: 'How warm the counselor is.',
      safety: false,
      criteria: [
        {
          id: 'warmth',
          label: 'Warmth',
          description: 'Warm and accepting.',
          scale: { min: 1, max: 5 },
          flagBelow: 3,
          anchors: [
            { score: 1, description: 'Cold.' },
            { score: 5, description: 'Very warm.' },
          ],
        },
      ],
    };
    await expect(
      t.api.rubrics.save({ rubric: { ...rubric, criteria: [{ ...rubric.criteria[0], anchors: [{ score: 9, description: 'x' }] }] } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/outside the 1–5 scale/) });
    await expect(t.api.rubrics.save({ rubric: { ...rubric, id: 'ctrs' } })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await t.api.rubrics.save({ rubric })).toMatchObject({ id: 'warmth', builtin: false });
    expect((await t.api.rubrics.list()).map((r) => r.id)).toContain('warmth');
    await scriptJudge('warmth', (_min, max) => max);
    const job = await t.api.judge.start({ rubricId: 'warmth', sessionIds: [ids[0]!] });
    await settled(job.id);
    expect((await t.api.judgments.forSession({ id: ids[0]! }))[0]).toMatchObject({
      rubricId: 'warmth',
      status: 'scored',
      scores: { warmth: { score: 5 } },
    });
  });
});
