import { prngFor } from './prng';
import { ORG, type FakeState } from './state';
import { contentText, countTokens } from './text';

/**
 * A fine-tuning job as a timeline: state changes and training steps happen at fixed ticks
 * (`stepMs`) after creation, applied lazily whenever the server is asked anything. No timers, so
 * nothing outlives `close()`, and events carry their tick's timestamp, not the polling time.
 */

export interface Hyperparameters {
  n_epochs: number;
  batch_size: number;
  learning_rate_multiplier: number;
}

export interface FineTuneEvent {
  id: string;
  object: 'fine_tuning.job.event';
  created_at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  data: Record<string, unknown>;
  type: 'message' | 'metrics';
}

export interface Checkpoint {
  id: string;
  object: 'fine_tuning.job.checkpoint';
  created_at: number;
  fine_tuned_model_checkpoint: string;
  fine_tuning_job_id: string;
  step_number: number;
  metrics: Record<string, number>;
}

export interface FineTuneJobObject {
  id: string;
  object: 'fine_tuning.job';
  created_at: number;
  error: { code: string; message: string; param: string | null } | null;
  fine_tuned_model: string | null;
  finished_at: number | null;
  hyperparameters: Hyperparameters;
  model: string;
  organization_id: string;
  result_files: string[];
  seed: number;
  status: 'validating_files' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  trained_tokens: number | null;
  training_file: string;
  validation_file: string | null;
  estimated_finish: number | null;
  integrations: unknown[];
  metadata: unknown;
  method: { type: 'supervised'; supervised: { hyperparameters: Hyperparameters } };
  user_provided_suffix: string | null;
}

interface MetricRow {
  step: number;
  train_loss: number;
  train_accuracy: number;
  valid_loss: number;
  valid_accuracy: number;
}

export interface FineTuneJob {
  job: FineTuneJobObject;
  createdMs: number;
  /** Ticks already applied; tick 1 = validated, 2 = running, 2+k = step k, then success. */
  tick: number;
  totalSteps: number;
  stepsPerEpoch: number;
  trainingTokens: number;
  validationError: string | null;
  events: FineTuneEvent[];
  checkpoints: Checkpoint[];
  metrics: MetricRow[];
}

export interface TrainingStats {
  examples: number;
  tokens: number;
  error: string | null;
}

/** What OpenAI checks while `validating_files`: one JSON object per line, chat-formatted. */
export function inspectTrainingFile(content: Uint8Array): TrainingStats {
  const lines = new TextDecoder()
    .decode(content)
    .split('\n')
    .filter((l) => l.trim());
  let tokens = 0;
  for (const [i, line] of lines.entries()) {
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      return { examples: lines.length, tokens, error: `Invalid file format. Line ${i + 1} is not valid JSON.` };
    }
    const messages = (row as { messages?: unknown } | null)?.messages;
    if (!Array.isArray(messages)) {
      return {
        examples: lines.length,
        tokens,
        error: `Invalid file format. Line ${i + 1}, key "messages": a list of messages is required.`,
      };
    }
    for (const m of messages) tokens += countTokens(contentText((m as { content?: unknown } | null)?.content));
  }
  if (lines.length === 0) return { examples: 0, tokens: 0, error: 'Invalid file format. The training file has no examples.' };
  return { examples: lines.length, tokens, error: null };
}

export function ftModelName(job: FineTuneJobObject): string {
  return `ft:${job.model}:${ORG}:${job.user_provided_suffix ?? 'custom'}:${job.id.replace(/^ftjob-/, '').slice(0, 8)}`;
}

function metricAt(job: FineTuneJob, step: number): MetricRow {
  const prng = prngFor('ft-metrics', job.job.id, step);
  const progress = step / job.totalSteps;
  const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
  const train = clamp(0.35 + 1.9 * Math.exp(-3.2 * progress) + 0.06 * prng.normal(), 0.01, 10);
  const valid = clamp(0.42 + 1.8 * Math.exp(-2.8 * progress) + 0.05 * prng.normal(), 0.01, 10);
  const round = (v: number): number => Math.round(v * 10_000) / 10_000;
  return {
    step,
    train_loss: round(train),
    train_accuracy: round(clamp(1 - train / 3 + 0.02 * prng.normal(), 0, 1)),
    valid_loss: round(valid),
    valid_accuracy: round(clamp(1 - valid / 3 + 0.02 * prng.normal(), 0, 1)),
  };
}

export function metricsCsv(job: FineTuneJob): string {
  const header = 'step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy';
  const rows = job.metrics.map((m) => [m.step, m.train_loss, m.train_accuracy, m.valid_loss, m.valid_accuracy].join(','));
  return [header, ...rows].join('\n') + '\n';
}

export function addEvent(state: FakeState, job: FineTuneJob, atMs: number, message: string, extra: Partial<FineTuneEvent> = {}): void {
  job.events.push({
    id: state.newId('ftevent-'),
    object: 'fine_tuning.job.event',
    created_at: state.nowSec(atMs),
    level: 'info',
    message,
    data: {},
    type: 'message',
    ...extra,
  });
}

function applyTick(state: FakeState, rec: FineTuneJob, tick: number, atMs: number): void {
  const job = rec.job;
  const at = state.nowSec(atMs);
  const runStart = 2;
  if (tick === 1) {
    if (rec.validationError) {
      job.status = 'failed';
      job.finished_at = at;
      job.error = { code: 'invalid_training_file', message: rec.validationError, param: 'training_file' };
      addEvent(state, rec, atMs, rec.validationError, { level: 'error' });
      return;
    }
    job.status = 'queued';
    addEvent(state, rec, atMs, 'Files validated, moving job to queued state');
  } else if (tick === runStart) {
    job.status = 'running';
    job.estimated_finish = state.nowSec(atMs + (rec.totalSteps + 1) * state.stepMs) + 1;
    addEvent(state, rec, atMs, 'Fine-tuning job started');
  } else if (tick <= runStart + rec.totalSteps) {
    const m = metricAt(rec, tick - runStart);
    rec.metrics.push(m);
    const data = {
      step: m.step,
      train_loss: m.train_loss,
      valid_loss: m.valid_loss,
      total_steps: rec.totalSteps,
      train_mean_token_accuracy: m.train_accuracy,
      valid_mean_token_accuracy: m.valid_accuracy,
    };
    addEvent(
      state,
      rec,
      atMs,
      `Step ${m.step}/${rec.totalSteps}: training loss=${m.train_loss.toFixed(2)}, validation loss=${m.valid_loss.toFixed(2)}`,
      { type: 'metrics', data },
    );
    if (m.step % rec.stepsPerEpoch === 0) addCheckpoint(state, rec, m, atMs);
  } else {
    const model = ftModelName(job);
    const result = state.addFile(new TextEncoder().encode(metricsCsv(rec)), 'step_metrics.csv', 'fine-tune-results', atMs);
    state.addModel(model, ORG);
    Object.assign(job, {
      status: 'succeeded',
      fine_tuned_model: model,
      finished_at: at,
      trained_tokens: rec.trainingTokens,
      result_files: [result.meta.id],
      estimated_finish: null,
    });
    addEvent(state, rec, atMs, `New fine-tuned model created: ${model}`);
    addEvent(state, rec, atMs, 'The job has successfully completed');
  }
}

function addCheckpoint(state: FakeState, rec: FineTuneJob, m: MetricRow, atMs: number): void {
  const name = `${ftModelName(rec.job)}:ckpt-step-${m.step}`;
  rec.checkpoints.push({
    id: state.newId('ftckpt_'),
    object: 'fine_tuning.job.checkpoint',
    created_at: state.nowSec(atMs),
    fine_tuned_model_checkpoint: name,
    fine_tuning_job_id: rec.job.id,
    step_number: m.step,
    metrics: {
      step: m.step,
      train_loss: m.train_loss,
      train_mean_token_accuracy: m.train_accuracy,
      valid_loss: m.valid_loss,
      valid_mean_token_accuracy: m.valid_accuracy,
      full_valid_loss: m.valid_loss,
      full_valid_mean_token_accuracy: m.valid_accuracy,
    },
  });
  // OpenAI keeps checkpoints of the last three epochs only.
  if (rec.checkpoints.length > 3) rec.checkpoints.shift();
  addEvent(state, rec, atMs, `Checkpoint created at step ${m.step}`);
}

export function advanceJob(state: FakeState, rec: FineTuneJob, nowMs: number): void {
  const lastTick = 2 + rec.totalSteps + 1;
  while (rec.tick < lastTick && ['validating_files', 'queued', 'running'].includes(rec.job.status)) {
    const atMs = rec.createdMs + (rec.tick + 1) * state.stepMs;
    if (atMs > nowMs) return;
    rec.tick++;
    applyTick(state, rec, rec.tick, atMs);
  }
}
