import { z } from 'zod';

/*
 * Strings in a structured-output schema. A strict provider (OpenAI's Structured Outputs and the servers
 * that copy them) refuses a whole request whose schema has a keyword outside its subset, and that
 * subset has `pattern` for strings but neither `minLength` nor `maxLength`. So "not empty" travels as a
 * pattern, and a length limit, which no strict schema can carry, cuts the text instead of refusing it:
 * a check the schema cannot state would otherwise reject answers the provider was right to give.
 */

/** Text that must say something (one non-space character at least), trimmed and cut to `max` characters. */
export function filledText(max = Number.POSITIVE_INFINITY) {
  return z
    .string()
    .regex(/\S/, 'must not be empty')
    .overwrite((s) => s.trim().slice(0, max));
}

/** Text that may be empty, cut to `max` characters. */
export function freeText(max: number) {
  return z.string().overwrite((s) => s.slice(0, max));
}
