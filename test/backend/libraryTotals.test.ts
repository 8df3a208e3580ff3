import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSessions } from '../support/sessionRows';
import { startTestBackend, type TestBackend } from '../support/testBackend';

let t: TestBackend;

/** 1,500 sessions, every one mentioning "sleep", one in ten also "xylophone"; with their search documents. */
async function library() {
  const { file } = await t.api.projects.create({ name: 'Totals' });
  await t.api.projects.close();
  writeSessions(file, {
    count: 1500,
    utterances: {
      user: ['I cannot sleep before exams', 'My sleep is broken'],
      assistant: ['What keeps you awake?', 'Tell me about your evenings.'],
    },
    tagEvery: 3,
  });
  const db = new Database(file);
  db.prepare(`UPDATE turns SET text = text || ' xylophone' WHERE seq = 0 AND CAST(substr(session_id, 10) AS INTEGER) % 10 = 0`).run();
  db.exec(
    `INSERT INTO sessions_fts (rowid, title, body) SELECT s.rowid, s.title, (SELECT group_concat(text, char(10)) FROM turns t WHERE t.session_id = s.id) FROM sessions s`,
  );
  db.close();
  await t.api.projects.open({ file });
}

beforeEach(async () => {
  t = await startTestBackend();
  await library();
});
afterEach(async () => {
  await t.cleanup();
});

describe('library totals', () => {
  it('come with the first page only', async () => {
    const first = await t.api.sessions.list({ limit: 100 });
    expect(first).toMatchObject({ total: 1500, totalCapped: false });
    const later = await t.api.sessions.list({ offset: 100, limit: 100 });
    expect(later.rows).toHaveLength(100);
    expect(later.total).toBeNull();
    // Filters without a search are counted exactly, however many match.
    expect(await t.api.sessions.list({ tag: 'pilot', limit: 10 })).toMatchObject({ total: 500, totalCapped: false });
  });

  it('stop counting a search at 1,000 and say there are more', async () => {
    const common = await t.api.sessions.list({ search: 'sleep', limit: 100 });
    expect(common.rows).toHaveLength(100);
    expect(common).toMatchObject({ total: 1000, totalCapped: true });
    // Every match is still reachable page by page, and by "select all matching".
    const deep = await t.api.sessions.list({ search: 'sleep', offset: 1400, limit: 100 });
    expect(deep.rows).toHaveLength(100);
    expect(await t.api.sessions.ids({ search: 'sleep' })).toHaveLength(1500);

    expect(await t.api.sessions.list({ search: 'xylophone', limit: 100 })).toMatchObject({ total: 150, totalCapped: false });
    const few = await t.api.sessions.list({ search: 'xylophone', tag: 'pilot', limit: 100 });
    expect(few.total).toBe(few.rows.length);
    expect(few.totalCapped).toBe(false);
  });
});
