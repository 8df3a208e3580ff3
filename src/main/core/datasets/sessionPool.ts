import type Database from 'better-sqlite3';
import type { DatasetSpec } from '../../../shared/api/datasets';
import { PoolRepo, type PoolRow } from './poolRepo';

/**
 * The sessions a spec's filters let in, oldest first (a stable order before the seeded shuffle).
 * Sample sessions count as real: they are real-style transcripts shipped to try the app with.
 * Labels are the distortions a synthetic session was written for. The privacy gate: a session whose
 * detected personal details nobody has reviewed never enters a dataset, whatever statuses the filters
 * allow ("needs review" included). The SQL is in PoolRepo.
 */
export function sessionPool(db: Database.Database, filters: DatasetSpec['filters']): PoolRow[] {
  return new PoolRepo(db).pool(filters);
}

/** The sessions the filters let in but the privacy gate kept out (personal details await review), oldest first. */
export function withheldForDetails(db: Database.Database, filters: DatasetSpec['filters']): string[] {
  return new PoolRepo(db).withheld(filters);
}
