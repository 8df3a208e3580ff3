import { ApiError, cursorPage, send, sendJson, type Ctx, type RouteDef } from '../http';
import type { FilePurpose, StoredFile } from '../state';

const UPLOAD_PURPOSES: readonly FilePurpose[] = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'];

export function fileOr404(ctx: Ctx, id: string, param: string | null = null): StoredFile {
  const file = ctx.state.files.get(id);
  if (!file) throw new ApiError(404, `No such File object: ${id}`, 'invalid_request_error', param ?? 'id', null);
  return file;
}

async function uploadFile(ctx: Ctx): Promise<void> {
  const form = ctx.form;
  if (!form) throw new ApiError(400, 'Invalid Content-Type header (expected multipart/form-data).', 'invalid_request_error', null, null);
  const file = form.get('file');
  if (!file || typeof file === 'string') {
    throw new ApiError(400, "Missing required parameter: 'file'.", 'invalid_request_error', 'file', 'missing_required_parameter');
  }
  const purpose = form.get('purpose');
  if (typeof purpose !== 'string') {
    throw new ApiError(400, "Missing required parameter: 'purpose'.", 'invalid_request_error', 'purpose', 'missing_required_parameter');
  }
  if (!UPLOAD_PURPOSES.includes(purpose as FilePurpose)) {
    throw new ApiError(
      400,
      `'${purpose}' is not one of ${UPLOAD_PURPOSES.map((p) => `'${p}'`).join(', ')} - 'purpose'`,
      'invalid_request_error',
      'purpose',
      null,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const stored = ctx.state.addFile(bytes, file.name || 'upload', purpose as FilePurpose);
  await sendJson(ctx, stored.meta);
}

async function listFiles(ctx: Ctx): Promise<void> {
  const purpose = ctx.query.get('purpose');
  let metas = [...ctx.state.files.values()].map((f) => f.meta).filter((m) => !purpose || m.purpose === purpose);
  // Insertion order is creation order, which is finer-grained than created_at seconds.
  if (ctx.query.get('order') !== 'asc') metas = metas.reverse();
  await sendJson(ctx, cursorPage(ctx, metas, 10_000));
}

async function getFile(ctx: Ctx): Promise<void> {
  await sendJson(ctx, fileOr404(ctx, ctx.params[0] ?? '').meta);
}

async function getContent(ctx: Ctx): Promise<void> {
  const file = fileOr404(ctx, ctx.params[0] ?? '');
  await send(ctx, 200, 'application/octet-stream', file.content, {
    'content-disposition': `attachment; filename="${file.meta.filename.replace(/"/g, '')}"`,
  });
}

async function deleteFile(ctx: Ctx): Promise<void> {
  const id = ctx.params[0] ?? '';
  fileOr404(ctx, id);
  ctx.state.files.delete(id);
  await sendJson(ctx, { id, object: 'file', deleted: true });
}

export const fileRoutes: RouteDef[] = [
  { method: 'POST', pattern: /^\/v1\/files$/, handler: uploadFile },
  { method: 'GET', pattern: /^\/v1\/files$/, handler: listFiles },
  { method: 'GET', pattern: /^\/v1\/files\/([^/]+)$/, handler: getFile },
  { method: 'GET', pattern: /^\/v1\/files\/([^/]+)\/content$/, handler: getContent },
  { method: 'DELETE', pattern: /^\/v1\/files\/([^/]+)$/, handler: deleteFile },
];
