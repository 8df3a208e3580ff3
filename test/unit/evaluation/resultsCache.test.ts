import { describe, expect, it } from 'vitest';
import type { EvaluationRepo } from '../../../src/main/core/evaluation/evaluationRepo';
import { buildResults } from '../../../src/main/core/evaluation/results';
import { resultsFromRepo, RunResultsCache } from '../../../src/main/core/evaluation/resultsCache';
import { defaultRubrics } from '../../../src/main/core/judging/defaultRubrics';
import { storedEvalRun } from '../../support/storedEvalRun';

const rubric = defaultRubrics.find((r) => r.id === 'empathy-relevance')!;
const ARMS = ['Base', 'Hybrid'];
const SCENARIOS = 8;
const REPEATS = 2;

/** A finished run of two arms over a few scenarios, judged twice each. */
const storedRun = () =>
  storedEvalRun({
    arms: ARMS,
    scenarios: SCENARIOS,
    repeats: REPEATS,
    rubrics: [rubric],
    score: (i, arm, repeat, c) => (c.id === 'empathy' ? 4 + arm + ((i + repeat) % 3) : 6),
  });

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
