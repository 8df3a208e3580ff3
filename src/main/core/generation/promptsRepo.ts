import type Database from 'better-sqlite3';
import { statementCache } from '../util/statements';

export interface StoredPrompt {
  name: string;
  version: number;
  template: string;
  note: string | null;
  createdAt: number;
}

/** Saved prompt versions; a version is never edited, a change is a new version. */
export class PromptsRepo {
  private readonly sql: (text: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  all(): StoredPrompt[] {
    return (
      this.sql('SELECT name, version, template, note, created_at FROM prompt_versions ORDER BY name, version DESC').all() as {
        name: string;
        version: number;
        template: string;
        note: string | null;
        created_at: number;
      }[]
    ).map((r) => ({ name: r.name, version: r.version, template: r.template, note: r.note, createdAt: r.created_at }));
  }

  latest(name: string): StoredPrompt | undefined {
    return this.all().find((p) => p.name === name);
  }

  insert(p: StoredPrompt & { id: string }): void {
    this.sql('INSERT INTO prompt_versions (id, name, version, template, note, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      p.id,
      p.name,
      p.version,
      p.template,
      p.note,
      p.createdAt,
    );
  }
}
