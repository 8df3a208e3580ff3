import { checkModel } from '../chatModel';
import { ApiError, objectBody, optionalNumber, requireString, sendJson, type Ctx, type RouteDef } from '../http';
import { prngFor } from '../prng';
import type { FakeState } from '../state';
import { countTokens, tokenize } from '../text';

const DEFAULT_DIMENSIONS = 64;

/**
 * Bag-of-words embedding: each token maps to a fixed pseudo-random direction and a text is the
 * normalised sum, so texts sharing words get a high cosine similarity and unrelated ones a low one.
 */
export function embed(text: string, dimensions: number): number[] {
  const tokens = tokenize(text);
  const vector = new Array<number>(dimensions).fill(0);
  for (const token of tokens.length ? tokens : [text]) {
    const prng = prngFor('embedding', token);
    for (let i = 0; i < dimensions; i++) vector[i] = (vector[i] ?? 0) + prng.normal();
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}

function inputTexts(input: unknown): string[] {
  const invalid = (): ApiError =>
    new ApiError(
      400,
      "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
      'invalid_request_error',
      null,
      null,
    );
  // Token-id inputs have no text; their ids stand in for words so they still embed consistently.
  const fromTokens = (ids: unknown[]): string => ids.map((id) => `t${String(id)}`).join(' ');
  if (typeof input === 'string') {
    if (!input) throw invalid();
    return [input];
  }
  if (!Array.isArray(input) || input.length === 0) throw invalid();
  if (input.every((x) => typeof x === 'number')) return [fromTokens(input)];
  return input.map((item: unknown) => {
    if (typeof item === 'string' && item) return item;
    if (Array.isArray(item) && item.length && item.every((x) => typeof x === 'number')) return fromTokens(item);
    throw invalid();
  });
}

/** Shared with batches, which answer `/v1/embeddings` lines exactly as the live route would. */
export function embeddingResponse(state: FakeState, body: Record<string, unknown>): Record<string, unknown> {
  const model = requireString(body, 'model');
  checkModel(state, model);
  const texts = inputTexts(body.input);
  const dimensions = optionalNumber(body, 'dimensions') ?? DEFAULT_DIMENSIONS;
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 4096) {
    throw new ApiError(400, `Invalid 'dimensions': ${dimensions}.`, 'invalid_request_error', 'dimensions', 'invalid_value');
  }
  const base64 = body.encoding_format === 'base64';
  const data = texts.map((text, index) => {
    const vector = embed(text, dimensions);
    // The SDK asks for base64 by default and decodes little-endian float32 itself.
    const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  const tokens = texts.reduce((sum, t) => sum + Math.max(1, countTokens(t)), 0);
  return { object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

async function createEmbeddings(ctx: Ctx): Promise<void> {
  await sendJson(ctx, embeddingResponse(ctx.state, objectBody(ctx)));
}

export const embeddingRoutes: RouteDef[] = [{ method: 'POST', pattern: /^\/v1\/embeddings$/, handler: createEmbeddings }];
