import type Database from 'better-sqlite3';
import type { SessionEdit } from '../../../shared/domain/session';
import type { SessionState } from './sessionsRepo';

interface EditRow {
  id: string;
  op_id: string;
  session_id: string;
  at: number;
  kind: string;
  summary: string;
  before_json: string | null;
  undone: number;
}

/** Each session's edit history; the `before` snapshots are what undo restores. */
export class SessionEditsRepo {
  constructor(private readonly db: Database.Database) {}

  record(edit: {
    id: string;
    opId: string;
    sessionId: string;
    at: number;
    kind: string;
    summary: string;
    before: SessionState;
    after: SessionState;
  }): void {
    this.db
      .prepare(
        'INSERT INTO session_edits (id, op_id, session_id, at, kind, summary, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(edit.id, edit.opId, edit.sessionId, edit.at, edit.kind, edit.summary, JSON.stringify(edit.before), JSON.stringify(edit.after));
  }

  forSession(sessionId: string): SessionEdit[] {
    return (
      this.db.prepare('SELECT * FROM session_edits WHERE session_id = ? ORDER BY at DESC, id DESC LIMIT 500').all(sessionId) as EditRow[]
    ).map((r) => ({
      id: r.id,
      opId: r.op_id,
      at: r.at,
      kind: r.kind,
      summary: r.summary,
      undone: r.undone === 1,
    }));
  }

  /** An operation's edits, newest first, with the state each session had before it. */
  forOperation(opId: string): { sessionId: string; before: SessionState; undone: boolean }[] {
    return (this.db.prepare('SELECT * FROM session_edits WHERE op_id = ? ORDER BY at DESC, id DESC').all(opId) as EditRow[]).map((r) => ({
      sessionId: r.session_id,
      before: JSON.parse(r.before_json ?? 'null') as SessionState,
      undone: r.undone === 1,
    }));
  }

  markUndone(opId: string): void {
    this.db.prepare('UPDATE session_edits SET undone = 1 WHERE op_id = ?').run(opId);
  }
}
