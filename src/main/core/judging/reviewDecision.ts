import { newId } from '../util/ids';
import type Database from 'better-sqlite3';
import type { SessionDetail } from '../../../shared/domain/session';
import type { SessionEditsRepo } from '../sessions/sessionEditsRepo';
import type { SessionsRepo, SessionState } from '../sessions/sessionsRepo';

export type ReviewDecision = 'approve' | 'reject' | 'regenerate';

/**
 * A person's decision on a session, with its line in the session's history (one undoable step).
 * `session` is the session as the caller read it (a review reads it once, to check the decision is
 * allowed, which stays with the caller); the session as decided is returned.
 */
export function recordDecision(
  project: { db: Database.Database; sessionEdits: SessionEditsRepo; sessions: SessionsRepo },
  session: SessionDetail,
  decision: ReviewDecision,
  reason: string | undefined,
): SessionDetail {
  const before: SessionState = {
    title: session.title,
    status: session.status,
    tags: session.tags,
    systemPrompt: session.systemPrompt,
    notes: session.notes,
    turns: session.turns,
    tokenCount: session.tokenCount,
    redaction: session.redaction,
    deleted: false,
  };
  const after: SessionState =
    decision === 'approve'
      ? { ...before, status: 'approved' }
      : {
          ...before,
          status: 'rejected',
          tags: [...new Set([...before.tags, ...(decision === 'regenerate' ? ['regenerate'] : [])])].sort(),
          notes: [before.notes, `${decision === 'regenerate' ? 'Sent back for regeneration' : 'Rejected'}: ${reason}`]
            .filter(Boolean)
            .join('\n'),
        };
  const at = Date.now();
  project.db.transaction(() => {
    project.sessions.writeState(session.id, before, after, at);
    project.sessionEdits.record({
      id: newId(),
      opId: newId(),
      sessionId: session.id,
      at,
      kind: 'review',
      summary:
        decision === 'approve' ? 'Approved in review' : `${decision === 'reject' ? 'Rejected' : 'Sent back for regeneration'}: ${reason}`,
      before,
      after,
    });
  })();
  return { ...session, status: after.status, tags: after.tags, notes: after.notes, updatedAt: at };
}
