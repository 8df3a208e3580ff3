import type { z } from 'zod';
import { onlyAnswer, type BatchAnswer, type BatchRequest } from '../jobs/jobHandler';
import { parseJson } from './parseJson';

/** An item's seed: the run's seed moved by the item's place, so items differ from each other and a rerun repeats each one. */
export const itemSeed = (params: { seed: number }, input: { index: number }): number => params.seed + input.index * 101;

/** A generation item's one Batch API request: its prompt as the user's message, at the run's temperature and the item's seed, answered in `schema`. */
export function generationRequest(
  params: { seed: number; temperature: number },
  input: { index: number },
  prompt: string,
  schema: z.ZodType,
  schemaName: string,
): BatchRequest[] {
  return [
    { messages: [{ role: 'user', content: prompt }], temperature: params.temperature, seed: itemSeed(params, input), schema, schemaName },
  ];
}

/** A Batch API item's one answer, read against the schema it was asked for; an answer that does not fit fails the item with the first reason. */
export function batchAnswer<T>(answers: BatchAnswer[], schema: z.ZodType<T>, what: string): ReturnType<typeof onlyAnswer> & { value: T } {
  const answer = onlyAnswer(answers);
  const parsed = schema.safeParse(parseJson(answer.text));
  if (!parsed.success) throw new Error(`The answer did not fit the ${what} format: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  return { ...answer, value: parsed.data };
}
