import Database from 'better-sqlite3';
import { sessionOrder, sessionWhere } from '../../src/main/core/sessions/sessionQuery';

/** How SQLite would run the library's own query for `filter`, asked on a second connection to the file. */
export function libraryPlan(file: string, filter: Parameters<typeof sessionWhere>[0]): string {
  const where = sessionWhere(filter);
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare(`EXPLAIN QUERY PLAN SELECT s.id FROM sessions s ${where.sql} ${sessionOrder('created', 'desc')} LIMIT 100`)
      .all(...where.params) as { detail: string }[];
    return rows.map((r) => r.detail).join('\n');
  } finally {
    db.close();
  }
}
