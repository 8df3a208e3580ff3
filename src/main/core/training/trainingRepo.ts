import type Database from 'better-sqlite3';
import type { TrainerId, TrainingRunStatus } from '../../../shared/api/training';
import { statementCache } from '../util/statements';
import type { MetricPoint, TrainingCheckpoint, TrainingEvent, TrainingHyperparameters } from '../llm/trainer';

export interface TrainingRun {
  id: string;
  trainer: TrainerId;
  providerId: string | null;
  datasetVersionId: string;
  baseModel: string;
  hyperparameters: TrainingHyperparameters;
  suffix: string | null;
  providerJobId: string | null;
  status: TrainingRunStatus;
  fineTunedModel: string | null;
  modelEntryId: string | null;
  /**
   * `id`: the provider's event id. `startToken`: on the event saved just before a start sends its create
   * request, the client token sent with the job, so a start cut short can find its job instead of creating another.
   */
  events: (TrainingEvent & { id?: string; startToken?: string })[];
  checkpoints: TrainingCheckpoint[];
  metrics: MetricPoint[];
  trainedTokens: number | null;
  costUsd: number | null;
  error: string | null;
  jobId: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

type Row = {
  id: string;
  trainer: TrainerId;
  provider_id: string | null;
  dataset_version_id: string;
  base_model: string;
  hyperparameters_json: string;
  suffix: string | null;
  provider_job_id: string | null;
  status: TrainingRunStatus;
  fine_tuned_model: string | null;
  model_entry_id: string | null;
  events_json: string;
  checkpoints_json: string;
  metrics_json: string;
  trained_tokens: number | null;
  cost_usd: number | null;
  error: string | null;
  job_id: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
};

const toRun = (r: Row): TrainingRun => ({
  id: r.id,
  trainer: r.trainer,
  providerId: r.provider_id,
  datasetVersionId: r.dataset_version_id,
  baseModel: r.base_model,
  hyperparameters: JSON.parse(r.hyperparameters_json) as TrainingHyperparameters,
  suffix: r.suffix,
  providerJobId: r.provider_job_id,
  status: r.status,
  fineTunedModel: r.fine_tuned_model,
  modelEntryId: r.model_entry_id,
  events: JSON.parse(r.events_json) as TrainingRun['events'],
  checkpoints: JSON.parse(r.checkpoints_json) as TrainingCheckpoint[],
  metrics: JSON.parse(r.metrics_json) as MetricPoint[],
  trainedTokens: r.trained_tokens,
  costUsd: r.cost_usd,
  error: r.error,
  jobId: r.job_id,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/** A run as named statement parameters: its fields, with the JSON ones serialised. */
const columns = (r: TrainingRun) => ({
  ...r,
  hyperparameters: JSON.stringify(r.hyperparameters),
  events: JSON.stringify(r.events),
  checkpoints: JSON.stringify(r.checkpoints),
  metrics: JSON.stringify(r.metrics),
});

/** Training runs: the provider's job id, its events and loss curve, and what it produced. */
export class TrainingRepo {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  list(): TrainingRun[] {
    return (this.sql('SELECT * FROM training_runs ORDER BY created_at DESC, id DESC').all() as Row[]).map(toRun);
  }

  get(id: string): TrainingRun | undefined {
    const row = this.sql('SELECT * FROM training_runs WHERE id = ?').get(id) as Row | undefined;
    return row ? toRun(row) : undefined;
  }

  insert(r: TrainingRun): void {
    this.sql(
      `INSERT INTO training_runs (id, trainer, provider_id, dataset_version_id, base_model, hyperparameters_json, suffix, provider_job_id, status,
         fine_tuned_model, model_entry_id, events_json, checkpoints_json, metrics_json, trained_tokens, cost_usd, error, job_id, created_at, started_at, finished_at)
       VALUES (@id, @trainer, @providerId, @datasetVersionId, @baseModel, @hyperparameters, @suffix, @providerJobId, @status,
         @fineTunedModel, @modelEntryId, @events, @checkpoints, @metrics, @trainedTokens, @costUsd, @error, @jobId, @createdAt, @startedAt, @finishedAt)`,
    ).run(columns(r));
  }

  /** Set once, by the API that created the job: the job itself never writes it, so its saves cannot undo it. */
  setJobId(id: string, jobId: string): void {
    this.sql('UPDATE training_runs SET job_id = ? WHERE id = ?').run(jobId, id);
  }

  /** Writes the fields that change while a run is followed. */
  save(r: TrainingRun): void {
    this.sql(
      `UPDATE training_runs SET provider_job_id = @providerJobId, status = @status, fine_tuned_model = @fineTunedModel, model_entry_id = @modelEntryId,
         events_json = @events, checkpoints_json = @checkpoints, metrics_json = @metrics, trained_tokens = @trainedTokens, cost_usd = @costUsd,
         error = @error, started_at = @startedAt, finished_at = @finishedAt WHERE id = @id`,
    ).run(columns(r));
  }
}
