import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agreementStats } from '../../src/main/core/judging/agreement';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { addFakeProvider, settledJob, startTestBackend, type TestBackend } from '../support/testBackend';
import { whileAsking } from '../support/whileAsking';

const KEY = 'sk-calibration-test-0123456789';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let t: TestBackend;
let providerId: string;
const N = 20;

beforeEach(async () => {
  t = await startTestBackend();
  await t.api.projects.create({ name: 'Calibration' });
  providerId = await addFakeProvider(t, fake.url, KEY, 4);
  const dir = mkdtempSync(join(tmpdir(), 'hds-calibration-'));
  // Each transcript carries a marker word the scripted judges recognise it by.
  const files = Array.from({ length: N }, (_, i) => {
    const file = join(dir, `s${i}.txt`);
    writeFileSync(
      file,
      `Client: Week marker${i}x has been hard.\nTherapist: Tell me what happened.\nClient: I froze in a meeting.\nTherapist: What went through your mind?`,
    );
    return file;
  });
  await settledJob(t, (await t.api.imports.start({ paths: files })).id);
});
afterEach(async () => {
  await t.cleanup();
});

/** A judge prompt version whose answers depend on the session: `score(i)` for every criterion of session i. */
async function judgePrompt(score: (i: number, c: { scale: { min: number; max: number } }) => number) {
  const rubric = (await t.api.rubrics.list()).find((r) => r.id === 'empathy-relevance')!;
  const pick = Object.fromEntries(
    Array.from({ length: N }, (_, i) => [
      `marker${i}x`,
      JSON.stringify({
        scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, { rationale: 'Turn 2.', score: score(i, c) }])),
        safety: null,
        summary: 'ok',
      }),
    ]),
  );
  const base = (await t.api.prompts.list()).find((p) => p.name === 'judge' && p.current)!.template.replace(/\n\[\[fake:pick=.*\]\]$/s, '');
  await t.api.prompts.save({ name: 'judge', template: `${base}\n[[fake:pick=${JSON.stringify(pick)}]]` });
  return rubric;
}

describe('judge calibration', () => {
  it('compares two judges (model × prompt version) with 20 human ratings on the same sessions', async () => {
    const ids = (await t.api.sessions.list({ sort: 'title', direction: 'asc', limit: 100 })).rows.map((r) => ({
      id: r.id,
      i: Number(/s(\d+)/.exec(r.title)![1]),
    }));
    expect(ids).toHaveLength(N);
    // People's ratings: a spread over the scale.
    const level = (i: number, c: { scale: { min: number; max: number } }) => c.scale.min + ((i * 7) % (c.scale.max - c.scale.min + 1));
    const rubric = await judgePrompt((i, c) => level(i, c)); // judge A agrees with people
    for (const { id, i } of ids)
      await t.api.review.rate({
        sessionId: id,
        rubricId: rubric.id,
        scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, level(i, c)])),
      });
    await settledJob(t, (await t.api.judge.start({ rubricId: rubric.id, providerId, model: 'gpt-4o' })).id);
    await judgePrompt((i, c) => c.scale.min + ((i * 3 + 1) % (c.scale.max - c.scale.min + 1))); // judge B: another prompt, another model
    await settledJob(t, (await t.api.judge.start({ rubricId: rubric.id, providerId, model: 'gpt-4o-mini', again: true })).id);

    // The bootstrap intervals run on the worker pool: this thread keeps answering meanwhile.
    const asked = await whileAsking(t, () => t.api.review.calibration({ rubricId: rubric.id, resamples: 20_000 }));
    expect(asked.busy).toBeLessThan(0.5);
    expect(asked.answered).toBeGreaterThan(2);
    const report = await t.api.review.calibration({ rubricId: rubric.id, resamples: 500 });
    expect(report.humanSessions).toBe(N);
    expect(report.judges).toHaveLength(2);
    const [best, other] = report.judges;
    expect(best).toMatchObject({ model: 'gpt-4o', n: N, meanAbsDiff: 0, spearman: { estimate: 1 }, kendall: { estimate: 1 } });
    expect(best!.judge).toMatch(/^gpt-4o · judge v\d+ · rubric v\d+$/);
    expect(other!.model).toBe('gpt-4o-mini');
    expect(other!.prompt).not.toBe(best!.prompt);
    // The second judge's figures are the plain statistics of its pairs, with an interval around them.
    const norm = (v: number, c: { scale: { min: number; max: number } }) => (v - c.scale.min) / (c.scale.max - c.scale.min);
    const pairs = ids.map(({ i }) => [
      rubric.criteria.reduce((a, c) => a + norm(level(i, c), c), 0) / rubric.criteria.length,
      rubric.criteria.reduce((a, c) => a + norm(c.scale.min + ((i * 3 + 1) % (c.scale.max - c.scale.min + 1)), c), 0) /
        rubric.criteria.length,
    ]);
    const expected = agreementStats(
      pairs.map((p) => p[0]!),
      pairs.map((p) => p[1]!),
    );
    expect(other!.spearman!.estimate).toBeCloseTo(expected.spearman!, 12);
    expect(other!.kendall!.estimate).toBeCloseTo(expected.kendallTauB!, 12);
    expect(other!.meanAbsDiff).toBeCloseTo(expected.meanAbsDiff!, 12);
    expect(other!.spearman!.low).toBeLessThanOrEqual(other!.spearman!.estimate);
    expect(other!.spearman!.high).toBeGreaterThanOrEqual(other!.spearman!.estimate);
    expect(report.method).toMatch(/bootstrap/);
  });
});
