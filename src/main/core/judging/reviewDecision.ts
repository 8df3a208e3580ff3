import { ApiError } from '../../../shared/api/result';
import { newId } from '../util/ids';
import type Database from 'better-sqlite3';
import type { SessionDetail } from '../../../shared/domain/session';
import type { SessionEditsRepo } from '../sessions/sessionEditsRepo';
import type { SessionsRepo, SessionState } from '../sessions/sessionsRepo';

export type ReviewDecision = 'approve' | 'reject' | 'regenerate';

/**
 * A person's decision on a session, with its line in the session's history (one undoable step).
 * `session` is the session as the caller read it to check the decision is allowed; the session as
 * decided is returned.
 */
export function recordDecision(
  project: { db: Database.Database; sessionEdits: SessionEditsRepo; sessions: SessionsRepo },
  session: SessionDetail,
  decision: ReviewDecision,
  reason: string | undefined,
): SessionDetail {
  const decide = (before: SessionState): SessionState =>
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
  // The state is read again under the write lock (IMMEDIATE): what the caller read may have changed since, and
  // writing over a stale read would pair the new turns with the old counts.
  const after = project.db
    .transaction(() => {
      const before = project.sessions.state(session.id);
      if (!before) throw new ApiError('NOT_FOUND', 'That session is not in this project.');
      const decided = decide(before);
      project.sessions.writeState(session.id, before, decided, at);
      project.sessionEdits.record({
        id: newId(),
        opId: newId(),
        sessionId: session.id,
        at,
        kind: 'review',
        summary:
          decision === 'approve' ? 'Approved in review' : `${decision === 'reject' ? 'Rejected' : 'Sent back for regeneration'}: ${reason}`,
        before,
        after: decided,
      });
      return decided;
    })
    .immediate();
  return { ...session, status: after.status, tags: after.tags, notes: after.notes, updatedAt: at };
}
