import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { evalRunSpec, startWithFakeProvider } from '../support/evaluationRun';
import { waitFor, type TestBackend } from '../support/testBackend';

// The study checklist reads a run's status as the run view does: a run whose jobs both ended
// "succeeded" while an earlier judgment stayed unscored is not a finished comparison.
const KEY = 'sk-study-run-status-0123456789';
const fake = fakeOpenAIForSuite({ apiKey: KEY });
let t: TestBackend;
let providerId: string;

beforeEach(async () => {
  // One call at a time and no retries, so one scripted server error fails exactly the first conversation.
  ({ t, providerId } = await startWithFakeProvider('Run status', fake, KEY, 1));
  await t.api.providers.update({ id: providerId, maxRetries: 0 });
});
afterEach(async () => {
  await t.cleanup();
});

async function scriptPrompt(name: string, marker: string) {
  const current = (await t.api.prompts.list()).find((p) => p.name === name && p.current)!;
  await t.api.prompts.save({ name, template: `${current.template}\n${marker}` });
}

const evaluateDetail = async () => (await t.api.study.status()).find((s) => s.step === 'evaluate')!.detail;

describe('the evaluate step', () => {
  it("is not finished while a judgment is missing, even when both of the run's jobs ended as succeeded", { timeout: 90_000 }, async () => {
    const rubric = (await t.api.rubrics.list()).find((r) => r.id === 'empathy-relevance')!;
    const verdict = (score: number | null) =>
      JSON.stringify({
        scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, { rationale: 'Turn 1.', score }])),
        safety: null,
        summary: 'ok',
      });
    // The judge reads the counselor's signature: for one arm it scores no criterion, so those judgments stay unscored.
    await scriptPrompt('judge', `[[fake:pick=${JSON.stringify({ 'signed Good': verdict(7), 'signed Odd': verdict(null) })}]]`);
    await scriptPrompt(
      'safety',
      `[[fake:reply=${JSON.stringify({ riskPresent: false, riskTypes: [], counselorMishandled: false, evidence: 'none' })}]]`,
    );
    const set = await t.api.evalSets.create({ name: 'Interviews' });
    const rows = [1, 2].map((i) => ({
      title: `Interview ${i}`,
      intake: `Interview ${i} next week; sleeping badly.`,
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
    const version = await t.api.evalSets.freeze({ setId: set.id });
    const spec = evalRunSpec(providerId, {
      name: 'Two arms',
      setVersionId: version.id,
      arms: ['Good', 'Odd'].map((label) => ({
        label,
        providerId,
        model: 'gpt-4o-mini',
        systemPrompt: `You are a counselor. [[fake:reply=I hear you (signed ${label}).]]`,
        temperature: null,
      })),
    });
    fake.addFault({ route: 'chat', kind: 'status500', times: 1 });
    const run = await t.api.evalRuns.start({ spec });
    const ended = (id: string) =>
      waitFor(async () => {
        const job = await t.api.jobs.get({ id });
        return job.status === 'running' || job.status === 'queued' ? null : job;
      }, 60_000);
    expect(await ended(run.conversationsJobId)).toMatchObject({ failed: 1 });
    const firstScoring = (await waitFor(async () => (await t.api.evalRuns.get({ id: run.id })).scoringJobId))!;
    expect((await ended(firstScoring)).status).toBe('problems');

    // The failed conversation runs again; its own scoring job succeeds, the odd arm's judgments stay unscored.
    await t.api.jobs.resume({ id: run.conversationsJobId });
    expect((await ended(run.conversationsJobId)).status).toBe('succeeded');
    const secondScoring = await waitFor(async () => {
      const id = (await t.api.evalRuns.get({ id: run.id })).scoringJobId;
      return id && id !== firstScoring ? id : null;
    });
    expect((await ended(secondScoring)).status).toBe('succeeded');

    const view = await t.api.evalRuns.get({ id: run.id });
    expect(view.status).toBe('problems');
    expect(view.judgments.scored).toBeLessThan(view.judgments.total);
    expect(await evaluateDetail()).toMatch(/^Two arms: not finished/);
  });
});
