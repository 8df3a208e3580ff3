import { z } from 'zod';

/*
 * Fields of a structured-output schema that strict providers cannot describe. A strict provider
 * (OpenAI's Structured Outputs and the servers that copy them) refuses a whole request whose schema
 * has a keyword outside its subset: strings have `pattern` but neither `minLength` nor `maxLength`,
 * arrays have no `uniqueItems`. So "not empty" travels as a pattern, and a rule no strict schema can
 * carry (a length limit, distinct items) is applied by trimming the answer instead of refusing it:
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

/**
 * A list whose items must differ (labels): strict schemas have no `uniqueItems`, so a provider may
 * repeat an item; the repeat is dropped rather than stored twice or refused.
 */
export function distinctItems<T extends z.ZodType>(list: z.ZodArray<T>) {
  return list.overwrite((items) => [...new Set(items)]);
}
