import type Database from 'better-sqlite3';

/** Key/value facts about the project itself (name, creation time, domain pack, sample flag). */
export class ProjectMetaRepo {
  /** The domain pack is read for every generated item; parse each value once until it changes. */
  private readonly cache = new Map<string, unknown>();

  constructor(private readonly db: Database.Database) {}

  get<T>(key: string): T | undefined {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const row = this.db.prepare('SELECT value_json FROM project_meta WHERE key = ?').get(key) as { value_json: string } | undefined;
    const value = row ? (JSON.parse(row.value_json) as T) : undefined;
    this.cache.set(key, value);
    return value;
  }

  set(key: string, value: unknown): void {
    this.cache.delete(key);
    this.db
      .prepare('INSERT INTO project_meta (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json')
      .run(key, JSON.stringify(value));
  }

  /**
   * One statement for the five counts: the project's info is shown on every open and by every CLI command.
   * Sessions are the live ones (deleted ones wait for undo), read from the counts the triggers keep.
   */
  counts(): { sessions: number; providers: number; models: number; jobs: number; calls: number } {
    return this.db
      .prepare(
        `SELECT (SELECT coalesce(sum(n), 0) FROM session_counts) AS sessions, (SELECT count(*) FROM providers) AS providers,
           (SELECT count(*) FROM models) AS models, (SELECT count(*) FROM jobs) AS jobs, (SELECT count(*) FROM calls) AS calls`,
      )
      .get() as { sessions: number; providers: number; models: number; jobs: number; calls: number };
  }
}
