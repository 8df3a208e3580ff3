import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestVersion, migrate } from '../../src/main/core/db/migrate';
import { migrations } from '../../src/main/core/db/migrations';
import { PROJECT_APPLICATION_ID } from '../../src/main/core/db/projectFile';
import type { ApiCallError } from '../../src/shared/api/client';
import { spawnJobChild } from '../support/crashHarness';
import { startTestBackend, type TestBackend } from '../support/testBackend';

let t: TestBackend;
beforeEach(async () => {
  t = await startTestBackend();
});
afterEach(async () => {
  await t.cleanup();
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e as ApiCallError,
  );
const rawHeader = (file: string) => {
  const bytes = readFileSync(file);
  return { userVersion: bytes.readUInt32BE(60), applicationId: bytes.readUInt32BE(68) };
};

/**
 * The files a crash leaves: the main file and its -wal as they are while a connection is still open (no
 * checkpoint yet), copied aside. `build` writes into a fresh WAL-mode database that never checkpoints.
 */
function crashImage(file: string, build: (db: Database.Database) => void): void {
  const live = `${file}.live`;
  const db = new Database(live);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  build(db);
  copyFileSync(live, file);
  copyFileSync(`${live}-wal`, `${file}-wal`);
  db.close();
}

describe('a project killed before its first checkpoint', () => {
  it('reopens when its process was killed right after creating it', { timeout: 30_000 }, async () => {
    const file = join(t.dataDir, 'killed.hds');
    const run = spawnJobChild({
      action: 'createThenDie',
      dataDir: join(t.dataDir, 'child'),
      projectFile: file,
      fakeUrl: 'http://127.0.0.1:9/v1',
      key: 'unused',
    });
    await run.line('created');
    expect((await run.exited).signal).toBe('SIGKILL');
    const opened = await t.api.projects.open({ file });
    expect(opened.name).toBe('Killed after create');
    expect((await t.api.domain.pack()).id).toBe('cbt');
  });

  it('reopens when its format markers are still only in the -wal', async () => {
    const file = join(t.dataDir, 'wal-only.hds');
    crashImage(file, (db) => {
      db.pragma(`application_id = ${PROJECT_APPLICATION_ID}`);
      migrate(db, migrations);
    });
    expect(rawHeader(file).applicationId).toBe(0); // the main file alone does not say it is ours yet
    await t.api.projects.open({ file });
    expect(await t.api.providers.list()).toEqual([]);
  });

  it('is refused untouched when the -wal says it comes from a newer version', async () => {
    const file = join(t.dataDir, 'future.hds');
    crashImage(file, (db) => {
      db.pragma(`application_id = ${PROJECT_APPLICATION_ID}`);
      migrate(db, migrations);
      db.pragma(`user_version = ${latestVersion(migrations) + 1}`);
    });
    const main = readFileSync(file);
    const wal = readFileSync(`${file}-wal`);
    const err = await refusal(t.api.projects.open({ file }));
    expect(err).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/newer version/) });
    expect(readFileSync(file).equals(main)).toBe(true);
    expect(readFileSync(`${file}-wal`).equals(wal)).toBe(true);
    expect(existsSync(`${file}-shm`)).toBe(false);
  });
});

describe('the main file alone carries the format', () => {
  it('right after creating a project, while it is still open', async () => {
    const { file } = await t.api.projects.create({ name: 'Fresh' });
    expect(rawHeader(file)).toEqual({ applicationId: PROJECT_APPLICATION_ID, userVersion: latestVersion(migrations) });
  });

  it('right after an upgrade, while it is still open', async () => {
    const file = join(t.dataDir, 'old.hds');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma(`application_id = ${PROJECT_APPLICATION_ID}`);
    migrate(
      db,
      migrations.filter((m) => m.version < latestVersion(migrations)),
    );
    db.close();
    await t.api.projects.open({ file });
    expect(rawHeader(file).userVersion).toBe(latestVersion(migrations));
  });
});

describe('a refused WAL-mode file', () => {
  it('is left byte-identical, with no -wal or -shm beside it, when damaged', async () => {
    const { file } = await t.api.projects.create({ name: 'Soon damaged' });
    await t.api.providers.add({ name: 'Local', preset: 'ollama' });
    await t.api.projects.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const bytes = readFileSync(file);
    for (let i = 4096; i < bytes.length; i += 7) bytes[i] = (bytes[i]! + 91) % 256;
    writeFileSync(file, bytes);
    const err = await refusal(t.api.projects.open({ file }));
    expect(err).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/damaged.*Nothing was changed/) });
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect([existsSync(`${file}-wal`), existsSync(`${file}-shm`)]).toEqual([false, false]);
  });

  it('is left with no -wal or -shm when it is another program’s', async () => {
    const file = join(t.dataDir, 'notes.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES (1);');
    db.close();
    const bytes = readFileSync(file);
    expect(await refusal(t.api.projects.open({ file }))).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/another program/),
    });
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect([existsSync(`${file}-wal`), existsSync(`${file}-shm`)]).toEqual([false, false]);
  });
});
