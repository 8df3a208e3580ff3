import { afterAll, describe, expect, it } from 'vitest';
import type { EvalRunSpec, EvalScenario } from '../../../src/shared/api/evaluation';
import type { GenerationEstimate } from '../../../src/shared/api/generation';
import { evaluationApi, type EvaluationParts } from '../../../src/main/core/evaluation/evaluationApi';
import { evalRunShapes, sumEstimates } from '../../../src/main/core/evaluation/runEstimate';
import { evalRunStatus } from '../../../src/main/core/evaluation/runStatus';
import { addProvider, bareProject, onlyParts } from '../../support/projectParts';
import { WorkerPool } from '../../../src/main/core/workers/workerPool';

const spec = (over: Partial<EvalRunSpec> = {}): EvalRunSpec => ({
  name: 'spec',
  setVersionId: 'v',
  arms: [
    { label: 'one', providerId: 'p', model: 'm1', systemPrompt: null, temperature: null },
    { label: 'two', providerId: 'p', model: 'm2', systemPrompt: null, temperature: null },
  ],
  sharedSystemPrompt: null,
  simulator: { providerId: 'p', model: 'sim', temperature: 0.7 },
  judge: { providerId: 'p', model: 'judge' },
  rubricIds: ['empathy-relevance', 'ctrs'],
  formulation: true,
  turns: 4,
  seeds: 3,
  judgeRepeats: 3,
  useBatchForScoring: false,
  budgetUsd: null,
  ...over,
});

describe('evaluation estimate maths', () => {
  it('counts conversations, each side’s calls and every judgment of a run', () => {
    const s = evalRunShapes(spec(), 5, 1000);
    // 5 scenarios × 2 arms × 3 seeds.
    expect(s.conversations).toBe(30);
    expect(s.counselor.calls).toBe(30 * 4);
    // The client's opening of each scenario and seed is shared by both arms: one call saved per scenario and seed.
    expect(s.client.calls).toBe(30 * 4 - 5 * 3);
    // Per conversation: 2 rubrics × 3 repeats, one safety check, the formulation × 3.
    expect(s.judgments).toBe(30 * (2 * 3 + 1 + 3));
    expect(s.judge.calls).toBe(s.judgments);
    // A longer judge prompt is read by every judgment call.
    expect(evalRunShapes(spec(), 5, 2000).judge.tokensInPerCall - s.judge.tokensInPerCall).toBe(1000);
    expect(evalRunShapes(spec({ formulation: false, judgeRepeats: 1 }), 5, 1000).judgments).toBe(30 * (2 + 1));
  });

  it('adds parts up, and leaves cost or time unknown when any part’s is', () => {
    const part = (costUsd: number | null, seconds: number | null): GenerationEstimate => ({
      calls: 2,
      tokensIn: 10,
      tokensOut: 5,
      costUsd,
      seconds,
      basis: '',
    });
    expect(sumEstimates([part(1, 10), part(2, 20)])).toEqual({ calls: 4, tokensIn: 20, tokensOut: 10, costUsd: 3, seconds: 30 });
    expect(sumEstimates([part(1, 10), part(null, 20)])).toMatchObject({ costUsd: null, seconds: 30 });
    expect(sumEstimates([part(1, null), part(2, 20)])).toMatchObject({ costUsd: 3, seconds: null });
  });
});

describe('evaluation run status', () => {
  it('reads the two jobs in order, and calls a run done only when every judgment was scored', () => {
    expect(evalRunStatus('running', undefined)).toBe('conversing');
    expect(evalRunStatus('queued', undefined)).toBe('conversing');
    expect(evalRunStatus('succeeded', 'running')).toBe('scoring');
    expect(evalRunStatus('succeeded', 'succeeded')).toBe('done');
    expect(evalRunStatus('succeeded', 'succeeded', false)).toBe('problems');
    expect(evalRunStatus('problems', 'succeeded')).toBe('problems');
    expect(evalRunStatus('failed', undefined)).toBe('failed');
    expect(evalRunStatus('succeeded', 'failed')).toBe('failed');
    expect(evalRunStatus('cancelled', undefined)).toBe('stopped');
  });
});

describe('evaluationApi over the parts it names', () => {
  const { project } = bareProject();
  const workers = new WorkerPool();
  afterAll(async () => {
    project.close();
    await workers.close();
  });
  const parts: EvaluationParts[] = [
    'file',
    'evaluation',
    'providers',
    'prices',
    'jobsRepo',
    'jobs',
    'meta',
    'prompts',
    'judgments',
    'datasets',
    'models',
  ];
  const emitted: unknown[] = [];
  const api = evaluationApi({
    project: () => onlyParts(project, parts),
    events: { emit: (name, payload) => emitted.push({ name, payload }) },
    dataDir: '/nowhere',
    workers,
  });
  const scenario: Omit<EvalScenario, 'id' | 'source'> = {
    title: 'Exam dread',
    intake: 'A student who cannot sleep before exams.',
    style: 'plain',
    riskLevel: 'none',
    cognitiveModel: {
      situation: 'The night before an exam',
      automaticThought: 'I will fail',
      emotion: 'fear',
      behaviour: 'stays up',
      coreBelief: 'I am not good enough',
      distortions: ['catastrophizing'],
    },
  };

  it('keeps a scenario set, freezes it and estimates a run without reaching past those parts', async () => {
    addProvider(project, 'p');
    const set = await api['evalSets.create']({ name: 'Exams' });
    const saved = await api['evalSets.saveScenario']({ setId: set.id, scenario });
    expect(saved.scenarios.map((s) => s.title)).toEqual(['Exam dread']);
    const version = await api['evalSets.freeze']({ setId: set.id });
    expect(version.scenarios).toBe(1);
    const estimate = await api['evalRuns.estimate']({ spec: spec({ setVersionId: version.id }) });
    expect(estimate.conversations).toBe(1 * 2 * 3);
    expect(estimate.judgments).toBe(evalRunShapes(spec(), 1, 0).judgments);
    expect(emitted).toContainEqual({ name: 'data.changed', payload: { entity: 'evaluation' } });
  });

  it('names the part it reached for when a test hands it fewer', () => {
    // Read as a whole project on purpose: the proxy, not the type, is what is tested here.
    const narrow = onlyParts(project, ['evaluation']) as typeof project;
    expect(() => narrow.providers).toThrow(/"providers", which is not among the parts/);
  });
});
