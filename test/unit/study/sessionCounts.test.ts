import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/core/db/migrate';
import { migrations } from '../../../src/main/core/db/migrations';
import { StudyRepo } from '../../../src/main/core/study/studyRepo';
import { prng } from '../../support/sessionRows';

/** The Study home's session counts read straight from every session row: the definition the kept counts must equal. */
function countedFromRows(db: Database.Database) {
  return db
    .prepare(
      `SELECT
         coalesce(sum(source <> 'synthetic'), 0) AS real,
         coalesce(sum(source = 'sample'), 0) AS sample,
         coalesce(sum(COALESCE(json_extract(redaction_json, '$.status'), '') = 'pending'), 0) AS pendingRedaction,
         coalesce(sum(source = 'synthetic'), 0) AS synthetic,
         coalesce(sum(source = 'synthetic' AND review_json IS NOT NULL), 0) AS judged,
         coalesce(sum(source = 'synthetic' AND status IN ('draft', 'needs_review')), 0) AS undecided,
         coalesce(sum(json_extract(review_json, '$.safetyFlag') = 1 AND status IN ('draft', 'needs_review')), 0) AS unreviewedSafety,
         coalesce(sum(source <> 'synthetic' AND status = 'approved'), 0) AS approvedReal,
         coalesce(sum(source = 'synthetic' AND status = 'approved'), 0) AS approvedSynthetic
       FROM sessions WHERE deleted_at IS NULL`,
    )
    .get();
}

const sources = ['real', 'synthetic', 'sample'];
const statuses = ['draft', 'needs_review', 'approved', 'rejected'];
const redactions = [null, '{"status":"pending","detections":[]}', '{"status":"applied","detections":[]}', '{"mode":"placeholder"}'];
const reviews = [null, '{"safetyFlag":true,"flags":[]}', '{"safetyFlag":false}', '{"scores":{}}'];

function sessionFacts(db: Database.Database) {
  const { personas: _p, scenarios: _s, humanRatings: _h, ...sessions } = new StudyRepo(db).sessionFacts();
  return sessions;
}

describe('the session counts of the Study home', () => {
  it('equal a count over every session row after any mix of inserts, edits, judgments, deletions and hard deletes', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    const random = prng(17);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
    const insert = db.prepare(
      `INSERT INTO sessions (id, title, source, status, metadata_json, redaction_json, review_json, deleted_at, created_at, updated_at)
       VALUES (?, 't', ?, ?, '{}', ?, ?, ?, 0, 0)`,
    );
    const ids: string[] = [];
    for (let step = 0; step < 600; step++) {
      const op = ids.length < 20 ? 0 : Math.floor(random() * 6);
      const id = ids.length ? pick(ids) : '';
      if (op === 0) {
        const newId = `s${step}`;
        insert.run(newId, pick(sources), pick(statuses), pick(redactions), pick(reviews), random() < 0.1 ? 1 : null);
        ids.push(newId);
      } else if (op === 1) db.prepare('UPDATE sessions SET status = ? WHERE id = ?').run(pick(statuses), id);
      else if (op === 2) db.prepare('UPDATE sessions SET redaction_json = ? WHERE id = ?').run(pick(redactions), id);
      else if (op === 3) db.prepare('UPDATE sessions SET review_json = ?, status = ? WHERE id = ?').run(pick(reviews), pick(statuses), id);
      else if (op === 4) db.prepare('UPDATE sessions SET deleted_at = ? WHERE id = ?').run(random() < 0.5 ? 5 : null, id);
      else {
        db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
        ids.splice(ids.indexOf(id), 1);
      }
      if (step % 50 === 0) expect(sessionFacts(db)).toEqual(countedFromRows(db));
    }
    // Bulk updates of many rows at once count each row.
    db.prepare(`UPDATE sessions SET status = 'approved' WHERE source = 'real'`).run();
    db.prepare(`UPDATE sessions SET title = 'renamed'`).run();
    expect(sessionFacts(db)).toEqual(countedFromRows(db));
    expect(sessionFacts(db).real).toBeGreaterThan(0);
  });

  it('are filled from the sessions already in a project when it is upgraded', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version < 9),
    );
    const insert = db.prepare(
      `INSERT INTO sessions (id, title, source, status, metadata_json, redaction_json, review_json, deleted_at, created_at, updated_at)
       VALUES (?, 't', ?, ?, '{}', ?, ?, ?, 0, 0)`,
    );
    let i = 0;
    for (const source of sources)
      for (const status of statuses)
        for (const redaction of redactions)
          for (const review of reviews) insert.run(`s${i++}`, source, status, redaction, review, i % 9 === 0 ? 1 : null);
    migrate(db, migrations);
    expect(sessionFacts(db)).toEqual(countedFromRows(db));
    expect(sessionFacts(db).pendingRedaction).toBeGreaterThan(0);
    expect(sessionFacts(db).unreviewedSafety).toBeGreaterThan(0);
  });

  it('are read without scanning the sessions table, whatever its size', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    const prepared: string[] = [];
    const recording = new Proxy(db, {
      get: (target, name) =>
        name === 'prepare'
          ? (sql: string) => {
              prepared.push(sql);
              return target.prepare(sql);
            }
          : Reflect.get(target, name, target),
    });
    new StudyRepo(recording).sessionFacts();
    expect(prepared.length).toBeGreaterThan(0);
    const plans = prepared.flatMap((sql) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail));
    expect(plans.filter((d) => /\bsessions\b|SCAN s\b/.test(d))).toEqual([]);
  });
});
