import { BATCH_ENDPOINTS, advanceBatch, type BatchRecord } from '../batchSim';
import { ApiError, cursorPage, objectBody, requireString, sendJson, type Ctx, type RouteDef } from '../http';

function batchOr404(ctx: Ctx): BatchRecord {
  const id = ctx.params[0] ?? '';
  const rec = ctx.state.batches.get(id);
  if (!rec) throw new ApiError(404, `No batch found with id '${id}'.`, 'invalid_request_error', 'batch_id', 'batch_not_found');
  return rec;
}

async function createBatch(ctx: Ctx): Promise<void> {
  const body = objectBody(ctx);
  const inputFileId = requireString(body, 'input_file_id');
  const endpoint = requireString(body, 'endpoint');
  const window = requireString(body, 'completion_window');
  if (!(BATCH_ENDPOINTS as readonly string[]).includes(endpoint)) {
    throw new ApiError(
      400,
      `Invalid value for 'endpoint': '${endpoint}'. The fake supports ${BATCH_ENDPOINTS.join(', ')}.`,
      'invalid_request_error',
      'endpoint',
      'invalid_value',
    );
  }
  if (window !== '24h') {
    throw new ApiError(
      400,
      `Invalid value for 'completion_window': '${window}'. Supported values are: '24h'.`,
      'invalid_request_error',
      'completion_window',
      'invalid_value',
    );
  }
  const input = ctx.state.files.get(inputFileId);
  if (!input)
    throw new ApiError(
      400,
      `Invalid 'input_file_id': '${inputFileId}'. File not found.`,
      'invalid_request_error',
      'input_file_id',
      'invalid_value',
    );
  if (input.meta.purpose !== 'batch') {
    throw new ApiError(
      400,
      `File ${inputFileId} has purpose '${input.meta.purpose}', but batches require purpose 'batch'.`,
      'invalid_request_error',
      'input_file_id',
      'invalid_file_purpose',
    );
  }
  const nowMs = Date.now();
  const createdAt = ctx.state.nowSec(nowMs);
  const rec: BatchRecord = {
    batch: {
      id: ctx.state.newId('batch_'),
      object: 'batch',
      endpoint,
      errors: null,
      input_file_id: inputFileId,
      completion_window: window,
      status: 'validating',
      output_file_id: null,
      error_file_id: null,
      created_at: createdAt,
      in_progress_at: null,
      expires_at: createdAt + 86_400,
      finalizing_at: null,
      completed_at: null,
      failed_at: null,
      expired_at: null,
      cancelling_at: null,
      cancelled_at: null,
      request_counts: { total: 0, completed: 0, failed: 0 },
      metadata: body.metadata ?? null,
    },
    createdMs: nowMs,
    tick: 0,
    lines: [],
    outputs: [],
    errors: [],
    tokens: { input: 0, output: 0 },
  };
  ctx.state.batches.set(rec.batch.id, rec);
  await sendJson(ctx, rec.batch);
}

async function listBatches(ctx: Ctx): Promise<void> {
  await sendJson(ctx, cursorPage(ctx, [...ctx.state.batches.values()].map((r) => r.batch).reverse()));
}

async function getBatch(ctx: Ctx): Promise<void> {
  await sendJson(ctx, batchOr404(ctx).batch);
}

async function cancelBatch(ctx: Ctx): Promise<void> {
  const rec = batchOr404(ctx);
  advanceBatch(ctx.state, rec, Date.now());
  if (!['validating', 'in_progress', 'finalizing'].includes(rec.batch.status)) {
    // 400 rather than 409: the SDK retries 409s as lock timeouts.
    throw new ApiError(400, `Cannot cancel a batch with status '${rec.batch.status}'.`, 'invalid_request_error', null, 'invalid_state');
  }
  rec.batch.status = 'cancelling';
  rec.batch.cancelling_at = ctx.state.nowSec();
  await sendJson(ctx, rec.batch);
}

export const batchRoutes: RouteDef[] = [
  { method: 'POST', pattern: /^\/v1\/batches$/, handler: createBatch },
  { method: 'GET', pattern: /^\/v1\/batches$/, handler: listBatches },
  { method: 'GET', pattern: /^\/v1\/batches\/([^/]+)$/, handler: getBatch },
  { method: 'POST', pattern: /^\/v1\/batches\/([^/]+)\/cancel$/, handler: cancelBatch },
];
