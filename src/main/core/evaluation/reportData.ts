import { judgeTemperatureOf, type EvalResults, type EvalRunView } from '../../../shared/api/evaluation';
import { currentPrompt } from '../generation/domainPack';
import type { EvalRunRow } from './evaluationRepo';
import type { ReportInput } from './report/reportInput';
import { armLineage } from './armLineage';
import { rubricsOf } from '../judging/projectRubrics';
import { criteriaOf, scoreLines } from './results';
import type { DatasetsRepo } from '../datasets/datasetsRepo';
import type { EvaluationRepo } from './evaluationRepo';
import type { JudgmentsRepo } from '../judging/judgmentsRepo';
import type { ProjectMetaRepo } from '../db/projectMetaRepo';
import type { ModelsRepo } from '../llm/modelsRepo';
import type { PromptsRepo } from '../generation/promptsRepo';
import type { ProvidersRepo } from '../llm/providersRepo';

/** What the report needs besides the numbers: where every model came from, and every setting, to run it again. */
export function reportInput(
  project: {
    evaluation: EvaluationRepo;
    providers: ProvidersRepo;
    judgments: JudgmentsRepo;
    models: ModelsRepo;
    datasets: DatasetsRepo;
    meta: ProjectMetaRepo;
    prompts: PromptsRepo;
  },
  view: EvalRunView,
  run: EvalRunRow,
  results: EvalResults,
  appVersion: string,
): ReportInput {
  const set = project.evaluation.version(run.setVersionId)!;
  const rubrics = rubricsOf(project, run.spec.rubricIds);
  const conversations = project.evaluation.conversations(run.id);
  const titles = new Map<string, string>(set.scenarios.map((s) => [s.id, s.title]));
  const providerName = (id: string) => project.providers.get(id)?.name ?? 'Deleted provider';
  const { arms, sizeWarning } = armLineage(project, run.spec);
  const datasets = arms.map((a) => ({
    armLabel: a.label,
    model: a.model,
    name: a.name,
    providerName: a.providerName,
    ...(a.dataset
      ? {
          datasetName: a.dataset.name,
          datasetVersion: a.dataset.version,
          datasetHash: a.dataset.hash,
          trainingExamples: a.dataset.trainingExamples,
          datasetExamples: a.dataset.examples,
        }
      : {}),
  }));
  return {
    run: view,
    sizeWarning,
    results,
    scenarios: set.scenarios,
    method: {
      setName: view.setName,
      setVersion: view.setVersion,
      setHash: view.setHash,
      datasets,
      prompts: ['client', 'judge', 'safety', ...(run.spec.formulation ? ['formulation'] : [])].map((name) => {
        const p = currentPrompt(project, name);
        return { name, version: p.version };
      }),
      rubrics: rubrics.map((r) => ({ id: r.id, name: r.name, version: r.version })),
      simulator: {
        providerId: run.spec.simulator.providerId,
        providerName: providerName(run.spec.simulator.providerId),
        model: run.spec.simulator.model,
        temperature: run.spec.simulator.temperature,
      },
      judge: { providerName: providerName(run.spec.judge.providerId), model: run.spec.judge.model },
      seeds: Array.from({ length: run.spec.seeds }, (_, i) => i + 1),
      turns: run.spec.turns,
      judgeRepeats: run.spec.judgeRepeats,
      judgeTemperature: judgeTemperatureOf(run.spec),
      bootstrap: results.bootstrap,
      appVersion,
      generatedAt: Date.now(),
    },
    scores: scoreLines(run, conversations, project.evaluation.judgments(run.id), criteriaOf(rubrics, run.spec.formulation)).map((l) => ({
      ...l,
      scenarioTitle: titles.get(l.scenarioId) ?? l.scenarioId,
    })),
  };
}
