import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../src/shared/api/client';
import { startTestBackend, type TestBackend } from '../support/testBackend';

let t: TestBackend;
beforeEach(async () => {
  t = await startTestBackend();
});
afterEach(async () => {
  await t.cleanup();
});

async function expectRefusal(promise: Promise<unknown>, code: string, text: RegExp): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiCallError);
  expect((err as ApiCallError).code).toBe(code);
  expect((err as ApiCallError).message).toMatch(text);
}

describe('projects', () => {
  it('creates a project file in the default folder and reports its facts', async () => {
    const info = await t.api.projects.create({ name: 'My study' });
    expect(info.file).toBe(join(t.dataDir, 'projects', 'my-study.hds'));
    expect(info.name).toBe('My study');
    expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(info.counts).toMatchObject({ sessions: 0, providers: 0, jobs: 0, calls: 0 });
    expect(await t.api.projects.current()).toMatchObject({ file: info.file });
    const db = new Database(info.file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('application_id', { simple: true })).toBe(0x48445331);
    // Full-text search tables (virtual and shadow tables) and the planner's statistics (sqlite_stat*) are SQLite's own and cannot be STRICT.
    const ours = `type = 'table' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`;
    const strict = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE ${ours} AND sql LIKE '%STRICT%'`).get() as { n: number };
    const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE ${ours}`).get() as { n: number };
    expect(strict.n).toBe(tables.n);
    db.close();
  });

  it('seeds the price table and the CBT domain pack', async () => {
    await t.api.projects.create({ name: 'Seeded' });
    const prices = await t.api.models.prices();
    expect(prices.find((p) => p.model === 'gpt-4o-mini')).toMatchObject({ inputPerM: 0.15, outputPerM: 0.6 });
  });

  it('does not overwrite an existing file', async () => {
    const file = join(t.dataDir, 'taken.hds');
    writeFileSync(file, 'precious');
    await expectRefusal(t.api.projects.create({ name: 'x', file }), 'CONFLICT', /already exists/);
    expect(readFileSync(file, 'utf8')).toBe('precious');
  });

  it('renames, remembers recent projects and reopens them', async () => {
    const a = await t.api.projects.create({ name: 'A' });
    const b = await t.api.projects.create({ name: 'B' });
    await t.api.projects.rename({ name: 'B renamed' });
    const recent = await t.api.projects.recent();
    expect(recent.map((r) => r.name)).toEqual(['B renamed', 'A']);
    const reopened = await t.api.projects.open({ file: a.file });
    expect(reopened.name).toBe('A');
    expect((await t.api.projects.recent())[0]!.file).toBe(a.file);
    expect(b.file).not.toBe(a.file);
  });

  it('saves a consistent copy that opens as a project', async () => {
    await t.api.projects.create({ name: 'Original' });
    await t.api.providers.add({ name: 'Local', preset: 'ollama' });
    const copy = join(t.dataDir, 'copy.hds');
    const saved = await t.api.projects.saveCopy({ file: copy });
    expect(saved.sizeBytes).toBeGreaterThan(0);
    await expectRefusal(t.api.projects.saveCopy({ file: copy }), 'CONFLICT', /already exists/);
    await t.api.projects.open({ file: copy });
    expect((await t.api.providers.list()).map((p) => p.name)).toEqual(['Local']);
  });

  it('answers CONFLICT with a way forward when no project is open', async () => {
    await expectRefusal(t.api.providers.list(), 'CONFLICT', /No project is open/);
  });
});

describe('refusing files that are not ours, leaving them untouched', () => {
  const cases: [string, (file: string) => void, string, RegExp][] = [
    [
      'a text file',
      (f) => writeFileSync(f, 'hello, this is not a database at all, but it is long enough to have a header'.repeat(3)),
      'INVALID_INPUT',
      /not a SQLite database/,
    ],
    ['an empty file', (f) => writeFileSync(f, ''), 'INVALID_INPUT', /empty/],
    [
      'another program’s SQLite file',
      (f) => {
        const db = new Database(f);
        db.exec('CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES (1);');
        db.close();
      },
      'INVALID_INPUT',
      /another program/,
    ],
    [
      'a file from a newer version',
      (f) => {
        const db = new Database(f);
        db.pragma('application_id = 1212437297');
        db.pragma('user_version = 999');
        db.exec('CREATE TABLE future (x TEXT)');
        db.close();
      },
      'CONFLICT',
      /newer version/,
    ],
  ];

  for (const [label, make, code, message] of cases) {
    it(`refuses ${label}`, async () => {
      const file = join(t.dataDir, 'suspect.hds');
      make(file);
      const before = readFileSync(file);
      await expectRefusal(t.api.projects.open({ file }), code, message);
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(existsSync(`${file}-wal`)).toBe(false);
      expect(await t.api.projects.current()).toBeNull();
    });
  }

  it('refuses a damaged project and changes nothing', async () => {
    const { file } = await t.api.projects.create({ name: 'Soon damaged' });
    await t.api.providers.add({ name: 'Local', preset: 'ollama' });
    await t.api.projects.close();
    const bytes = readFileSync(file);
    // Keep the header (so it still looks like ours) and scramble the pages behind it.
    for (let i = 4096; i < bytes.length; i += 7) bytes[i] = (bytes[i]! + 91) % 256;
    writeFileSync(file, bytes);
    await expectRefusal(t.api.projects.open({ file }), 'INVALID_INPUT', /damaged/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('reports a missing file as NOT_FOUND', async () => {
    await expectRefusal(t.api.projects.open({ file: join(t.dataDir, 'nope.hds') }), 'NOT_FOUND', /No file/);
  });
});

describe('first launch', () => {
  it('opens the bundled sample project with its sessions and reopens the last project later', async () => {
    const first = await startTestBackend({ openAtStartup: true });
    try {
      const info = await first.api.projects.current();
      expect(info).toMatchObject({ name: 'Sample project', isSample: true });
      // 4 transcripts and the 3 sessions written from the sample's personas.
      const sessions = await first.api.sessions.list({});
      expect(sessions.total).toBe(7);
      const detail = await first.api.sessions.get({ id: (await first.api.sessions.list({ source: 'sample' })).rows[0]!.id });
      expect(detail.turns.length).toBeGreaterThan(8);
      expect(detail.turns.every((turn) => turn.text.trim().length > 0)).toBe(true);
      expect(detail.systemPrompt).toMatch(/CBT|cognitive/i);
      await first.restart();
      expect(await first.api.projects.current()).toMatchObject({ file: info!.file });
      expect((await first.api.sessions.list({})).total).toBe(7);
    } finally {
      await first.cleanup();
    }
  });
});

describe('the recent projects in the settings file', () => {
  it('are not rewritten when a project is opened again within the minute the list shows, and are after it', async () => {
    const app = await startTestBackend({ settingsFile: true });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const settingsFile = join(app.dataDir, 'settings.json');
      const minute = Date.UTC(2026, 0, 5, 9, 30);
      vi.setSystemTime(minute + 5_000);
      const a = await app.api.projects.create({ name: 'A' });
      const b = await app.api.projects.create({ name: 'B' });
      await app.api.projects.open({ file: a.file });
      // The same settings in another layout: a write would lay the file out as the store does.
      const compact = JSON.stringify(JSON.parse(readFileSync(settingsFile, 'utf8')));
      writeFileSync(settingsFile, compact);

      // Each CLI command opens its project anew: in a script's run of commands nothing changes.
      await app.restart();
      vi.setSystemTime(minute + 50_000);
      await app.api.projects.open({ file: a.file });
      expect(readFileSync(settingsFile, 'utf8')).toBe(compact);
      expect((await app.api.projects.recent()).map((r) => [r.name, r.openedAt])).toEqual([
        ['A', minute + 5_000],
        ['B', minute + 5_000],
      ]);

      // Another project, or the next minute, is a change the list shows.
      await app.api.projects.open({ file: b.file });
      expect(readFileSync(settingsFile, 'utf8')).not.toBe(compact);
      vi.setSystemTime(minute + 61_000);
      await app.restart();
      await app.api.projects.open({ file: b.file });
      expect((await app.api.projects.recent()).map((r) => [r.name, r.openedAt])).toEqual([
        ['B', minute + 61_000],
        ['A', minute + 5_000],
      ]);
    } finally {
      vi.useRealTimers();
      await app.cleanup();
    }
  });
});
