import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiCallError } from '../../src/shared/api/client';
import { startTestBackend, type TestBackend } from '../support/testBackend';

let t: TestBackend;
let file: string;
const ROWS = 3000;

beforeEach(async () => {
  t = await startTestBackend();
  file = (await t.api.projects.create({ name: 'Months of review' })).file;
  // A few megabytes, so a backup takes many steps and saves really overlap.
  const db = new Database(file);
  const insert = db.prepare('INSERT INTO project_meta (key, value_json) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) insert.run(`filler-${i}`, JSON.stringify('x'.repeat(1000)));
  })();
  db.close();
});
afterEach(async () => {
  await t.cleanup();
});

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (e: unknown) => (e as ApiCallError).code,
  );

/** A copy is whole when SQLite finds no damage and every row is there. */
function whole(copy: string): boolean {
  const db = new Database(copy, { readonly: true, fileMustExist: true });
  try {
    return (
      db.pragma('integrity_check', { simple: true }) === 'ok' &&
      (db.prepare(`SELECT count(*) AS n FROM project_meta WHERE key LIKE 'filler-%'`).get() as { n: number }).n === ROWS
    );
  } finally {
    db.close();
  }
}

describe('projects.saveCopy', () => {
  it('gives whole copies under concurrent saves to one name, and leaves no temporary file', async () => {
    const folder = join(t.dataDir, 'copies');
    mkdirSync(folder);
    const target = join(folder, 'copy.hds');
    writeFileSync(target, 'the previous file at this path');
    const results = await Promise.all(Array.from({ length: 6 }, () => outcome(t.api.projects.saveCopy({ file: target, overwrite: true }))));
    expect(results).toEqual(Array(6).fill('ok'));
    expect(readdirSync(folder)).toEqual(['copy.hds']);
    expect(whole(target)).toBe(true);
  });

  it('lets exactly one of several saves to a new name win when overwriting is not allowed', async () => {
    const target = join(t.dataDir, 'first-wins.hds');
    const results = await Promise.all(Array.from({ length: 4 }, () => outcome(t.api.projects.saveCopy({ file: target }))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'CONFLICT')).toHaveLength(3);
    expect(whole(target)).toBe(true);
  });

  it('keeps the file already at the path when overwriting is not allowed', async () => {
    const target = join(t.dataDir, 'keep.hds');
    writeFileSync(target, 'keep me');
    expect(await outcome(t.api.projects.saveCopy({ file: target }))).toBe('CONFLICT');
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });

  it('answers INVALID_INPUT with the cause for a missing folder, a folder, a NUL or an over-long name', async () => {
    const cases: [string, RegExp][] = [
      [join(t.dataDir, 'no-such-folder', 'copy.hds'), /folder .* does not exist/],
      [t.dataDir, /is a folder/],
      [join(t.dataDir, 'bad\0name.hds'), /NUL/],
      [join(t.dataDir, `${'n'.repeat(300)}.hds`), /too long/],
    ];
    for (const [target, message] of cases) {
      const err = await t.api.projects.saveCopy({ file: target }).then(
        () => null,
        (e: unknown) => e as ApiCallError,
      );
      expect(err, target).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(message) });
    }
    expect(existsSync(join(t.dataDir, 'no-such-folder'))).toBe(false);
  });
});

describe('projects.create', () => {
  it('answers INVALID_INPUT for a file path with a NUL, an over-long name or an existing folder', async () => {
    for (const target of [join(t.dataDir, 'a\0b.hds'), join(t.dataDir, `${'p'.repeat(260)}.hds`), t.dataDir]) {
      const err = await t.api.projects.create({ name: 'Bad path', file: target }).then(
        () => null,
        (e: unknown) => e as ApiCallError,
      );
      expect(err, target).toMatchObject({ code: 'INVALID_INPUT' });
    }
  });
});
