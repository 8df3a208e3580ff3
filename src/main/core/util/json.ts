import { z } from 'zod';
import { lazy } from '../../../shared/domain/lazy';

/** Parses a `_json` column through its schema, so a bad row fails loudly instead of leaking shape errors. */
export function parseJsonColumn<T>(text: string | null, schema: z.ZodType<T>, column: string): T | null {
  if (text === null) return null;
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`column ${column} holds unexpected data: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/** A JSON object of any content (metadata, provenance, params), the shape most `_json` columns hold; built on first use. */
export const jsonObjectSchema = lazy(() => z.record(z.string(), z.unknown()));
