import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { libraryPlan as plan } from '../support/libraryPlan';
import { writeSessions } from '../support/sessionRows';
import { startTestBackend, type TestBackend } from '../support/testBackend';

let t: TestBackend;

beforeEach(async () => {
  t = await startTestBackend();
});
afterEach(async () => {
  await t.cleanup();
});

describe("the query planner's statistics", () => {
  it('are gathered when a project opens, so a status + tag page starts from the few tagged sessions', async () => {
    const { file } = await t.api.projects.create({ name: 'Planner' });
    await t.api.projects.close();
    writeSessions(file, { count: 3000, utterances: { user: ['I worry about work.'], assistant: ['What worries you most?'] } });
    const db = new Database(file);
    // Four statuses, each a quarter of the library; fifty tags, each on one session in fifty.
    db.exec(
      `UPDATE sessions SET status = CASE rowid % 4 WHEN 0 THEN 'draft' WHEN 1 THEN 'approved' WHEN 2 THEN 'rejected' ELSE 'needs_review' END`,
    );
    db.exec(`DELETE FROM session_tags; INSERT INTO session_tags (session_id, tag) SELECT id, 'batch-' || (rowid % 50) FROM sessions`);
    const expected = (
      db
        .prepare(
          `SELECT count(*) AS n FROM sessions s JOIN session_tags g ON g.session_id = s.id WHERE s.status = 'approved' AND g.tag = 'batch-7'`,
        )
        .get() as { n: number }
    ).n;
    db.close();
    const filter = { status: 'approved' as const, tag: 'batch-7' };
    expect(plan(file, filter)).toMatch(/sessions_by_status/);

    await t.api.projects.open({ file });
    const opened = plan(file, filter);
    expect(opened).toMatch(/session_tags_by_tag/);
    expect(opened).not.toMatch(/sessions_by_status/);
    // The page itself is unchanged: every approved session with the tag, newest first.
    const page = await t.api.sessions.list({ ...filter, limit: 100 });
    expect(page.total).toBe(expected);
    expect(expected).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.status === 'approved' && r.tags.includes('batch-7'))).toBe(true);
  });
});
