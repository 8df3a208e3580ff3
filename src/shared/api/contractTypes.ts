import type { z } from 'zod';

/** Every method takes one input object and resolves to plain JSON. */
export type Method<I, O> = (input: I) => Promise<O>;

export type InputOf<M> = M extends Method<infer I, unknown> ? I : never;
export type OutputOf<M> = M extends Method<never, infer O> ? O : never;

/**
 * The schema map a domain must provide for its interface. Used with `satisfies`, so a method
 * without a schema, or a schema that does not produce the method's input, does not compile.
 */
export type InputSchemas<A> = { [K in keyof A]: z.ZodType<InputOf<A[K]>> };

/** An empty input: `{}` (callers may omit it). */
export type NoInput = Record<never, never>;
