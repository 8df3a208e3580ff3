import type { EvalRunStatus, EvalRunView } from '../../../shared/api/evaluation';
import { armLineage } from './armLineage';
import type { EvalRunRow } from './evaluationRepo';
import { scoringKinds } from './startScoring';
import type { DatasetsRepo } from '../datasets/datasetsRepo';
import type { EvaluationRepo } from './evaluationRepo';
import type { JobsRepo } from '../jobs/jobsRepo';
import type { ModelsRepo } from '../llm/modelsRepo';
import type { ProvidersRepo } from '../llm/providersRepo';

/** Project meta key: ids of runs whose report has been written. */
export const REPORTED_RUNS = 'reportedRuns';

/**
 * A run's state from its two jobs: conversations first, then their scoring.
 * "Done" only when every conversation was held and every judgment scored; a run that ended with
 * conversations or judgments missing "finished with problems", never done.
 */
export function evalRunStatus(conversations: string | undefined, scoring: string | undefined, judgmentsComplete = true): EvalRunStatus {
  const active = (s?: string) => s === 'running' || s === 'queued';
  if (active(conversations)) return 'conversing';
  if (active(scoring)) return 'scoring';
  if (scoring === 'succeeded' && conversations === 'succeeded' && judgmentsComplete) return 'done';
  if (scoring === 'succeeded' || scoring === 'problems') return 'problems';
  return conversations === 'failed' || scoring === 'failed' ? 'failed' : 'stopped';
}

/** A stored run's status and judgment counts: one reading for the run view and the study checklist. */
export function runStatusOf(project: { jobsRepo: JobsRepo; evaluation: EvaluationRepo }, run: EvalRunRow) {
  const conv = project.jobsRepo.get(run.conversationsJobId);
  const scoring = run.scoringJobId ? project.jobsRepo.get(run.scoringJobId) : undefined;
  const counts = project.evaluation.judgmentCounts(run.id, 'safety');
  const totalJudgments =
    (conv?.total ?? 0) *
    scoringKinds(run.spec)
      .filter((k) => k.kind !== 'safety')
      .reduce((a, k) => a + k.repeats, 0);
  return { status: evalRunStatus(conv?.status, scoring?.status, counts.scored >= totalJudgments), counts, totalJudgments, conv, scoring };
}

/** The run as screens and the CLI see it: its set, its two jobs' progress, its judgments and where each arm's model came from. */
export function runView(
  project: { jobsRepo: JobsRepo; evaluation: EvaluationRepo; models: ModelsRepo; datasets: DatasetsRepo; providers: ProvidersRepo },
  run: EvalRunRow,
): EvalRunView {
  const version = project.evaluation.version(run.setVersionId)!;
  const set = project.evaluation.set(version.summary.setId);
  const { status, counts, totalJudgments, conv, scoring } = runStatusOf(project, run);
  const ended = scoring?.status === 'succeeded' || scoring?.status === 'problems';
  return {
    id: run.id,
    spec: run.spec,
    setName: set?.name ?? 'Deleted set',
    setVersion: version.summary.version,
    setHash: version.summary.contentHash,
    status,
    conversationsJobId: run.conversationsJobId,
    scoringJobId: run.scoringJobId,
    conversations: { total: conv?.total ?? 0, done: conv?.done ?? 0, failed: conv?.failed ?? 0 },
    // Once scoring has ended, judgments never stored (their calls failed) are missing too, not just the unscored ones.
    judgments: {
      total: totalJudgments,
      scored: counts.scored,
      missing: ended ? Math.max(counts.unscored, totalJudgments - counts.scored) : counts.unscored,
    },
    costUsd: (conv?.costUsd ?? 0) + (scoring?.costUsd ?? 0),
    createdAt: run.createdAt,
    ...armLineage(project, run.spec),
  };
}
