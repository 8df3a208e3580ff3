import type { EvalConversationView, EvalResults, EvalRunSpec, EvalScenario } from '../../../shared/api/evaluation';
import { ApiError } from '../../../shared/api/result';
import { currentPrompt } from '../generation/domainPack';
import { rubricsOf } from '../judging/projectRubrics';
import { newId } from '../util/ids';
import type { EvalRunRow } from './evaluationRepo';
import { criteriaOf, scoreLines } from './results';
import type { RunResultsCache } from './resultsCache';
import type { EvaluationRepo } from './evaluationRepo';
import type { JobRunner } from '../jobs/jobRunner';
import type { JudgmentsRepo } from '../judging/judgmentsRepo';
import type { ProjectMetaRepo } from '../db/projectMetaRepo';
import type { PromptsRepo } from '../generation/promptsRepo';
import type { ProvidersRepo } from '../llm/providersRepo';

/** What checking a run and reading its results needs. */
type RunSource = { evaluation: EvaluationRepo; providers: ProvidersRepo; judgments: JudgmentsRepo };

export function requireRun(project: { evaluation: EvaluationRepo }, id: string): EvalRunRow {
  const run = project.evaluation.run(id);
  if (!run) throw new ApiError('NOT_FOUND', 'That evaluation run is not in this project.');
  return run;
}

/** The frozen set version a spec names and its rubrics, or the reason the spec cannot run in this project. */
export function checkSpec(project: RunSource, spec: EvalRunSpec) {
  const version = project.evaluation.version(spec.setVersionId);
  if (!version) throw new ApiError('NOT_FOUND', 'That scenario set version is not in this project. Freeze the set first.');
  const labels = spec.arms.map((a) => a.label.toLowerCase());
  if (new Set(labels).size !== labels.length) throw new ApiError('INVALID_INPUT', 'Give every model under test its own label.');
  for (const p of [...spec.arms.map((a) => a.providerId), spec.simulator.providerId, spec.judge.providerId]) {
    if (!project.providers.get(p)) throw new ApiError('NOT_FOUND', 'A chosen provider is not in this project.');
  }
  if (spec.rubricIds.length === 0 && !spec.formulation)
    throw new ApiError('INVALID_INPUT', 'Choose at least one rubric (empathy-relevance reproduces the write-up), or formulation accuracy.');
  const judge = project.providers.get(spec.judge.providerId)!;
  if (spec.useBatchForScoring && !judge.capabilities.batches)
    throw new ApiError('INVALID_INPUT', `${judge.name} does not offer the Batch API; score without it.`);
  return { version, rubrics: rubricsOf(project, spec.rubricIds) };
}

/** One conversation per scenario, seed and arm; scenario and seed outermost, so every arm of one client runs close together and shares its opening. */
function conversationItems(spec: EvalRunSpec, scenarios: EvalScenario[]) {
  return scenarios.flatMap((s) =>
    Array.from({ length: spec.seeds }, (_, k) => k + 1).flatMap((seed) => spec.arms.map((_, arm) => ({ scenarioId: s.id, arm, seed }))),
  );
}

/** Stores a run and creates its conversations job (the runner starts it); scoring follows when the conversations are done. */
export function startRun(
  project: RunSource & { jobs: JobRunner; meta: ProjectMetaRepo; prompts: PromptsRepo },
  spec: EvalRunSpec,
): EvalRunRow {
  const { version } = checkSpec(project, spec);
  const id = newId();
  project.evaluation.insertRun({
    id,
    spec,
    setVersionId: version.summary.id,
    conversationsJobId: '',
    scoringJobId: null,
    createdAt: Date.now(),
  });
  const concurrency = Math.max(
    1,
    Math.min(...[...spec.arms.map((a) => a.providerId), spec.simulator.providerId].map((p) => project.providers.get(p)!.concurrency)),
  );
  const job = project.jobs.create(
    'evalConversations',
    {
      runId: id,
      title: `Evaluate: ${spec.name} (${version.scenarios.length} scenarios × ${spec.arms.length} models × ${spec.seeds} seed${spec.seeds === 1 ? '' : 's'})`,
      concurrency,
      clientPrompt: currentPrompt(project, 'client'),
      items: conversationItems(spec, version.scenarios),
    },
    { budgetUsd: spec.budgetUsd },
  );
  project.evaluation.setJobs(id, { conversationsJobId: job.id });
  return project.evaluation.run(id)!;
}

/** A run's results from its stored judgments, with `resamples` bootstrap resamples for the intervals, computed once per state of its scores. */
export function runResults(
  project: { evaluation: EvaluationRepo; judgments: JudgmentsRepo },
  run: EvalRunRow,
  resamples: number,
  cache: RunResultsCache,
): Promise<EvalResults> {
  return cache.results(project.evaluation, run, rubricsOf(project, run.spec.rubricIds), resamples);
}

/** One scenario's conversations in a run, each with its scores per criterion (the mean of its scored repeats) and its safety check. */
export function scenarioConversations(
  project: { evaluation: EvaluationRepo; judgments: JudgmentsRepo },
  run: EvalRunRow,
  scenarioId: string,
) {
  const scenario = project.evaluation.version(run.setVersionId)!.scenarios.find((s) => s.id === scenarioId);
  if (!scenario) throw new ApiError('NOT_FOUND', 'That scenario is not in the run’s set.');
  const judgments = project.evaluation.judgments(run.id);
  const conversationRows = project.evaluation.conversations(run.id, scenarioId);
  // The same score lines the statistics and the report read.
  const lines = scoreLines(
    run,
    conversationRows,
    judgments,
    criteriaOf(rubricsOf(project, run.spec.rubricIds), run.spec.formulation),
  ).filter((l) => l.status === 'scored');
  const conversations = conversationRows.map((c): EvalConversationView => {
    const values = new Map<string, { scores: number[]; rationales: string[] }>();
    for (const l of lines.filter((x) => x.conversationId === c.id)) {
      const entry = values.get(l.criterion) ?? { scores: [], rationales: [] };
      if (l.score !== null) entry.scores.push(l.score);
      if (l.rationale) entry.rationales.push(l.rationale);
      values.set(l.criterion, entry);
    }
    const scores: EvalConversationView['scores'] = Object.fromEntries(
      [...values].map(([criterion, v]) => [
        criterion,
        { score: v.scores.length ? v.scores.reduce((a, b) => a + b, 0) / v.scores.length : null, rationales: v.rationales },
      ]),
    );
    const safety = judgments.find((j) => j.conversationId === c.id && j.kind === 'safety' && j.status === 'scored');
    return {
      id: c.id,
      arm: run.spec.arms[c.arm]!.label,
      seed: c.seed,
      status: 'done',
      endedBy: c.endedBy,
      error: null,
      turns: c.turns,
      scores,
      safety: safety
        ? {
            riskPresent: safety.result.riskPresent === true,
            flagged: safety.result.riskPresent === true && safety.result.counselorMishandled === true,
            notes: String(safety.result.evidence ?? ''),
          }
        : null,
    };
  });
  return { scenario, conversations };
}
