import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { EvalRunSpec, EvalScenario } from '../../../src/shared/api/evaluation';
import { migrate } from '../../../src/main/core/db/migrate';
import { migrations } from '../../../src/main/core/db/migrations';
import { EvaluationRepo, type EvalRunRow } from '../../../src/main/core/evaluation/evaluationRepo';
import { buildResults } from '../../../src/main/core/evaluation/results';
import { resultsFromRepo, RunResultsCache } from '../../../src/main/core/evaluation/resultsCache';
import { defaultRubrics } from '../../../src/main/core/judging/defaultRubrics';

const rubric = defaultRubrics.find((r) => r.id === 'empathy-relevance')!;
const ARMS = ['Base', 'Hybrid'];
const SCENARIOS = 8;
const REPEATS = 2;

const scenario = (i: number): EvalScenario => ({
  id: `sc${i}`,
  title: `Scenario ${i}`,
  intake: 'Worried about exams.',
  style: 'plain',
  riskLevel: 'none',
  cognitiveModel: {
    situation: 'An exam.',
    automaticThought: 'I will fail.',
    emotion: 'Fear 60',
    behaviour: 'Avoids.',
    coreBelief: 'I am incompetent',
    distortions: ['catastrophizing'],
  },
  source: 'manual',
});

/** A finished run of two arms over a few scenarios, judged twice each, stored as the scoring job stores it. */
function storedRun() {
  const db = new Database(':memory:');
  migrate(db, migrations);
  const repo = new EvaluationRepo(db);
  repo.insertSet({ id: 'set', name: 'Set', description: '', createdAt: 1, updatedAt: 1 });
  repo.insertVersion({
    id: 'v1',
    setId: 'set',
    contentHash: 'h',
    scenarios: Array.from({ length: SCENARIOS }, (_, i) => scenario(i)),
    createdAt: 1,
  });
  const spec = {
    name: 'Run',
    setVersionId: 'v1',
    arms: ARMS.map((label) => ({ label, providerId: 'p', model: 'm', systemPrompt: null })),
    rubricIds: [rubric.id],
    formulation: false,
    seeds: 1,
    judgeRepeats: REPEATS,
  } as unknown as EvalRunSpec;
  const run: EvalRunRow = { id: 'run', spec, setVersionId: 'v1', conversationsJobId: 'job', scoringJobId: null, createdAt: 1 };
  repo.insertRun(run);
  const score = (i: number, arm: number, repeat: number) => 4 + arm + ((i + repeat) % 3);
  for (let i = 0; i < SCENARIOS; i++)
    ARMS.forEach((_, arm) => {
      const id = `c${i}-${arm}`;
      repo.saveConversation({
        id,
        runId: 'run',
        scenarioId: `sc${i}`,
        arm,
        seed: 1,
        turns: [],
        endedBy: 'limit',
        costUsd: 0,
        createdAt: 1,
      });
      for (let repeat = 1; repeat <= REPEATS; repeat++) judge(repo, id, repeat, score(i, arm, repeat));
    });
  return { repo, run };
}

function judge(repo: EvaluationRepo, conversationId: string, repeat: number, empathy: number) {
  repo.saveJudgment({
    conversationId,
    kind: rubric.id,
    repeat,
    status: 'scored',
    result: { scores: { empathy, relevance: 6 }, rationales: {} },
    createdAt: 1,
  });
}

/** The real statistics, counted. */
function countingCache() {
  const calls: number[] = [];
  const cache = new RunResultsCache((repo, run, rubrics, resamples) => {
    calls.push(resamples);
    return resultsFromRepo(repo, run, rubrics, resamples);
  });
  return { cache, calls };
}

describe("a run's cached results", () => {
  it('are computed once while the scores stay as they are, and again as soon as one changes', async () => {
    const { repo, run } = storedRun();
    const { cache, calls } = countingCache();
    const first = await cache.results(repo, run, [rubric], 300);
    const again = await cache.results(repo, run, [rubric], 300);
    expect(calls).toEqual([300]);
    expect(again).toEqual(first);
    expect(first.reliability['empathy-relevance.empathy']!.iccCi).toBeDefined();

    // A rescored judgment (the same row written again, with another score) is new data.
    judge(repo, 'c0-1', 1, 10);
    const rescored = await cache.results(repo, run, [rubric], 300);
    expect(calls).toEqual([300, 300]);
    expect(rescored.stats['Hybrid']!['empathy-relevance.empathy']!.mean).not.toBe(
      first.stats['Hybrid']!['empathy-relevance.empathy']!.mean,
    );
    expect(rescored).toEqual(buildResults(run, repo.version('v1')!, [rubric], repo.conversations('run'), repo.judgments('run'), 300));

    // A new judgment (a third repeat) too.
    judge(repo, 'c1-0', 3, 7);
    await cache.results(repo, run, [rubric], 300);
    expect(calls).toHaveLength(3);
    await cache.results(repo, run, [rubric], 300);
    expect(calls).toHaveLength(3);
  });

  it('are kept per number of resamples and per rubric, and a caller changing its copy changes nothing', async () => {
    const { repo, run } = storedRun();
    const { cache, calls } = countingCache();
    const results = await cache.results(repo, run, [rubric], 300);
    results.models.push('tampered');
    expect((await cache.results(repo, run, [rubric], 300)).models).toEqual(ARMS);
    await cache.results(repo, run, [rubric], 100);
    expect(calls).toEqual([300, 100]);
    const edited = { ...rubric, criteria: rubric.criteria.map((c) => (c.id === 'empathy' ? { ...c, label: 'Warmth' } : c)) };
    const relabelled = await cache.results(repo, run, [edited], 300);
    expect(calls).toEqual([300, 100, 300]);
    expect(relabelled.criteria.map((c) => c.label)).toContain('Warmth');
  });
});
