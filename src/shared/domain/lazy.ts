/**
 * A value built on its first use, then kept. For zod schemas in modules that load with every project open:
 * building a schema costs start-up time (a measurable part of a short CLI command) whether or not anything
 * parses with it.
 */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

/**
 * A table whose entries are each built on their first read, then kept. For a contract domain's input schemas:
 * a command validates the input of the one or two methods it calls, and building the domain's others cost its
 * start-up time for nothing. Entries are enumerable own properties, so the table lists and spreads as a plain
 * object does (reading an entry builds it).
 */
export function lazyTable<T extends Record<string, () => unknown>>(builders: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const table = {};
  for (const [key, build] of Object.entries(builders)) Object.defineProperty(table, key, { enumerable: true, get: lazy(build) });
  return table as { readonly [K in keyof T]: ReturnType<T[K]> };
}
