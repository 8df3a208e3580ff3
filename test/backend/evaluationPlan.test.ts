import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { appendToPrompt, evalRunSpec, startWithFakeProvider } from '../support/evaluationRun';
import { waitFor, type TestBackend } from '../support/testBackend';

// A pilot run with known scenario means. The simulated client says its case number (its intake),
// each arm's counselor answers with a tag picked by that case, and the judge scores empathy by the
// tag: so arm × scenario scores are set here, and the planner must recover their SDs and correlation.
const KEY = 'sk-evaluation-plan-0123456789';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let t: TestBackend;
let providerId: string;

beforeEach(async () => {
  ({ t, providerId } = await startWithFakeProvider('Plan', fake, KEY));
});
afterEach(async () => {
  await t.cleanup();
});

const BASE = [5, 6, 7, 5, 6, 8, 4, 6, 7, 5];
const SCORES: Record<string, number[]> = {
  Hybrid: BASE.map((b, i) => b + (i % 3 === 0 ? 2 : 1)),
  Real: BASE.map((b, i) => b + (i % 4 === 1 ? 1 : 0)),
};
const tag = (arm: string, i: number) => `(${arm}-${String(i).padStart(2, '0')})`;
const caseOf = (i: number) => `case-${String(i).padStart(2, '0')}`;

function sd(xs: number[]): number {
  const m = xs.reduce((s, v) => s + v, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length - 1));
}
function correlation(x: number[], y: number[]): number {
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  const cov = x.reduce((s, v, i) => s + (v - mx) * (y[i]! - my), 0) / (x.length - 1);
  return cov / (sd(x) * sd(y));
}

describe('the sample-size planner', { timeout: 90_000 }, () => {
  it('takes SDs and the correlation from a pilot run and gives the power of its own comparisons', async () => {
    const rubric = (await t.api.rubrics.list()).find((r) => r.id === 'empathy-relevance')!;
    const verdict = (empathy: number) =>
      JSON.stringify({
        scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, { rationale: 'Turn 1.', score: c.id === 'empathy' ? empathy : 7 }])),
        safety: null,
        summary: 'ok',
      });
    const judgePick = Object.fromEntries(
      Object.entries(SCORES).flatMap(([arm, scores]) => scores.map((s, i) => [tag(arm, i), verdict(s)])),
    );
    await appendToPrompt(t, 'judge', `[[fake:pick=${JSON.stringify(judgePick)}]]`);
    await appendToPrompt(
      t,
      'safety',
      `[[fake:reply=${JSON.stringify({ riskPresent: false, riskTypes: [], counselorMishandled: false, evidence: 'none' })}]]`,
    );
    await appendToPrompt(t, 'client', '[[fake:reply=I am {{persona}}]]');
    const set = await t.api.evalSets.create({ name: 'Cases' });
    const rows = BASE.map((_, i) => ({
      title: `Case ${i}`,
      intake: `${caseOf(i)} and worried.`,
      style: 'plain',
      riskLevel: 'none',
      cognitiveModel: {
        situation: 'A test.',
        automaticThought: 'I will fail.',
        emotion: 'Fear 60',
        behaviour: 'Avoids.',
        coreBelief: 'I am incompetent',
        distortions: ['catastrophizing'],
      },
    }));
    await t.api.evalSets.import({ setId: set.id, format: 'json', content: JSON.stringify(rows) });
    const version = await t.api.evalSets.freeze({ setId: set.id });
    const counselor = (arm: string) =>
      `You are a counselor. [[fake:pick=${JSON.stringify(Object.fromEntries(BASE.map((_, i) => [caseOf(i), `I hear you ${tag(arm, i)}.`])))}]]`;
    const spec = evalRunSpec(providerId, {
      name: 'Pilot',
      setVersionId: version.id,
      arms: ['Hybrid', 'Real'].map((label) => ({
        label,
        providerId,
        model: 'gpt-4o-mini',
        systemPrompt: counselor(label),
        temperature: null,
      })),
    });
    const run = await t.api.evalRuns.start({ spec });
    await waitFor(async () => ((await t.api.evalRuns.get({ id: run.id })).status === 'done' ? true : null), 60_000);

    const plan = await t.api.evalRuns.plan({ id: run.id, difference: 0.3, criterion: 'empathy-relevance.empathy' });
    expect(plan.assumptions).toMatchObject({ source: 'pilot', criterion: 'empathy-relevance.empathy', a: 'Hybrid', b: 'Real' });
    expect(plan.assumptions.sdA).toBeCloseTo(sd(SCORES.Hybrid!), 10);
    expect(plan.assumptions.sdB).toBeCloseTo(sd(SCORES.Real!), 10);
    expect(plan.assumptions.correlation).toBeCloseTo(correlation(SCORES.Hybrid!, SCORES.Real!), 10);
    const differences = SCORES.Hybrid!.map((h, i) => h - SCORES.Real![i]!);
    expect(plan.assumptions.sdDifference).toBeCloseTo(sd(differences), 10);
    // One pair, two criteria, Holm over all comparisons of the run.
    expect(plan.family).toEqual({ kind: 'all', tests: 2, alphaPerTest: 0.025 });
    expect(plan.required.n).toBeGreaterThan(10);
    expect(plan.required.power).toBeGreaterThanOrEqual(0.8);

    const empathy = plan.current.find((c) => c.criterion === 'empathy-relevance.empathy')!;
    expect(empathy).toMatchObject({ a: 'Hybrid', b: 'Real', n: 10 });
    expect(empathy.observedDifference).toBeCloseTo(differences.reduce((s, d) => s + d, 0) / 10, 10);
    // A difference of about 1.1 points with an SD of about 0.6 over 10 scenarios: near-certain detection.
    expect(empathy.power).toBeGreaterThan(0.9);

    await expect(t.api.evalRuns.plan({ id: run.id, difference: 0.3, criterion: 'nope' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/no criterion "nope"/),
    });
    await expect(t.api.evalRuns.plan({ difference: 0.3 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/Enter the SD/),
    });
  });
});
