import type { EvalResults, EvalRunView, EvalScenario } from '../../../../shared/api/evaluation';
import type { ScoreLine } from '../results';

/** Where one arm's model came from: the frozen dataset it was fine-tuned on, if any. */
export interface ReportArmLineage {
  armLabel: string;
  model: string;
  /** The registry's name for the model, for people; the id when the registry has none. */
  name?: string;
  /** The provider's name as people gave it, never its internal id. */
  providerName?: string;
  datasetName?: string;
  datasetVersion?: number;
  datasetHash?: string;
  /** Training examples (the train split) of that dataset version, and all its examples. */
  trainingExamples?: number;
  datasetExamples?: number;
}

/** Everything a reader needs to run the evaluation again. */
export interface ReportMethod {
  setName: string;
  setVersion: number;
  setHash: string;
  datasets: ReportArmLineage[];
  prompts: { name: string; version: number }[];
  rubrics: { id: string; name: string; version: number }[];
  simulator: { providerId?: string; providerName: string; model: string; temperature: number };
  judge: { providerName: string; model: string };
  seeds: number[];
  turns: number;
  judgeRepeats: number;
  /** The judge's sampling temperature for rubric and formulation judgments. */
  judgeTemperature?: number;
  bootstrap: EvalResults['bootstrap'];
  appVersion: string;
  /** Epoch ms; also names the report's folder. */
  generatedAt: number;
}

/** One judgment as the CSV lists it (a score line with its scenario's title); a missing score is null, never 0. */
export interface ReportScoreRow extends ScoreLine {
  scenarioTitle: string;
}

export interface ReportInput {
  run: EvalRunView;
  results: EvalResults;
  scenarios: EvalScenario[];
  method: ReportMethod;
  scores: ReportScoreRow[];
  /** Set when the arms' training sets differ by more than 20% in size (see shared/domain/datasetSize). */
  sizeWarning?: string | null;
}

/** The names of the files in a report folder. */
export const REPORT_FILE_NAMES = { html: 'report.html', csv: 'scores.csv', manifest: 'manifest.json' } as const;
