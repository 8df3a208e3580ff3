import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { createProjectFile } from '../../src/main/core/db/openProject';
import { migrations } from '../../src/main/core/db/migrations';
import { prng } from './sessionRows';

const WORDS = ['thought', 'record', 'evidence', 'worry', 'sleep', 'manager', 'sister', 'panic', 'homework', 'balanced', 'mood', 'week'];

/**
 * A project saved by the first version of the app (format 1), with `sessions` sessions of `turns` turns each:
 * opening it runs every later migration, and their backfills (turn counts, search index, tags, counts) have
 * real rows to work through.
 */
export function writeOldProject(file: string, sessions: number, turns: number): void {
  const { db } = createProjectFile(file, migrations.slice(0, 1));
  const random = prng(sessions);
  const session = db.prepare(
    `INSERT INTO sessions (id, title, source, status, tags_json, metadata_json, created_at, updated_at) VALUES (?, ?, 'real', 'draft', ?, '{}', ?, ?)`,
  );
  const turn = db.prepare('INSERT INTO turns (session_id, seq, role, text) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (let s = 0; s < sessions; s++) {
      const id = `01OLD${String(s).padStart(21, '0')}`;
      session.run(id, `Old session ${s + 1}`, JSON.stringify(s % 3 === 0 ? ['pilot'] : []), 1_700_000_000_000 + s, 1_700_000_000_000 + s);
      for (let t = 0; t < turns; t++) {
        const words = Array.from({ length: 12 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
        turn.run(id, t, t % 2 === 0 ? 'assistant' : 'user', `${words} ${s}-${t}.`);
      }
    }
  })();
  db.close();
}

const tableNames = (db: Database.Database) =>
  new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));

/**
 * What a project file holds as another program would find it (read-only, the -wal read back): its format, whether
 * its schema is all of that format (a table of a later migration without the version, or the reverse, is a
 * half-upgraded file), its sessions and its integrity.
 */
export function projectFileState(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = tableNames(db);
    // Tables the second and the ninth migrations add: present exactly when the version says those ran.
    const wholeSchema = tables.has('session_tags') === version >= 2 && tables.has('session_counts') === version >= 9;
    const sessions = (db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
    const turns = (db.prepare('SELECT count(*) AS n FROM turns').get() as { n: number }).n;
    return { version, wholeSchema, sessions, turns, integrity: db.pragma('integrity_check', { simple: true }) };
  } finally {
    db.close();
  }
}

/** The backup copies an upgrade left beside the file: each must be a whole project of the old format. */
export function backupStates(file: string) {
  return readdirSync(dirname(file))
    .filter((name) => name.endsWith('.bak'))
    .map((name) => {
      try {
        return { name, ...projectFileState(join(dirname(file), name)) };
      } catch (err) {
        return { name, error: (err as Error).message };
      }
    });
}
