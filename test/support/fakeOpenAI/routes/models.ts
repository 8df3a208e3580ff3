import { ApiError, sendJson, type Ctx, type RouteDef } from '../http';

function modelNotFound(id: string): ApiError {
  return new ApiError(404, `The model '${id}' does not exist`, 'invalid_request_error', 'model', 'model_not_found');
}

async function listModels(ctx: Ctx): Promise<void> {
  await sendJson(ctx, { object: 'list', data: ctx.state.models });
}

async function getModel(ctx: Ctx): Promise<void> {
  const id = ctx.params[0] ?? '';
  const model = ctx.state.models.find((m) => m.id === id);
  if (!model) throw modelNotFound(id);
  await sendJson(ctx, model);
}

/** Only fine-tuned models may be deleted, as on the real API. */
async function deleteModel(ctx: Ctx): Promise<void> {
  const id = ctx.params[0] ?? '';
  const index = ctx.state.models.findIndex((m) => m.id === id);
  if (index === -1) throw modelNotFound(id);
  if (!id.startsWith('ft:'))
    throw new ApiError(
      403,
      'You have insufficient permissions for this operation.',
      'invalid_request_error',
      null,
      'insufficient_permissions',
    );
  ctx.state.models.splice(index, 1);
  await sendJson(ctx, { id, object: 'model', deleted: true });
}

export const modelRoutes: RouteDef[] = [
  { method: 'GET', pattern: /^\/v1\/models$/, handler: listModels },
  { method: 'GET', pattern: /^\/v1\/models\/(.+)$/, handler: getModel },
  { method: 'DELETE', pattern: /^\/v1\/models\/(.+)$/, handler: deleteModel },
];
