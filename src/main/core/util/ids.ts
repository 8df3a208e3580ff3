import { createRequire } from 'node:module';
import type * as UlidModule from 'ulid';

type Ulid = typeof UlidModule;
let ulid: Ulid | undefined;
let next: (() => string) | undefined;

// ulid loads node:crypto (a few ms), and a command that only reads a project never makes an id: it loads
// on the first id, synchronously, so callers stay simple.
const lib = (): Ulid => (ulid ??= createRequire(import.meta.url)('ulid') as Ulid);

/** ULIDs sort by creation time, which keeps job items and ledger rows in order without extra columns. */
export function newId(): string {
  return (next ??= lib().monotonicFactory())();
}

/** The smallest id a ULID made at `ms` can have: every id made earlier sorts below it. */
export function idBefore(ms: number): string {
  return lib().encodeTime(ms, 10);
}
