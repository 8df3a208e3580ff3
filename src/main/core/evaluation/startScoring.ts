import { judgeTemperatureOf, type EvalRunSpec } from '../../../shared/api/evaluation';
import type { EventBus } from '../events';
import { currentPrompt } from '../generation/domainPack';
import { rubricsOf } from '../judging/projectRubrics';
import type { EvaluationRepo } from './evaluationRepo';
import type { JobRunner } from '../jobs/jobRunner';
import type { JudgmentsRepo } from '../judging/judgmentsRepo';
import type { ProjectMetaRepo } from '../db/projectMetaRepo';
import type { PromptsRepo } from '../generation/promptsRepo';
import type { ProvidersRepo } from '../llm/providersRepo';

/** What each conversation is judged for: every rubric k times, the safety check once, the formulation k times. */
export function scoringKinds(spec: EvalRunSpec): { kind: string; repeats: number }[] {
  return [
    ...spec.rubricIds.map((id) => ({ kind: id, repeats: spec.judgeRepeats })),
    { kind: 'safety', repeats: 1 },
    ...(spec.formulation ? [{ kind: 'formulation', repeats: spec.judgeRepeats }] : []),
  ];
}

/**
 * Starts judging every conversation of a run that has no verdict yet. Called when the conversations
 * job finishes, so conversations retried later (a resumed job) are scored by a job of their own.
 */
export function startScoring(
  project: {
    evaluation: EvaluationRepo;
    jobs: JobRunner;
    meta: ProjectMetaRepo;
    prompts: PromptsRepo;
    providers: ProvidersRepo;
    judgments: JudgmentsRepo;
  },
  runId: string,
  events: EventBus,
): void {
  const run = project.evaluation.run(runId);
  if (!run) return;
  const done = new Set(project.evaluation.judgments(runId).map((j) => `${j.conversationId}:${j.kind}:${j.repeat}`));
  const items = project.evaluation
    .conversations(runId)
    .flatMap((c) =>
      scoringKinds(run.spec).flatMap(({ kind, repeats }) =>
        Array.from({ length: repeats }, (_, i) => ({ conversationId: c.id, kind, repeat: i + 1 })),
      ),
    )
    .filter((i) => !done.has(`${i.conversationId}:${i.kind}:${i.repeat}`));
  if (items.length === 0) return;
  const job = project.jobs.create(
    'evalScoring',
    {
      runId,
      title: `Score ${run.spec.name}: ${items.length} judgments with ${run.spec.judge.model}`,
      concurrency: project.providers.get(run.spec.judge.providerId)?.concurrency ?? 4,
      judge: run.spec.judge,
      rubrics: rubricsOf(project, run.spec.rubricIds),
      judgePrompt: currentPrompt(project, 'judge'),
      safetyPrompt: currentPrompt(project, 'safety'),
      formulationPrompt: run.spec.formulation ? currentPrompt(project, 'formulation') : null,
      items,
      useBatch: run.spec.useBatchForScoring,
      judgeTemperature: judgeTemperatureOf(run.spec),
    },
    { budgetUsd: run.spec.budgetUsd },
  );
  project.evaluation.setJobs(runId, { scoringJobId: job.id });
  events.emit('data.changed', { entity: 'evaluation' });
  events.emit('data.changed', { entity: 'jobs' });
}
