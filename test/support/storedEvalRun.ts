import Database from 'better-sqlite3';
import type { EvalRunSpec, EvalScenario } from '../../src/shared/api/evaluation';
import { migrate } from '../../src/main/core/db/migrate';
import { migrations } from '../../src/main/core/db/migrations';
import { EvaluationRepo, type EvalRunRow } from '../../src/main/core/evaluation/evaluationRepo';
import type { Rubric } from '../../src/main/core/judging/rubric';

export interface StoredEvalRunOptions {
  arms: string[];
  scenarios: number;
  repeats: number;
  rubrics: Rubric[];
  /** The judge's score of a criterion for a scenario, arm and repeat. */
  score: (scenario: number, arm: number, repeat: number, criterion: Rubric['criteria'][number]) => number;
}

/** An evaluation run judged and stored as the scoring job stores it (one seed), in a migrated in-memory project database. */
export function storedEvalRun(o: StoredEvalRunOptions): { repo: EvaluationRepo; run: EvalRunRow } {
  const db = new Database(':memory:');
  migrate(db, migrations);
  const repo = new EvaluationRepo(db);
  const scenarios = Array.from({ length: o.scenarios }, (_, i): EvalScenario => ({
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
  }));
  repo.insertSet({ id: 'set', name: 'Set', description: '', createdAt: 1, updatedAt: 1 });
  repo.insertVersion({ id: 'v1', setId: 'set', contentHash: 'h', scenarios, createdAt: 1 });
  const spec = {
    name: 'Run',
    setVersionId: 'v1',
    arms: o.arms.map((label) => ({ label, providerId: 'p', model: 'm', systemPrompt: null })),
    rubricIds: o.rubrics.map((r) => r.id),
    formulation: false,
    seeds: 1,
    judgeRepeats: o.repeats,
  } as unknown as EvalRunSpec;
  const run: EvalRunRow = { id: 'run', spec, setVersionId: 'v1', conversationsJobId: 'job', scoringJobId: null, createdAt: 1 };
  repo.insertRun(run);
  for (let i = 0; i < o.scenarios; i++)
    o.arms.forEach((_, arm) => {
      const id = `c${i}-${arm}`;
      repo.saveConversation({
        id,
        runId: run.id,
        scenarioId: `sc${i}`,
        arm,
        seed: 1,
        turns: [],
        endedBy: 'limit',
        costUsd: 0,
        createdAt: 1,
      });
      for (const rubric of o.rubrics)
        for (let repeat = 1; repeat <= o.repeats; repeat++) {
          const scores = Object.fromEntries(rubric.criteria.map((c) => [c.id, o.score(i, arm, repeat, c)]));
          repo.saveJudgment({
            conversationId: id,
            kind: rubric.id,
            repeat,
            status: 'scored',
            result: { scores, rationales: {} },
            createdAt: 1,
          });
        }
    });
  return { repo, run };
}
