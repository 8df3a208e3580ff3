import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvalRunSpec } from '../../src/shared/api/evaluation';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { appendToPrompt, evalRunSpec, finishedRun, startWithFakeProvider } from '../support/evaluationRun';
import type { TestBackend } from '../support/testBackend';

// A three-arm run where the judge's score depends on which arm spoke: each arm's system prompt
// scripts its counselor to sign its turns, and the judge prompt picks a verdict by that signature.
const KEY = 'sk-evaluation-findings-0123456789';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let t: TestBackend;
let providerId: string;

beforeEach(async () => {
  ({ t, providerId } = await startWithFakeProvider('Findings', fake, KEY));
});
afterEach(async () => {
  await t.cleanup();
});

const LEVELS: Record<string, { empathy: number; relevance: number | null }> = {
  'signed Hybrid': { empathy: 8, relevance: 7 },
  'signed Base': { empathy: 8, relevance: 7 },
  'signed Real': { empathy: 5, relevance: 7 },
};

async function setUp(scenarios: number, levels = LEVELS) {
  const rubric = (await t.api.rubrics.list()).find((r) => r.id === 'empathy-relevance')!;
  const verdict = (level: { empathy: number; relevance: number | null }) =>
    JSON.stringify({
      scores: Object.fromEntries(
        rubric.criteria.map((c) => [c.id, { rationale: 'Turn 1.', score: level[c.id as 'empathy' | 'relevance'] }]),
      ),
      safety: null,
      summary: 'ok',
    });
  await appendToPrompt(
    t,
    'judge',
    `[[fake:pick=${JSON.stringify(Object.fromEntries(Object.entries(levels).map(([needle, level]) => [needle, verdict(level)])))}]]`,
  );
  await appendToPrompt(
    t,
    'safety',
    `[[fake:reply=${JSON.stringify({ riskPresent: false, riskTypes: [], counselorMishandled: false, evidence: 'none' })}]]`,
  );
  const set = await t.api.evalSets.create({ name: 'Interviews' });
  const rows = Array.from({ length: scenarios }, (_, i) => ({
    title: `Interview ${i + 1}`,
    intake: `Interview ${i + 1} next week; sleeping badly.`,
    style: 'plain',
    riskLevel: 'none',
    cognitiveModel: {
      situation: 'An interview.',
      automaticThought: 'They will see through me.',
      emotion: 'Fear 70',
      behaviour: 'Cancels.',
      coreBelief: 'I am incompetent',
      distortions: ['mind-reading'],
    },
  }));
  await t.api.evalSets.import({ setId: set.id, format: 'json', content: JSON.stringify(rows) });
  return t.api.evalSets.freeze({ setId: set.id });
}

const spec = (setVersionId: string, over: Partial<EvalRunSpec> = {}): EvalRunSpec =>
  evalRunSpec(providerId, {
    name: 'Three arms',
    setVersionId,
    arms: ['Hybrid', 'Base', 'Real'].map((label) => ({
      label,
      providerId,
      model: 'gpt-4o-mini',
      systemPrompt: `You are a counselor. [[fake:reply=I hear you (signed ${label}).]]`,
      temperature: null,
    })),
    seeds: 2,
    judgeRepeats: 2,
    ...over,
  });

const finished = (runId: string) => finishedRun(t, runId);

const judgeCalls = () =>
  fake.requests
    .filter((r) => r.path === '/v1/chat/completions' && JSON.stringify(r.body).includes('fake:pick'))
    .map((r) => r.body as { temperature?: number });

describe('what a run found', { timeout: 90_000 }, () => {
  it('states every significant pairwise result in the summary, pairs scenarios, and names the Holm family', async () => {
    const v = await setUp(8);
    const before = judgeCalls().length;
    const run = await t.api.evalRuns.start({ spec: spec(v.id) });
    expect(await finished(run.id)).toMatchObject({ status: 'done', conversations: { done: 48 } });
    // Repeats sample: without a setting they run at 0.7, not 0.
    const calls = judgeCalls().slice(before);
    expect(calls).toHaveLength(48 * 2);
    expect(new Set(calls.map((c) => c.temperature))).toEqual(new Set([0.7]));

    const results = await t.api.evalRuns.results({ id: run.id, resamples: 500 });
    expect(results.comparisons.every((c) => c.n === 8)).toBe(true);
    // 2 criteria × 3 pairs; exact p = 2/2^8 for the two real differences, × 6 by Holm = 0.047.
    expect(results.holm).toEqual({ family: 'all', tests: 6, alpha: 0.05 });
    expect(results.judgeTemperature).toBe(0.7);
    expect(Object.keys(results.reliability['empathy-relevance.empathy']!.perArm!)).toEqual(['Hybrid', 'Base', 'Real']);
    expect(results.winners['empathy-relevance.empathy']).toBeNull(); // two arms lead together: no single winner

    const files = await t.api.evalRuns.report({ id: run.id, outDir: mkdtempSync(join(tmpdir(), 'findings-')) });
    const html = readFileSync(files.html, 'utf8');
    const summary = /<section id="summary">[\s\S]*?<\/section>/.exec(html)![0];
    expect(summary).toContain(
      'Hybrid scored higher than Real on Empathy: difference +3.00 [3.00, 3.00] (95% CI), Wilcoxon W = 0, Holm p = 0.047, 8 scenarios.',
    );
    expect(summary).toContain('Base scored higher than Real on Empathy');
    expect(summary).not.toMatch(/Hybrid scored higher than Base|Relevance:/);
    expect(summary).toContain('all 6 comparisons of the run');
    expect(summary).toContain('temperature 0.7');
    // The models table names the provider as people named it, never by its internal id.
    const models = /<table id="models-table">[\s\S]*?<\/table>/.exec(html)![0];
    // (The id may sit in a hover title; the text people read names the provider.)
    expect(models.replace(/<[^>]*>/g, '').includes(providerId)).toBe(false);
    expect(models.match(/<td>Fake<\/td>/g)).toHaveLength(3);
  });

  it('counts a valid "cannot judge" apart from missing, per conversation and per judgment', async () => {
    const v = await setUp(3, { ...LEVELS, 'signed Real': { empathy: 5, relevance: null } });
    const run = await t.api.evalRuns.start({ spec: spec(v.id, { seeds: 1, judgeRepeats: 1 }) });
    expect(await finished(run.id)).toMatchObject({ status: 'done' });
    const results = await t.api.evalRuns.results({ id: run.id, resamples: 200 });
    expect(results.stats.Real!['empathy-relevance.relevance']).toMatchObject({
      n: 0,
      missing: 0,
      missingJudgments: 0,
      notJudged: 3,
      conversations: 3,
    });
    expect(results.stats.Hybrid!['empathy-relevance.relevance']).toMatchObject({ n: 3, missing: 0, notJudged: 0 });
  });

  it('says plainly when nothing is significant, and uses the run’s judge temperature and Holm family', async () => {
    const v = await setUp(3);
    const before = judgeCalls().length;
    const run = await t.api.evalRuns.start({ spec: spec(v.id, { seeds: 1, judgeTemperature: 0.3, holmFamily: 'criterion' }) });
    expect(await finished(run.id)).toMatchObject({ status: 'done' });
    expect(
      new Set(
        judgeCalls()
          .slice(before)
          .map((c) => c.temperature),
      ),
    ).toEqual(new Set([0.3]));
    const files = await t.api.evalRuns.report({ id: run.id, outDir: mkdtempSync(join(tmpdir(), 'findings-')) });
    const summary = /<section id="summary">[\s\S]*?<\/section>/.exec(readFileSync(files.html, 'utf8'))![0];
    expect(summary).toContain(
      'No pairwise difference is significant after Holm&#39;s correction over the model pairs within each criterion',
    );
  });
});
