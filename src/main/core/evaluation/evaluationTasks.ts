// Statistics, reports and the scenario leakage check, as tasks of the backend's worker pool
// (core/workers): 10,000 bootstrap resamples per interval, a report's rendering and a pass over every
// training example run beside the thread that answers calls. Each task opens its own connection to the
// project file and reads the rows it needs through the same repos and domain functions as before, so
// the rows are never copied between threads.
import type { EvalReportFiles, EvalResults, EvalRunView, EvalScenario } from '../../../shared/api/evaluation';
import type Database from 'better-sqlite3';
import { withWorkerConnection } from '../db/connection';
import { DatasetsRepo } from '../datasets/datasetsRepo';
import { PromptsRepo } from '../generation/promptsRepo';
import { JudgmentsRepo } from '../judging/judgmentsRepo';
import { ModelsRepo } from '../llm/modelsRepo';
import { ProvidersRepo } from '../llm/providersRepo';
import { ProjectMetaRepo } from '../db/projectMetaRepo';
import { requireRun } from './evalRuns';
import { rubricsOf } from '../judging/projectRubrics';
import { resultsFromRepo } from './resultsCache';
import { datasetTexts } from './evalSets';
import { EvaluationRepo } from './evaluationRepo';
import { writeReport } from './report/writeReport';
import { reportInput } from './reportData';
import { scenarioLeakage, type ScenarioLeak } from './scenarioLeakage';

/** The project parts a report reads, over this worker's own connection. */
function projectParts(db: Database.Database) {
  return {
    evaluation: new EvaluationRepo(db),
    judgments: new JudgmentsRepo(db),
    providers: new ProvidersRepo(db),
    models: new ModelsRepo(db),
    datasets: new DatasetsRepo(db),
    meta: new ProjectMetaRepo(db),
    prompts: new PromptsRepo(db),
  };
}

/** `work` over the project parts, through this worker's own connection. */
const withProject = <T>(file: string, work: (parts: ReturnType<typeof projectParts>) => T | Promise<T>) =>
  withWorkerConnection(file, (db) => work(projectParts(db)));

export interface ResultsInput {
  file: string;
  runId: string;
  resamples: number;
}

export function resultsTask({ file, runId, resamples }: ResultsInput): Promise<EvalResults> {
  return withProject(file, (project) => {
    const run = requireRun(project, runId);
    return resultsFromRepo(project.evaluation, run, rubricsOf(project, run.spec.rubricIds), resamples);
  });
}

export interface ReportTaskInput {
  file: string;
  runId: string;
  /** The run as the app shows it (its status comes from the jobs, read on the answering thread). */
  view: EvalRunView;
  results: EvalResults;
  appVersion: string;
  outDir: string;
}

/** Renders and writes the report of a run whose results are already computed (and cached, on the answering thread). */
export function reportTask({ file, runId, view, results, appVersion, outDir }: ReportTaskInput): Promise<EvalReportFiles> {
  return withProject(file, (project) => writeReport(reportInput(project, view, requireRun(project, runId), results, appVersion), outDir));
}

export interface LeakageInput {
  file: string;
  scenarios: EvalScenario[];
  datasetVersionIds: string[];
}

/** Scenarios found inside the training examples of the given frozen dataset versions. */
export function leakageTask({ file, scenarios, datasetVersionIds }: LeakageInput): Promise<ScenarioLeak[]> {
  return withProject(file, (project) => scenarioLeakage(scenarios, datasetTexts(project, datasetVersionIds)));
}
