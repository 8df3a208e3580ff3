import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** ULIDs sort by creation time, which keeps job items and ledger rows in order without extra columns. */
export function newId(): string {
  return next();
}
