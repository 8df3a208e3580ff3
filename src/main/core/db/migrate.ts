import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /** SQL run as one script, or a function for data changes SQL alone cannot express. */
  up: string | ((db: Database.Database) => void);
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every pending migration in ONE transaction: a failure leaves the file exactly as it was.
 * `PRAGMA user_version` is transactional in SQLite, so the version moves with the schema.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): { from: number; to: number } {
  const from = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const m of pending) {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }
  })();
  return { from, to: schemaVersion(db) };
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}
