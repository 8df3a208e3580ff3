import { encodeTime, monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** ULIDs sort by creation time, which keeps job items and ledger rows in order without extra columns. */
export function newId(): string {
  return next();
}

/** The smallest id a ULID made at `ms` can have: every id made earlier sorts below it. */
export function idBefore(ms: number): string {
  return encodeTime(ms, 10);
}
