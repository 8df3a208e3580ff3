import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createProjectFile, integrityChecks, openProjectFile } from '../../src/main/core/db/openProject';
import { migrate, type Migration } from '../../src/main/core/db/migrate';
import { migrations } from '../../src/main/core/db/migrations';
import { JobsRepo } from '../../src/main/core/jobs/jobsRepo';
import { JudgmentsRepo } from '../../src/main/core/judging/judgmentsRepo';

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
    const broken: Migration = {
      version: migrations.length + 1,
      name: 'broken',
      up: 'CREATE TABLE ok_so_far (x TEXT); SELECT * FROM no_such_table;',
    };

    await expect(openProjectFile(file, [...migrations, broken])).rejects.toThrow(/left as it was/);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'ok_so_far'`).get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT name FROM providers').all()).toEqual([{ name: 'Local' }]);
    db.close();
    expect(readdirSync(dir).some((f) => f.endsWith('.bak'))).toBe(true);
  });

  it('create a project under another name and rename it once whole, so a failed or killed create leaves nothing under its name', async () => {
    const dir = tmp();
    const file = join(dir, 'new.hds');
    const broken: Migration = { version: migrations.length + 1, name: 'broken', up: 'SELECT * FROM no_such_table;' };
    expect(() => createProjectFile(file, [...migrations, broken])).toThrow(/no_such_table/);
    expect(readdirSync(dir)).toEqual([]);
    // What a create killed midway left (the file being built and its log) does not stop the next one.
    writeFileSync(`${file}.partial`, 'half a database');
    writeFileSync(`${file}.partial-wal`, 'half a log');
    createProjectFile(file, migrations).db.close();
    expect(readdirSync(dir)).toEqual(['new.hds']);
    const opened = await openProjectFile(file, migrations);
    expect(opened.migratedFrom).toBe(migrations.length);
    opened.db.close();
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
    v1.db
      .prepare(
        `INSERT INTO sessions (id, title, source, status, tags_json, metadata_json, created_at, updated_at) VALUES ('s1', 'Old', 'sample', 'draft', '["sample","anxiety"]', '{}', 1, 1)`,
      )
      .run();
    v1.db
      .prepare(
        `INSERT INTO turns (session_id, seq, role, text) VALUES ('s1', 0, 'user', 'I keep worrying about my exams'), ('s1', 1, 'assistant', 'What goes through your mind?')`,
      )
      .run();
    v1.db.close();

    const opened = await openProjectFile(file, migrations.slice(0, 2));
    const db = opened.db;
    expect(db.prepare('SELECT tag FROM session_tags ORDER BY tag').all()).toEqual([{ tag: 'anxiety' }, { tag: 'sample' }]);
    const found = `SELECT s.id FROM sessions s WHERE s.rowid IN (SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH ?)`;
    expect(db.prepare(found).all('worrying')).toEqual([{ id: 's1' }]);
    expect(db.prepare(found).all('"what goes through"')).toEqual([{ id: 's1' }]);
    expect(db.prepare(found).all('title:old')).toEqual([{ id: 's1' }]);
    expect(db.prepare(found).all('fail')).toEqual([]);
    expect(db.prepare(`SELECT title, token_count, deleted_at FROM sessions`).get()).toEqual({
      title: 'Old',
      token_count: 0,
      deleted_at: null,
    });
    db.close();
  });
});

/** A project file built with the first `version` migrations, as an older release left it. */
function builtAt(version: number): { file: string; db: Database.Database } {
  const file = join(tmp(), `v${version}.hds`);
  return { file, db: createProjectFile(file, migrations.slice(0, version)).db };
}

describe('0007 judge identity', () => {
  it('keeps older judgments, leaves their judge prompt and rubric version unknown, and stores both for new ones', async () => {
    const { file, db: v6 } = builtAt(6);
    v6.prepare(
      `INSERT INTO sessions (id, title, source, status, metadata_json, created_at, updated_at) VALUES ('s1', 'Old', 'synthetic', 'draft', '{}', 1, 1)`,
    ).run();
    v6.prepare(`INSERT INTO rubrics (id, name, version, rubric_json, builtin, created_at) VALUES ('r1', 'Quality', 2, '{}', 0, 1)`).run();
    v6.prepare(
      `INSERT INTO judgments (id, session_id, rubric_id, repeat, judge_model, status, scores_json, safety_json, summary, reason, created_at)
       VALUES ('j1', 's1', 'r1', 1, 'gpt-4o', 'scored', '{"empathy":4}', NULL, 'Fine.', NULL, 5), ('j2', 's1', 'r1', 2, 'gpt-4o', 'unscored', NULL, NULL, NULL, 'no JSON', 6)`,
    ).run();
    v6.close();

    const { db } = await openProjectFile(file, migrations.slice(0, 7));
    const repo = new JudgmentsRepo(db);
    const old = repo.forSession('s1', 'r1');
    expect(old.map((j) => [j.id, j.judgeModel, j.judgePrompt, j.rubricVersion])).toEqual([
      ['j1', 'gpt-4o', null, null],
      ['j2', 'gpt-4o', null, null],
    ]);
    expect(old[0]!.result).toMatchObject({ ok: true, scores: { empathy: 4 }, summary: 'Fine.' });
    expect(old[1]!.result).toEqual({ ok: false, reason: 'no JSON' });
    // Judging again continues after the old repeats and records which judge it was.
    expect(repo.lastRepeats('r1').get('s1')).toBe(2);
    repo.save({ ...old[0]!, id: 'j3', repeat: 3, judgePrompt: 'judge v4', rubricVersion: 2, createdAt: 7 });
    expect(repo.forSession('s1', 'r1').map((j) => [j.id, j.judgePrompt, j.rubricVersion])).toEqual([
      ['j1', null, null],
      ['j2', null, null],
      ['j3', 'judge v4', 2],
    ]);
    db.close();
  });
});

describe('0008 job leases', () => {
  it('keeps every job and item; a job left running by an older release holds no lease, so it can be taken or marked interrupted', async () => {
    const { file, db: v7 } = builtAt(7);
    const job = v7.prepare(
      `INSERT INTO jobs (id, kind, title, status, params_json, total, done, failed, created_at, updated_at) VALUES (?, 'judge', ?, ?, '{}', 2, ?, 0, 1, 1)`,
    );
    job.run('run', 'Judging', 'running', 1);
    job.run('old', 'Judged', 'succeeded', 2);
    const item = v7.prepare(`INSERT INTO job_items (id, job_id, seq, status, input_json, updated_at) VALUES (?, ?, ?, ?, '{}', 1)`);
    item.run('i1', 'run', 0, 'done');
    item.run('i2', 'run', 1, 'running');
    item.run('i3', 'old', 0, 'done');
    item.run('i4', 'old', 1, 'done');
    v7.close();

    const { db } = await openProjectFile(file, migrations.slice(0, 8));
    expect(db.prepare('SELECT id, status, done, lease_owner, lease_until FROM jobs ORDER BY id').all()).toEqual([
      { id: 'old', status: 'succeeded', done: 2, lease_owner: null, lease_until: null },
      { id: 'run', status: 'running', done: 1, lease_owner: null, lease_until: null },
    ]);
    const jobs = new JobsRepo(db);
    expect(jobs.runningOrQueued()).toEqual([{ id: 'run', leaseOwner: null, leaseUntil: null }]);
    // Taking the lease compares with the NULLs seen; a second taker that saw the same NULLs loses.
    expect(jobs.takeLease('run', { leaseOwner: null, leaseUntil: null }, 'host:1:a', 100)).toBe(true);
    expect(jobs.takeLease('run', { leaseOwner: null, leaseUntil: null }, 'host:2:b', 100)).toBe(false);
    expect(jobs.holdsLease('run', 'host:1:a')).toBe(true);
    jobs.releaseLease('run', 'host:1:a');
    expect(jobs.markInterrupted(['run', 'old'])).toEqual(['run']);
    expect(db.prepare(`SELECT id, status FROM job_items ORDER BY id`).all()).toEqual([
      { id: 'i1', status: 'done' },
      { id: 'i2', status: 'pending' },
      { id: 'i3', status: 'done' },
      { id: 'i4', status: 'done' },
    ]);
    db.close();
  });
});

describe('migration 10 (token counts)', () => {
  it('marks every session that existed as counted, and a session stored afterwards without a count as uncounted', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 9));
    db.prepare(
      `INSERT INTO sessions (id, title, source, status, created_at, updated_at, token_count) VALUES ('a', 'Earlier', 'real', 'draft', 0, 0, 42)`,
    ).run();
    migrate(db, migrations.slice(0, 10));
    expect(db.prepare('SELECT token_count, tokens_counted FROM sessions').get()).toEqual({ token_count: 42, tokens_counted: 1 });
    db.prepare(
      `INSERT INTO sessions (id, title, source, status, created_at, updated_at, tokens_counted) VALUES ('b', 'Later', 'real', 'draft', 0, 0, 0)`,
    ).run();
    expect(db.prepare('SELECT id FROM sessions WHERE tokens_counted = 0').all()).toEqual([{ id: 'b' }]);
    expect(() => db.prepare(`UPDATE sessions SET tokens_counted = 2 WHERE id = 'a'`).run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 11 (sessions a format-1 project never counted)', () => {
  it('marks a session with turns or a system prompt and a count of 0 as uncounted, and leaves real counts and empty sessions alone', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 10));
    const insert = db.prepare(
      `INSERT INTO sessions (id, title, source, status, created_at, updated_at, token_count, turn_count, system_prompt) VALUES (?, ?, 'real', 'draft', 0, 0, ?, ?, ?)`,
    );
    insert.run('never-counted', 'Old', 0, 4, null);
    insert.run('prompt-only', 'Old, no turns', 0, 0, 'You are a CBT counselor.');
    insert.run('counted', 'Counted', 57, 4, null);
    insert.run('empty', 'Empty', 0, 0, null);
    migrate(db, migrations.slice(0, 11));
    expect(db.prepare('SELECT id FROM sessions WHERE tokens_counted = 0 ORDER BY id').all()).toEqual([
      { id: 'never-counted' },
      { id: 'prompt-only' },
    ]);
    expect(db.prepare(`SELECT token_count FROM sessions WHERE id = 'counted'`).get()).toEqual({ token_count: 57 });
    db.close();
  });
});

describe('the checks before a project opens', () => {
  it('read the whole file when it is small or may not have been closed cleanly, and the core tables of a large clean one', () => {
    expect(integrityChecks(1024 * 1024, false)).toEqual(['quick_check(1)']);
    expect(integrityChecks(300 * 1024 * 1024, true)).toEqual(['quick_check(1)']);
    const large = integrityChecks(300 * 1024 * 1024, false);
    expect(large).toContain('quick_check(project_meta)');
    expect(large).toContain('quick_check(jobs)');
    expect(large).not.toContain('quick_check(1)');
  });

  it('finds damage in a core table of a large project', async () => {
    const file = join(tmp(), 'large.hds');
    const created = createProjectFile(file);
    // Past the whole-file threshold, with one large row in a table of its own.
    created.db.exec('CREATE TABLE filler (x BLOB)');
    created.db.prepare('INSERT INTO filler VALUES (zeroblob(34 * 1024 * 1024))').run();
    created.db.prepare(`INSERT INTO project_meta (key, value_json) VALUES ('note', ?)`).run(JSON.stringify('x'.repeat(3000)));
    created.db.pragma('wal_checkpoint(TRUNCATE)');
    const page = (created.db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'project_meta'`).get() as { rootpage: number })
      .rootpage;
    created.db.close();
    const bytes = readFileSync(file);
    const pageSize = 4096;
    for (let i = (page - 1) * pageSize + 8; i < page * pageSize; i += 3) bytes[i] = (bytes[i]! + 91) % 256;
    writeFileSync(file, bytes);
    await expect(openProjectFile(file)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/damaged/) });
  });
});
