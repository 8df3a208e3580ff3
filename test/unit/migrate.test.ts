import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createProjectFile, openProjectFile } from '../../src/main/core/db/openProject';
import { migrate, type Migration } from '../../src/main/core/db/migrate';
import { migrations } from '../../src/main/core/db/migrations';

const tmp = () => mkdtempSync(join(tmpdir(), 'hds-migrate-'));

/** A future migration, as later issues will add: a column with a default and a data backfill. */
const nextMigration: Migration = {
  version: migrations.length + 1,
  name: 'test-next',
  up: (db) => {
    db.exec(`ALTER TABLE providers ADD COLUMN notes TEXT NOT NULL DEFAULT ''`);
    db.exec(`UPDATE providers SET notes = 'migrated ' || name`);
  },
};

function insertProvider(db: Database.Database, name: string): void {
  db.prepare(
    `INSERT INTO providers (id, name, preset, base_url, api_key_env, concurrency, timeout_ms, max_retries, capabilities_json, created_at, updated_at)
     VALUES (?, ?, 'ollama', 'http://127.0.0.1:11434/v1', NULL, 1, 60000, 3, '{}', 0, 0)`,
  ).run(`01HZZZZZZZZZZZZZZZZZZZZZZ${name.length}`, name);
}

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('upgrade a file built at N-1 with rows in it, after writing a backup copy', async () => {
    const file = join(tmp(), 'p.hds');
    const created = createProjectFile(file, migrations);
    insertProvider(created.db, 'Local');
    created.db.close();

    const opened = await openProjectFile(file, [...migrations, nextMigration]);
    expect(opened.migratedFrom).toBe(migrations.length);
    expect(opened.db.pragma('user_version', { simple: true })).toBe(nextMigration.version);
    expect(opened.db.prepare('SELECT notes FROM providers').get()).toEqual({ notes: 'migrated Local' });
    opened.db.close();

    expect(opened.backupFile && existsSync(opened.backupFile)).toBeTruthy();
    const backup = new Database(opened.backupFile!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(backup.prepare('SELECT name FROM providers').all()).toEqual([{ name: 'Local' }]);
    backup.close();
  });

  it('leave the file exactly as it was when a migration fails', async () => {
    const dir = tmp();
    const file = join(dir, 'p.hds');
    const created = createProjectFile(file, migrations);
    insertProvider(created.db, 'Local');
    created.db.pragma('wal_checkpoint(TRUNCATE)');
    created.db.close();
    const broken: Migration = { version: migrations.length + 1, name: 'broken', up: 'CREATE TABLE ok_so_far (x TEXT); SELECT * FROM no_such_table;' };

    await expect(openProjectFile(file, [...migrations, broken])).rejects.toThrow(/left as it was/);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'ok_so_far'`).get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT name FROM providers').all()).toEqual([{ name: 'Local' }]);
    db.close();
    expect(readdirSync(dir).some((f) => f.endsWith('.bak'))).toBe(true);
  });

  it('apply all in one transaction on a fresh database', () => {
    const db = new Database(':memory:');
    const result = migrate(db, migrations);
    expect(result).toEqual({ from: 0, to: migrations.length });
    expect(migrate(db, migrations)).toEqual({ from: migrations.length, to: migrations.length });
    db.close();
  });

  it('open an up-to-date file without a backup', async () => {
    const dir = tmp();
    const file = join(dir, 'p.hds');
    createProjectFile(file, migrations).db.close();
    const copy = join(dir, 'copy.hds');
    copyFileSync(file, copy);
    const opened = await openProjectFile(copy, migrations);
    expect(opened.backupFile).toBeNull();
    opened.db.close();
    expect(readFileSync(copy).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
  });
});

describe('0002 transcripts', () => {
  it('moves tags into their own table, indexes existing sessions for search and keeps every row', async () => {
    const file = join(tmp(), 'v1.hds');
    const v1 = createProjectFile(file, migrations.slice(0, 1));
    v1.db.prepare(`INSERT INTO sessions (id, title, source, status, tags_json, metadata_json, created_at, updated_at) VALUES ('s1', 'Old', 'sample', 'draft', '["sample","anxiety"]', '{}', 1, 1)`).run();
    v1.db.prepare(`INSERT INTO turns (session_id, seq, role, text) VALUES ('s1', 0, 'user', 'I keep worrying about my exams'), ('s1', 1, 'assistant', 'What goes through your mind?')`).run();
    v1.db.close();

    const opened = await openProjectFile(file, migrations.slice(0, 2));
    const db = opened.db;
    expect(db.prepare('SELECT tag FROM session_tags ORDER BY tag').all()).toEqual([{ tag: 'anxiety' }, { tag: 'sample' }]);
    const found = `SELECT s.id FROM sessions s WHERE s.rowid IN (SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH ?)`;
    expect(db.prepare(found).all('worrying')).toEqual([{ id: 's1' }]);
    expect(db.prepare(found).all('"what goes through"')).toEqual([{ id: 's1' }]);
    expect(db.prepare(found).all('title:old')).toEqual([{ id: 's1' }]);
    expect(db.prepare(found).all('fail')).toEqual([]);
    expect(db.prepare(`SELECT title, token_count, deleted_at FROM sessions`).get()).toEqual({ title: 'Old', token_count: 0, deleted_at: null });
    db.close();
  });
});
