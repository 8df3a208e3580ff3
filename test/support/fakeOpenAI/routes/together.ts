import { ApiError, objectBody, requireString, sendJson, type Ctx, type RouteDef } from '../http';
import type { StoredFile } from '../state';
import { createTogetherJob, requestCancel, togetherFileObject, togetherJobObject, type TogetherJob } from '../togetherSim';

/**
 * Together AI's fine-tuning API beside the OpenAI one (docs.together.ai/reference): multipart
 * `POST /v1/files/upload`, `POST|GET /v1/fine-tunes`, `GET /v1/fine-tunes/{id}` and its `/events` and
 * `/checkpoints`, `POST /v1/fine-tunes/{id}/cancel`. Faults aimed at 'fine_tuning' hit these too.
 */

const MAX_SUFFIX = 40;

function jobOr404(ctx: Ctx): TogetherJob {
  const id = ctx.params[0] ?? '';
  const job = ctx.state.togetherJobs.get(id);
  if (!job) throw new ApiError(404, `Fine-tune job ${id} not found`, 'invalid_request_error', 'id', 'not_found');
  return job;
}

function fineTuneFile(ctx: Ctx, id: string, param: string): StoredFile {
  const file = ctx.state.files.get(id);
  if (!file) throw new ApiError(400, `${param} ${id} does not exist or is not accessible`, 'invalid_request_error', param, 'invalid_file');
  if (file.meta.purpose !== 'fine-tune')
    throw new ApiError(400, `${param} ${id} was not uploaded with purpose 'fine-tune'`, 'invalid_request_error', param, 'invalid_file');
  return file;
}

async function uploadFile(ctx: Ctx): Promise<void> {
  const form = ctx.form;
  if (!form) throw new ApiError(400, 'Expected a multipart/form-data body.', 'invalid_request_error', null, null);
  const file = form.get('file');
  if (!file || typeof file === 'string') throw new ApiError(400, "Missing required field 'file'.", 'invalid_request_error', 'file', null);
  const purpose = form.get('purpose');
  if (purpose !== 'fine-tune')
    throw new ApiError(
      400,
      `Invalid purpose '${String(purpose)}'; this fake accepts 'fine-tune'.`,
      'invalid_request_error',
      'purpose',
      null,
    );
  const fileName = form.get('file_name');
  if (typeof fileName !== 'string' || !fileName)
    throw new ApiError(400, "Missing required field 'file_name'.", 'invalid_request_error', 'file_name', null);
  const fileType = form.get('file_type') ?? 'jsonl';
  if (fileType !== 'jsonl')
    throw new ApiError(
      400,
      `Unsupported file_type '${String(fileType)}'; this fake accepts 'jsonl'.`,
      'invalid_request_error',
      'file_type',
      null,
    );
  const stored = ctx.state.addFile(new Uint8Array(await file.arrayBuffer()), fileName, 'fine-tune');
  await sendJson(ctx, togetherFileObject(stored));
}

function positiveInt(body: Record<string, unknown>, key: string, fallback: number, max: number): number {
  const v = body[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max)
    throw new ApiError(400, `${key} must be an integer between 0 and ${max}`, 'invalid_request_error', key, null);
  return v;
}

function trainingType(body: Record<string, unknown>): Record<string, unknown> {
  const t = body.training_type as Record<string, unknown> | undefined | null;
  // Together trains a LoRA adapter when the request names no training type.
  if (t === undefined || t === null)
    return { type: 'Lora', lora_r: 8, lora_alpha: 16, lora_dropout: 0, lora_trainable_modules: 'all-linear' };
  if (t.type === 'Full') return { type: 'Full' };
  if (t.type !== 'Lora')
    throw new ApiError(400, `training_type.type must be 'Full' or 'Lora'`, 'invalid_request_error', 'training_type', null);
  if (typeof t.lora_r !== 'number' || typeof t.lora_alpha !== 'number')
    throw new ApiError(400, 'training_type Lora needs lora_r and lora_alpha', 'invalid_request_error', 'training_type', null);
  if (t.lora_r < 1 || t.lora_r > 64)
    throw new ApiError(
      400,
      `lora_r ${t.lora_r} is outside the supported range 1-64 for this model`,
      'invalid_request_error',
      'training_type',
      null,
    );
  return { lora_dropout: 0, lora_trainable_modules: 'all-linear', ...t };
}

async function createJob(ctx: Ctx): Promise<void> {
  const body = objectBody(ctx);
  const model = requireString(body, 'model');
  const trainingFileId = requireString(body, 'training_file');
  if (!ctx.state.hasModel(model) || /embedding|whisper|transcribe|tts/.test(model)) {
    throw new ApiError(
      400,
      `Model ${model} is not supported for fine-tuning. See https://docs.together.ai/docs/fine-tuning-models for the models you can fine-tune.`,
      'invalid_request_error',
      'model',
      null,
    );
  }
  const suffix = typeof body.suffix === 'string' && body.suffix ? body.suffix : null;
  if (suffix && suffix.length > MAX_SUFFIX)
    throw new ApiError(400, `suffix must be at most ${MAX_SUFFIX} characters`, 'invalid_request_error', 'suffix', null);
  const trainingFile = fineTuneFile(ctx, trainingFileId, 'training_file');
  const validationFile =
    typeof body.validation_file === 'string' && body.validation_file ? fineTuneFile(ctx, body.validation_file, 'validation_file') : null;
  const nEvals = positiveInt(body, 'n_evals', 0, 100);
  if (nEvals > 0 && !validationFile)
    throw new ApiError(400, 'n_evals > 0 requires a validation_file', 'invalid_request_error', 'n_evals', null);
  const nEpochs = positiveInt(body, 'n_epochs', 1, 20);
  if (nEpochs < 1) throw new ApiError(400, 'n_epochs must be at least 1', 'invalid_request_error', 'n_epochs', null);
  const batch = body.batch_size;
  if (batch !== undefined && batch !== 'max' && (typeof batch !== 'number' || !Number.isInteger(batch) || batch < 1)) {
    throw new ApiError(400, "batch_size must be a positive integer or 'max'", 'invalid_request_error', 'batch_size', null);
  }
  const learningRate = body.learning_rate ?? 0.00001;
  if (typeof learningRate !== 'number' || !(learningRate > 0))
    throw new ApiError(400, 'learning_rate must be a positive number', 'invalid_request_error', 'learning_rate', null);
  const job = createTogetherJob(ctx.state, {
    model,
    trainingFile,
    validationFile,
    suffix,
    nEpochs,
    nEvals,
    batchSize: typeof batch === 'number' ? batch : 'max',
    learningRate,
    trainingType: trainingType(body),
    trainingMethod: (body.training_method as Record<string, unknown> | undefined) ?? { method: 'sft', train_on_inputs: 'auto' },
    randomSeed: typeof body.random_seed === 'number' ? body.random_seed : null,
  });
  ctx.state.togetherJobs.set(job.id, job);
  await sendJson(ctx, togetherJobObject(ctx.state, job, false));
}

async function listJobs(ctx: Ctx): Promise<void> {
  await sendJson(ctx, { data: [...ctx.state.togetherJobs.values()].map((j) => togetherJobObject(ctx.state, j, false)) });
}

async function getJob(ctx: Ctx): Promise<void> {
  await sendJson(ctx, togetherJobObject(ctx.state, jobOr404(ctx), true));
}

async function listEvents(ctx: Ctx): Promise<void> {
  // Oldest first, as Together lists them.
  await sendJson(ctx, { data: jobOr404(ctx).events });
}

async function listCheckpoints(ctx: Ctx): Promise<void> {
  await sendJson(ctx, { data: [...jobOr404(ctx).checkpoints].reverse() });
}

async function cancelJob(ctx: Ctx): Promise<void> {
  const job = jobOr404(ctx);
  if (!requestCancel(ctx.state, job, Date.now())) {
    throw new ApiError(400, `Fine-tune job ${job.id} cannot be cancelled in status ${job.status}`, 'invalid_request_error', null, null);
  }
  await sendJson(ctx, togetherJobObject(ctx.state, job, false));
}

export const togetherRoutes: RouteDef[] = [
  { method: 'POST', pattern: /^\/v1\/files\/upload$/, handler: uploadFile },
  { method: 'POST', pattern: /^\/v1\/fine-tunes$/, handler: createJob },
  { method: 'GET', pattern: /^\/v1\/fine-tunes$/, handler: listJobs },
  { method: 'GET', pattern: /^\/v1\/fine-tunes\/([^/]+)$/, handler: getJob },
  { method: 'GET', pattern: /^\/v1\/fine-tunes\/([^/]+)\/events$/, handler: listEvents },
  { method: 'GET', pattern: /^\/v1\/fine-tunes\/([^/]+)\/checkpoints$/, handler: listCheckpoints },
  { method: 'POST', pattern: /^\/v1\/fine-tunes\/([^/]+)\/cancel$/, handler: cancelJob },
];
