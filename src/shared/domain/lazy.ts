/**
 * A value built on its first use, then kept. For zod schemas in modules that load with every project open:
 * building a schema costs start-up time (a measurable part of a short CLI command) whether or not anything
 * parses with it.
 */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
