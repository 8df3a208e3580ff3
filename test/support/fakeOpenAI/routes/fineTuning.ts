import { addEvent, advanceJob, inspectTrainingFile, type FineTuneJob, type Hyperparameters } from '../fineTuneSim';
import { ApiError, cursorPage, objectBody, requireString, sendJson, type Ctx, type RouteDef } from '../http';
import { hash32 } from '../prng';
import { fileOr404 } from './files';

// Mirrors the message OpenAI sends organisations that may no longer start fine-tuning jobs.
const REFUSED_MESSAGE =
  'This organization is not allowed to create new fine-tuning jobs. Fine-tuning is no longer available for new customers of this model; see the deprecations page for alternatives.';

function resolveHyperparameters(body: Record<string, unknown>, examples: number): Hyperparameters {
  const method = body.method as { supervised?: { hyperparameters?: Record<string, unknown> } } | undefined;
  const given = method?.supervised?.hyperparameters ?? (body.hyperparameters as Record<string, unknown> | undefined) ?? {};
  const pick = (key: string, auto: number): number => {
    const v = given[key];
    if (v === undefined || v === 'auto') return auto;
    if (typeof v !== 'number' || !(v > 0))
      throw new ApiError(
        400,
        `Invalid value for hyperparameters.${key}: ${String(v)}`,
        'invalid_request_error',
        `hyperparameters.${key}`,
        'invalid_value',
      );
    return v;
  };
  return {
    n_epochs: Math.round(pick('n_epochs', 3)),
    batch_size: Math.round(pick('batch_size', Math.max(1, Math.min(8, Math.ceil(examples / 10))))),
    learning_rate_multiplier: pick('learning_rate_multiplier', 1.8),
  };
}

/** OpenAI's limits on a job's metadata: up to 16 string values, keys up to 64 characters, values up to 512. */
function metadataOf(body: Record<string, unknown>): Record<string, string> | null {
  const m = body.metadata;
  if (m === undefined || m === null) return null;
  const invalid = (message: string) => new ApiError(400, message, 'invalid_request_error', 'metadata', 'invalid_value');
  if (typeof m !== 'object' || Array.isArray(m)) throw invalid('metadata must be an object of string values.');
  const entries = Object.entries(m as Record<string, unknown>);
  if (entries.length > 16) throw invalid('metadata may have at most 16 keys.');
  for (const [k, v] of entries) {
    if (k.length > 64) throw invalid(`metadata key '${k}' is longer than 64 characters.`);
    if (typeof v !== 'string' || v.length > 512) throw invalid(`metadata.${k} must be a string of at most 512 characters.`);
  }
  return m as Record<string, string>;
}

/** The list's `metadata[k]=v` filter (every pair must match), or `metadata=null` for jobs without metadata. */
function matchesMetadataFilter(ctx: Ctx, job: FineTuneJob['job']): boolean {
  const metadata = (job.metadata ?? null) as Record<string, string> | null;
  for (const [key, value] of ctx.query) {
    if (key === 'metadata' && value === 'null') {
      if (metadata !== null) return false;
      continue;
    }
    const k = /^metadata\[(.+)\]$/.exec(key)?.[1];
    if (k !== undefined && metadata?.[k] !== value) return false;
  }
  return true;
}

function jobOr404(ctx: Ctx): FineTuneJob {
  const id = ctx.params[0] ?? '';
  const job = ctx.state.jobs.get(id);
  if (!job) throw new ApiError(404, `Could not find fine-tune job: ${id}.`, 'invalid_request_error', 'fine_tune_id', 'fine_tune_not_found');
  return job;
}

async function createJob(ctx: Ctx): Promise<void> {
  const body = objectBody(ctx);
  const model = requireString(body, 'model');
  const trainingFileId = requireString(body, 'training_file');
  const suffix = typeof body.suffix === 'string' && body.suffix ? body.suffix : null;
  if (suffix === 'refuse') throw new ApiError(403, REFUSED_MESSAGE, 'invalid_request_error', null, 'fine_tuning_not_allowed');
  if (suffix && suffix.length > 64)
    throw new ApiError(400, 'suffix must be at most 64 characters.', 'invalid_request_error', 'suffix', 'invalid_value');
  if (!ctx.state.hasModel(model) || /embedding|whisper|transcribe|tts/.test(model)) {
    throw new ApiError(
      400,
      `Model ${model} is not available for fine-tuning or does not exist.`,
      'invalid_request_error',
      'model',
      'model_not_available',
    );
  }
  const training = ctx.state.files.get(trainingFileId);
  if (!training)
    throw new ApiError(400, `invalid training_file: ${trainingFileId}`, 'invalid_request_error', 'training_file', 'invalid_file');
  if (training.meta.purpose !== 'fine-tune') {
    throw new ApiError(
      400,
      `File ${trainingFileId} has purpose '${training.meta.purpose}', but fine-tuning requires purpose 'fine-tune'.`,
      'invalid_request_error',
      'training_file',
      'invalid_file_purpose',
    );
  }
  const validationFileId = typeof body.validation_file === 'string' ? body.validation_file : null;
  if (validationFileId) fileOr404(ctx, validationFileId, 'validation_file');
  const metadata = metadataOf(body);

  const stats = inspectTrainingFile(training.content);
  const hyper = resolveHyperparameters(body, stats.examples);
  const stepsPerEpoch = Math.max(1, Math.min(10, Math.ceil(stats.examples / hyper.batch_size)));
  const epochs = Math.max(1, Math.min(10, hyper.n_epochs));
  const nowMs = Date.now();
  const id = ctx.state.newId('ftjob-');
  const rec: FineTuneJob = {
    job: {
      id,
      object: 'fine_tuning.job',
      created_at: ctx.state.nowSec(nowMs),
      error: null,
      fine_tuned_model: null,
      finished_at: null,
      hyperparameters: hyper,
      model,
      organization_id: 'org-fake',
      result_files: [],
      seed: typeof body.seed === 'number' ? body.seed : hash32(id) % 2_147_483_647,
      status: 'validating_files',
      trained_tokens: null,
      training_file: trainingFileId,
      validation_file: validationFileId,
      estimated_finish: null,
      integrations: [],
      metadata,
      method: { type: 'supervised', supervised: { hyperparameters: hyper } },
      user_provided_suffix: suffix,
    },
    createdMs: nowMs,
    tick: 0,
    totalSteps: stepsPerEpoch * epochs,
    stepsPerEpoch,
    trainingTokens: stats.tokens * epochs,
    validationError: stats.error,
    events: [],
    checkpoints: [],
    metrics: [],
  };
  addEvent(ctx.state, rec, nowMs, `Created fine-tuning job: ${id}`);
  addEvent(
    ctx.state,
    rec,
    nowMs,
    `Validating training file: ${trainingFileId}${validationFileId ? ` and validation file: ${validationFileId}` : ''}`,
  );
  ctx.state.jobs.set(id, rec);
  await sendJson(ctx, rec.job);
}

async function listJobs(ctx: Ctx): Promise<void> {
  const jobs = [...ctx.state.jobs.values()]
    .map((r) => r.job)
    .filter((job) => matchesMetadataFilter(ctx, job))
    .reverse();
  await sendJson(ctx, cursorPage(ctx, jobs));
}

async function getJob(ctx: Ctx): Promise<void> {
  await sendJson(ctx, jobOr404(ctx).job);
}

async function cancelJob(ctx: Ctx): Promise<void> {
  const rec = jobOr404(ctx);
  advanceJob(ctx.state, rec, Date.now());
  if (!['validating_files', 'queued', 'running'].includes(rec.job.status)) {
    throw new ApiError(
      400,
      `Job has already ${rec.job.status === 'succeeded' ? 'completed' : rec.job.status}.`,
      'invalid_request_error',
      null,
      'invalid_state',
    );
  }
  rec.job.status = 'cancelled';
  rec.job.finished_at = ctx.state.nowSec();
  rec.job.estimated_finish = null;
  addEvent(ctx.state, rec, Date.now(), 'Job cancelled');
  await sendJson(ctx, rec.job);
}

async function listEvents(ctx: Ctx): Promise<void> {
  // Newest first, as the real endpoint pages them.
  await sendJson(ctx, cursorPage(ctx, [...jobOr404(ctx).events].reverse()));
}

async function listCheckpoints(ctx: Ctx): Promise<void> {
  await sendJson(ctx, cursorPage(ctx, [...jobOr404(ctx).checkpoints].reverse(), 10));
}

export const fineTuningRoutes: RouteDef[] = [
  { method: 'POST', pattern: /^\/v1\/fine_tuning\/jobs$/, handler: createJob },
  { method: 'GET', pattern: /^\/v1\/fine_tuning\/jobs$/, handler: listJobs },
  { method: 'GET', pattern: /^\/v1\/fine_tuning\/jobs\/([^/]+)$/, handler: getJob },
  { method: 'POST', pattern: /^\/v1\/fine_tuning\/jobs\/([^/]+)\/cancel$/, handler: cancelJob },
  { method: 'GET', pattern: /^\/v1\/fine_tuning\/jobs\/([^/]+)\/events$/, handler: listEvents },
  { method: 'GET', pattern: /^\/v1\/fine_tuning\/jobs\/([^/]+)\/checkpoints$/, handler: listCheckpoints },
];
