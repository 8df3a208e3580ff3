import type Database from 'better-sqlite3';
import type { DatasetSpec } from '../../../shared/api/datasets';
import { PoolRepo } from './poolRepo';

/** The sessions the filters let in but the privacy gate kept out (personal details await review), oldest first. */
export function withheldForDetails(db: Database.Database, filters: DatasetSpec['filters']): string[] {
  return new PoolRepo(db).withheld(filters);
}
