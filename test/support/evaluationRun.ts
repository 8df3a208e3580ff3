import type { EvalRunSpec } from '../../src/shared/api/evaluation';
import { addFakeProvider, startTestBackend, waitFor, type TestBackend } from './testBackend';

/** A fresh backend with a named project and the fake provider (its key set), as evaluation tests start. */
export async function startWithFakeProvider(
  project: string,
  fake: { url: string },
  key: string,
  concurrency = 8,
): Promise<{ t: TestBackend; providerId: string }> {
  const t = await startTestBackend();
  await t.api.projects.create({ name: project });
  return { t, providerId: await addFakeProvider(t, fake.url, key, concurrency) };
}

/** Appends a fake-server marker to the current version of a prompt, so its calls answer as scripted. */
export async function appendToPrompt(t: Pick<TestBackend, 'api'>, name: string, marker: string): Promise<void> {
  const current = (await t.api.prompts.list()).find((p) => p.name === name && p.current)!;
  await t.api.prompts.save({ name, template: `${current.template}\n${marker}` });
}

/**
 * A small run on one provider: one turn, one seed, one judgment, no formulation, batch or budget;
 * the simulator is gpt-4o at 0.8 and the judge gpt-4o-mini on the empathy-relevance rubric.
 */
export function evalRunSpec(
  providerId: string,
  spec: Pick<EvalRunSpec, 'name' | 'setVersionId' | 'arms'> & Partial<EvalRunSpec>,
): EvalRunSpec {
  const { name, setVersionId, arms, ...over } = spec;
  return {
    name,
    setVersionId,
    arms,
    sharedSystemPrompt: null,
    simulator: { providerId, model: 'gpt-4o', temperature: 0.8 },
    judge: { providerId, model: 'gpt-4o-mini' },
    rubricIds: ['empathy-relevance'],
    formulation: false,
    turns: 1,
    seeds: 1,
    judgeRepeats: 1,
    useBatchForScoring: false,
    budgetUsd: null,
    ...over,
  };
}

/** Waits until a run ends: done, problems, failed or stopped. */
export function finishedRun(t: Pick<TestBackend, 'api'>, runId: string, timeoutMs = 60_000) {
  return waitFor(async () => {
    const r = await t.api.evalRuns.get({ id: runId });
    return r.status === 'done' || r.status === 'problems' || r.status === 'failed' || r.status === 'stopped' ? r : null;
  }, timeoutMs);
}
