import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/core/db/migrate';
import { migrations } from '../../../src/main/core/db/migrations';
import { recordDecision } from '../../../src/main/core/judging/reviewDecision';
import { SessionEditsRepo } from '../../../src/main/core/sessions/sessionEditsRepo';
import { SessionsRepo } from '../../../src/main/core/sessions/sessionsRepo';

function project() {
  const db = new Database(':memory:');
  migrate(db, migrations);
  const sessions = new SessionsRepo(db);
  sessions.insert({
    id: 'a',
    title: 'Exam worry',
    source: 'synthetic',
    status: 'needs_review',
    systemPrompt: 'Be kind.',
    notes: 'Written twice.',
    metadata: { mode: 'single' },
    tags: ['zeta', 'alpha'],
    turns: [{ role: 'user', text: 'I keep worrying about the exam.' }],
    createdAt: 1,
  });
  return { db, sessions, sessionEdits: new SessionEditsRepo(db) };
}

describe('a review decision', () => {
  it.each(['approve', 'reject', 'regenerate'] as const)('to %s returns the session as it is stored afterwards', (decision) => {
    const p = project();
    const decided = recordDecision(p, p.sessions.get('a')!, decision, 'Too short.');
    expect(decided).toEqual(p.sessions.get('a'));
    expect(p.sessionEdits.forSession('a')).toHaveLength(1);
    const expected = {
      approve: { status: 'approved', tags: ['alpha', 'zeta'], notes: 'Written twice.' },
      reject: { status: 'rejected', tags: ['alpha', 'zeta'], notes: 'Written twice.\nRejected: Too short.' },
      regenerate: {
        status: 'rejected',
        tags: ['alpha', 'regenerate', 'zeta'],
        notes: 'Written twice.\nSent back for regeneration: Too short.',
      },
    }[decision];
    expect(decided).toMatchObject(expected);
  });

  it('decides on the session as stored, not on a stale read of it', () => {
    const p = project();
    const stale = p.sessions.get('a')!;
    // Another process changed the turns after this read; the decision must keep them, with a turn count to match.
    p.db.prepare(`INSERT INTO turns (session_id, seq, role, text) VALUES ('a', 1, 'assistant', 'What worries you most?')`).run();
    p.db.prepare(`UPDATE sessions SET turn_count = 2 WHERE id = 'a'`).run();
    recordDecision(p, stale, 'approve', undefined);
    const stored = p.sessions.get('a')!;
    expect(stored.status).toBe('approved');
    expect(stored.turns).toHaveLength(2);
    expect(stored.turnCount).toBe(2);
  });
});
