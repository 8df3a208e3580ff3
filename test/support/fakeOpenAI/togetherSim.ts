import { advanceJob, ftModelName, inspectTrainingFile, type FineTuneEvent, type FineTuneJob } from './fineTuneSim';
import type { FakeState, StoredFile } from './state';

/**
 * Together AI's fine-tuning jobs, riding on the OpenAI job timeline of `fineTuneSim` (same ticks of
 * `stepMs`, same loss curve), seen through Together's own shapes: `ft-…` ids, ISO dates, statuses
 * pending → queued → running → uploading → completed, `fine-tune-event`s and `model_output_name`.
 *
 * Together's public event schema has a `step` but no loss field, so losses travel in the message, as
 * the fake's stand-in: `Epoch completed, at step 6. Training loss: 1.2345` and `Evaluation completed,
 * at step 3. Training loss: 1.5, evaluation loss: 1.6` (evaluations only with a validation file and
 * `n_evals` > 0, spread evenly over the steps).
 */

export const TOGETHER_ORG = 'fakeorg';

export type TogetherStatus =
  'pending' | 'queued' | 'running' | 'compressing' | 'uploading' | 'cancel_requested' | 'cancelled' | 'error' | 'completed';

export interface TogetherEvent {
  object: 'fine-tune-event';
  created_at: string;
  level: 'info' | 'warning' | 'error' | null;
  message: string;
  type: string;
  param_count: number;
  token_count: number;
  total_steps: number;
  wandb_url: string;
  step: number;
  checkpoint_path: string;
  model_path: string;
  training_offset: number;
  hash: string;
}

export interface TogetherCheckpoint {
  checkpoint_type: 'Intermediate' | 'Final';
  created_at: string;
  path: string;
  step: number;
}

export interface TogetherJob {
  id: string;
  /** The OpenAI-shaped timeline underneath; never listed under /v1/fine_tuning/jobs. */
  rec: FineTuneJob;
  model: string;
  outputName: string;
  suffix: string | null;
  trainingFile: string;
  validationFile: string | null;
  nEpochs: number;
  nEvals: number;
  evalSteps: Set<number>;
  batchSize: number;
  learningRate: number;
  trainingType: Record<string, unknown>;
  trainingMethod: Record<string, unknown>;
  randomSeed: number | null;
  status: TogetherStatus;
  createdMs: number;
  updatedMs: number;
  events: TogetherEvent[];
  checkpoints: TogetherCheckpoint[];
  /** How many of the timeline's events have been turned into Together events. */
  simEventsSeen: number;
  cancelMs: number | null;
}

/** Together-style ids: a prefix and a uuid-shaped hex string, counter-based like every fake id. */
export function togetherId(state: FakeState, prefix: string): string {
  const h = state.newId('', 32);
  return `${prefix}${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export const iso = (ms: number): string => new Date(ms).toISOString();

export function togetherFileObject(file: StoredFile): Record<string, unknown> {
  const lines = new TextDecoder()
    .decode(file.content)
    .split('\n')
    .filter((l) => l.trim()).length;
  return {
    id: file.meta.id,
    object: 'file',
    created_at: file.meta.created_at,
    filename: file.meta.filename,
    bytes: file.meta.bytes,
    purpose: file.meta.purpose,
    Processed: true,
    FileType: 'jsonl',
    LineCount: lines,
  };
}

export interface NewTogetherJob {
  model: string;
  trainingFile: StoredFile;
  validationFile: StoredFile | null;
  suffix: string | null;
  nEpochs: number;
  nEvals: number;
  batchSize: number | 'max';
  learningRate: number;
  trainingType: Record<string, unknown>;
  trainingMethod: Record<string, unknown>;
  randomSeed: number | null;
}

/** Steps at which `n` evaluations happen, spread evenly over `total` steps. */
function evaluationSteps(n: number, total: number): Set<number> {
  const steps = new Set<number>();
  for (let k = 1; k <= n; k++) steps.add(Math.max(1, Math.ceil((k * total) / n)));
  return steps;
}

export function createTogetherJob(state: FakeState, input: NewTogetherJob): TogetherJob {
  const nowMs = Date.now();
  const id = togetherId(state, 'ft-');
  const stats = inspectTrainingFile(input.trainingFile.content);
  const batchSize = input.batchSize === 'max' ? 8 : input.batchSize;
  const stepsPerEpoch = Math.max(1, Math.min(10, Math.ceil(stats.examples / batchSize)));
  const epochs = Math.max(1, Math.min(20, input.nEpochs));
  const totalSteps = stepsPerEpoch * epochs;
  const hyper = { n_epochs: epochs, batch_size: batchSize, learning_rate_multiplier: 1 };
  const baseName = input.model.split('/').pop() ?? input.model;
  const outputName = `${TOGETHER_ORG}/${baseName}${input.suffix ? `-${input.suffix}` : ''}-${id.slice(3, 11)}`;
  const rec: FineTuneJob = {
    job: {
      id,
      object: 'fine_tuning.job',
      created_at: state.nowSec(nowMs),
      error: null,
      fine_tuned_model: null,
      finished_at: null,
      hyperparameters: hyper,
      model: input.model,
      organization_id: 'org-fake',
      result_files: [],
      seed: input.randomSeed ?? 0,
      status: 'validating_files',
      trained_tokens: null,
      training_file: input.trainingFile.meta.id,
      validation_file: input.validationFile?.meta.id ?? null,
      estimated_finish: null,
      integrations: [],
      metadata: null,
      method: { type: 'supervised', supervised: { hyperparameters: hyper } },
      user_provided_suffix: input.suffix,
    },
    createdMs: nowMs,
    tick: 0,
    totalSteps,
    stepsPerEpoch,
    trainingTokens: stats.tokens * epochs,
    validationError: stats.error,
    events: [],
    checkpoints: [],
    metrics: [],
  };
  const job: TogetherJob = {
    id,
    rec,
    model: input.model,
    outputName,
    suffix: input.suffix,
    trainingFile: input.trainingFile.meta.id,
    validationFile: input.validationFile?.meta.id ?? null,
    nEpochs: epochs,
    nEvals: input.validationFile ? input.nEvals : 0,
    evalSteps: input.validationFile && input.nEvals > 0 ? evaluationSteps(input.nEvals, totalSteps) : new Set(),
    batchSize,
    learningRate: input.learningRate,
    trainingType: input.trainingType,
    trainingMethod: input.trainingMethod,
    randomSeed: input.randomSeed,
    status: 'pending',
    createdMs: nowMs,
    updatedMs: nowMs,
    events: [],
    checkpoints: [],
    simEventsSeen: 0,
    cancelMs: null,
  };
  pushEvent(state, job, nowMs, 'job_pending', 'Fine tune request created');
  return job;
}

function pushEvent(
  state: FakeState,
  job: TogetherJob,
  atMs: number,
  type: string,
  message: string,
  extra: Partial<TogetherEvent> = {},
): void {
  job.events.push({
    object: 'fine-tune-event',
    created_at: iso(atMs),
    level: 'info',
    message,
    type,
    param_count: 0,
    token_count: 0,
    total_steps: job.rec.totalSteps,
    wandb_url: '',
    step: 0,
    checkpoint_path: '',
    model_path: '',
    training_offset: 0,
    hash: '',
    ...extra,
  });
  job.updatedMs = Math.max(job.updatedMs, atMs);
}

const loss = (v: unknown): string => (typeof v === 'number' ? v.toFixed(4) : 'n/a');

/** Turns one event of the OpenAI timeline into Together's events (and state). */
function translate(state: FakeState, job: TogetherJob, ev: FineTuneEvent): void {
  // The timeline keeps whole seconds; Together's times are finer and never go back.
  const atMs = Math.max(ev.created_at * 1000, job.updatedMs);
  if (ev.level === 'error') {
    job.status = 'error';
    pushEvent(state, job, atMs, 'job_error', ev.message, { level: 'error' });
    return;
  }
  if (ev.type === 'metrics') {
    const step = Number(ev.data.step);
    const total = job.rec.totalSteps;
    if (job.evalSteps.has(step)) {
      const message = `Evaluation completed, at step ${step}. Training loss: ${loss(ev.data.train_loss)}, evaluation loss: ${loss(ev.data.valid_loss)}`;
      pushEvent(state, job, atMs, 'eval_complete', message, { step });
    }
    if (step % job.rec.stepsPerEpoch === 0) {
      pushEvent(state, job, atMs, 'epoch_complete', `Epoch completed, at step ${step}. Training loss: ${loss(ev.data.train_loss)}`, {
        step,
      });
      if (step < total) {
        const path = `s3://fake-together/finetune/${job.id}/checkpoint-${step}`;
        job.checkpoints.push({ checkpoint_type: 'Intermediate', created_at: iso(atMs), path, step });
        pushEvent(state, job, atMs, 'checkpoint_save', `Checkpoint saved at step ${step}`, { step, checkpoint_path: path });
      }
    }
    return;
  }
  if (ev.message.startsWith('Files validated')) {
    job.status = 'queued';
    pushEvent(state, job, atMs, 'training_data_download_complete', `Training data downloaded for ${job.model}`);
  } else if (ev.message.startsWith('Fine-tuning job started')) {
    job.status = 'running';
    pushEvent(state, job, atMs, 'job_start', 'Job started');
    pushEvent(state, job, atMs, 'training_start', `Training started for model ${job.model}`, { token_count: job.rec.trainingTokens });
  } else if (ev.message.startsWith('New fine-tuned model created')) {
    job.status = 'uploading';
    pushEvent(state, job, atMs, 'training_complete', `Training completed for ${job.model}`, { step: job.rec.totalSteps });
    pushEvent(state, job, atMs, 'model_uploading', `Uploading output model ${job.outputName}`);
  }
}

/** The timeline's success leaves an `ft:` model and a metrics file behind; a Together job has neither. */
function forgetOpenAiTraces(state: FakeState, job: TogetherJob): void {
  const name = ftModelName(job.rec.job);
  const index = state.models.findIndex((m) => m.id === name);
  if (index !== -1) state.models.splice(index, 1);
  for (const id of job.rec.job.result_files) state.files.delete(id);
  job.rec.job.result_files = [];
}

/** Catches the job up to `nowMs`: the timeline first, then Together's own last phases. */
export function advanceTogetherJob(state: FakeState, job: TogetherJob, nowMs: number): void {
  advanceJob(state, job.rec, nowMs);
  for (const ev of job.rec.events.slice(job.simEventsSeen)) translate(state, job, ev);
  job.simEventsSeen = job.rec.events.length;

  if (job.cancelMs !== null) {
    const stoppedMs = job.cancelMs + state.stepMs;
    if (job.status === 'cancel_requested' && nowMs >= stoppedMs) {
      job.status = 'cancelled';
      pushEvent(state, job, stoppedMs, 'job_stopped', 'Job cancelled by user');
    }
    return;
  }
  if (job.rec.job.status === 'succeeded' && job.status === 'uploading') {
    forgetOpenAiTraces(state, job);
    // The timeline succeeded at its last tick; the upload takes one more.
    const doneMs = job.rec.createdMs + (job.rec.totalSteps + 4) * state.stepMs;
    if (nowMs >= doneMs) {
      job.status = 'completed';
      job.checkpoints.push({
        checkpoint_type: 'Final',
        created_at: iso(doneMs),
        path: `s3://fake-together/finetune/${job.id}/final`,
        step: job.rec.totalSteps,
      });
      state.addModel(job.outputName, TOGETHER_ORG);
      pushEvent(state, job, doneMs, 'model_upload_complete', 'Model upload complete', {
        model_path: `s3://fake-together/finetune/${job.id}/final`,
      });
      pushEvent(state, job, doneMs, 'job_complete', `Job finished at ${iso(doneMs)}`);
    }
  }
}

/** Asks the job to stop; false if it already ended. */
export function requestCancel(state: FakeState, job: TogetherJob, nowMs: number): boolean {
  advanceTogetherJob(state, job, nowMs);
  if (!['pending', 'queued', 'running'].includes(job.status)) return false;
  // Stops the timeline underneath: advanceJob only moves jobs that are still in progress.
  job.rec.job.status = 'cancelled';
  job.rec.job.finished_at = state.nowSec(nowMs);
  job.status = 'cancel_requested';
  job.cancelMs = nowMs;
  pushEvent(state, job, nowMs, 'cancel_requested', 'Cancel requested by user');
  return true;
}

/** The job as GET /fine-tunes/{id} shows it; `full` adds the events, as the single-job read does. */
export function togetherJobObject(state: FakeState, job: TogetherJob, full: boolean): Record<string, unknown> {
  const steps = job.rec.metrics.length;
  const running = job.status === 'running';
  const remainingTicks = job.rec.totalSteps - steps + 2;
  return {
    id: job.id,
    status: job.status,
    created_at: iso(job.createdMs),
    updated_at: iso(job.updatedMs),
    started_at: iso(job.createdMs),
    model: job.model,
    model_output_name: job.outputName,
    suffix: job.suffix ?? undefined,
    training_file: job.trainingFile,
    validation_file: job.validationFile ?? '',
    n_epochs: job.nEpochs,
    n_evals: job.nEvals,
    n_checkpoints: 1,
    batch_size: job.batchSize,
    learning_rate: job.learningRate,
    lr_scheduler: { lr_scheduler_type: 'linear', lr_scheduler_args: { min_lr_ratio: 0 } },
    warmup_ratio: 0,
    max_grad_norm: 1,
    weight_decay: 0,
    training_type: job.trainingType,
    training_method: job.trainingMethod,
    random_seed: job.randomSeed ?? undefined,
    token_count: ['pending', 'queued'].includes(job.status) ? 0 : job.rec.trainingTokens,
    total_price: 0,
    param_count: 8_030_261_248,
    total_steps: job.rec.totalSteps,
    steps_completed: steps,
    epochs_completed: Math.floor(steps / job.rec.stepsPerEpoch),
    evals_completed: [...job.evalSteps].filter((s) => s <= steps).length,
    queue_depth: job.status === 'queued' ? 1 : 0,
    user_id: 'fake-user',
    owner_address: 'fake-user@example.com',
    progress: running
      ? { estimate_available: true, seconds_remaining: (remainingTicks * state.stepMs) / 1000 }
      : { estimate_available: false, seconds_remaining: 0 },
    ...(full ? { events: job.events } : {}),
  };
}
