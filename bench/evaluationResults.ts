import type { EvalRunRow, EvaluationRepo } from '../src/main/core/evaluation/evaluationRepo';
import { RunResultsCache } from '../src/main/core/evaluation/resultsCache';
import { defaultRubrics } from '../src/main/core/judging/defaultRubrics';
import type { Rubric } from '../src/main/core/judging/rubric';
import { mulberry32 } from '../src/main/core/util/random';
import { storedEvalRun } from '../test/support/storedEvalRun';
import { printSection } from './measure';

const ARMS = ['Base', 'Real-only', 'Hybrid'];
const SCENARIOS = 50;
const REPEATS = 3;
const RESAMPLES = 10_000;

/** A judged run: 3 arms × 50 scenarios, each conversation judged 3 times on two rubrics (the CTRS's 11 items and empathy/relevance). */
function storedRun(): { repo: EvaluationRepo; run: EvalRunRow; rubrics: Rubric[] } {
  const rubrics = defaultRubrics.filter((r) => r.id === 'empathy-relevance' || r.id === 'ctrs');
  const random = mulberry32(11);
  const score = (c: Rubric['criteria'][number]) => Math.round(c.scale.min + (c.scale.max - c.scale.min) * random());
  return { ...storedEvalRun({ arms: ARMS, scenarios: SCENARIOS, repeats: REPEATS, rubrics, score: (_s, _a, _r, c) => score(c) }), rubrics };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return Math.round(performance.now() - started);
}

/** evalRuns.results and the plan's pilot on a full run: computed, asked again, and after one judgment is rescored. */
export async function evaluationResultsBench(): Promise<Record<string, unknown>> {
  const { repo, run, rubrics } = storedRun();
  const cache = new RunResultsCache();
  const ask = (resamples: number) => timed(() => cache.results(repo, run, rubrics, resamples));
  const figures = {
    shape: `${ARMS.length} arms × ${SCENARIOS} scenarios × ${REPEATS} judge repeats, ${rubrics.map((r) => r.id).join(' + ')}`,
    'results, first call (computes), ms': await ask(RESAMPLES),
    'results, asked again (kept), ms': await ask(RESAMPLES),
    'plan pilot, first call, ms': await ask(100),
    'plan pilot, asked again, ms': await ask(100),
    'results after one judgment is rescored (computes), ms': await (async () => {
      repo.saveJudgment({
        conversationId: 'c0-0',
        kind: rubrics[0]!.id,
        repeat: 1,
        status: 'scored',
        result: { scores: {} },
        createdAt: 2,
      });
      return ask(RESAMPLES);
    })(),
  };
  printSection('Evaluation results per run (RunResultsCache)', figures);
  return figures;
}
