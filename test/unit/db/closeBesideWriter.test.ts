import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointAndClose } from '../../../src/main/core/db/connection';

// A CLI command that closes a project while the app runs a job on it: the closing side must not hold up
// the other process's writes (a TRUNCATE checkpoint blocks new writers while it waits for readers).
describe('closing a project another connection is using', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hds-close-'));
    file = join(dir, 'p.hds');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x INTEGER)');
    db.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = () => {
    const db = new Database(file);
    db.pragma('busy_timeout = 5000');
    return db;
  };

  it('returns at once, without an error, while another connection is mid-read, and the last to close folds the log in', () => {
    const other = open();
    const closing = open();
    closing.prepare('INSERT INTO t VALUES (1)').run();
    // The other connection reads from a snapshot that includes the log, so a full checkpoint would have to wait.
    other.exec('BEGIN');
    expect(other.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    const started = Date.now();
    expect(() => checkpointAndClose(closing)).not.toThrow();
    // Waiting out the 5 s busy timeout is what held up the other process's writes.
    expect(Date.now() - started).toBeLessThan(2500);
    expect(closing.open).toBe(false);
    other.prepare('INSERT INTO t VALUES (2)').run();
    other.exec('COMMIT');

    // The last to close finds nobody else and truncates the log, so the main file alone carries the data.
    checkpointAndClose(other);
    expect(existsSync(`${file}-wal`)).toBe(false);
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    check.close();
  });
});
