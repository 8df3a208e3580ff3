import type { Provider } from '../../../shared/domain/provider';

export interface TrainingHyperparameters {
  epochs: number | null;
  batchSize: number | null;
  learningRateMultiplier: number | null;
  seed: number | null;
}

export type TrainingStatus = 'preparing' | 'validating' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface TrainingEvent {
  at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** One point of the loss curve; validation loss only on the steps where the provider measured it. */
export interface MetricPoint {
  step: number;
  trainLoss: number | null;
  validLoss: number | null;
}

export interface TrainingCheckpoint {
  id: string;
  step: number;
  model: string;
  trainLoss: number | null;
  validLoss: number | null;
}

/** What a provider says about a training job at one poll. */
export interface TrainerSnapshot {
  status: TrainingStatus;
  fineTunedModel: string | null;
  trainedTokens: number | null;
  error: string | null;
  /** Events newer than the `sinceEvent` asked for, oldest first. */
  events: (TrainingEvent & { id: string })[];
  /** Points of the loss curve seen in this poll; the monitor merges them by step (a result file at the end may resend all). */
  metrics: MetricPoint[];
  checkpoints: TrainingCheckpoint[];
  estimatedFinish: number | null;
}

export interface TrainerStart {
  provider: Provider;
  baseModel: string;
  suffix: string | null;
  hyperparameters: TrainingHyperparameters;
  /** Chat JSONL files on disk, already validated. */
  trainFile: string;
  validationFile: string | null;
  /**
   * Stable for one training run (its id): sent along with the job in a field the provider keeps and
   * lists, so `findStarted` can find the job again when the app stopped before storing its id.
   */
  clientToken: string;
  signal: AbortSignal;
}

/**
 * A place that fine-tunes models. Each trainer turns the same frozen dataset files into the provider's
 * own job, and reports its progress in one shape, so the monitor, the loss chart and the registry do
 * not care where the training ran.
 */
export interface Trainer {
  id: 'openai' | 'together';
  label: string;
  /** Uploads the files and creates the job; returns the provider's job id, stored to resume polling after a restart. */
  start(input: TrainerStart): Promise<string>;
  /**
   * The id of a job `start` already created with this client token, or null when the provider holds
   * none. Asked before starting again after a start was cut short, so a paid job is never created twice.
   */
  findStarted(provider: Provider, clientToken: string, signal: AbortSignal): Promise<string | null>;
  poll(provider: Provider, providerJobId: string, sinceEvent: string | null, signal: AbortSignal): Promise<TrainerSnapshot>;
  cancel(provider: Provider, providerJobId: string): Promise<void>;
}

/** Thrown when the provider will not train for this account at all: said plainly, with the other routes. */
export class TrainingRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingRefused';
  }
}
