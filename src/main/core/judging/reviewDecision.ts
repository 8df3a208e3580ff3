import { newId } from '../util/ids';
import type Database from 'better-sqlite3';
import type { SessionEditsRepo } from '../sessions/sessionEditsRepo';
import type { SessionsRepo } from '../sessions/sessionsRepo';

export type ReviewDecision = 'approve' | 'reject' | 'regenerate';

/**
 * A person's decision on a session, with its line in the session's history (one undoable step).
 * The checks on whether the decision is allowed stay with the caller.
 */
export function recordDecision(
  project: { db: Database.Database; sessionEdits: SessionEditsRepo; sessions: SessionsRepo },
  id: string,
  decision: ReviewDecision,
  reason: string | undefined,
): void {
  const state = project.sessions.state(id)!;
  const next =
    decision === 'approve'
      ? { ...state, status: 'approved' as const }
      : {
          ...state,
          status: 'rejected' as const,
          tags: [...new Set([...state.tags, ...(decision === 'regenerate' ? ['regenerate'] : [])])].sort(),
          notes: [state.notes, `${decision === 'regenerate' ? 'Sent back for regeneration' : 'Rejected'}: ${reason}`]
            .filter(Boolean)
            .join('\n'),
        };
  const at = Date.now();
  project.db.transaction(() => {
    project.sessions.writeState(id, next, at);
    project.sessionEdits.record({
      id: newId(),
      opId: newId(),
      sessionId: id,
      at,
      kind: 'review',
      summary:
        decision === 'approve' ? 'Approved in review' : `${decision === 'reject' ? 'Rejected' : 'Sent back for regeneration'}: ${reason}`,
      before: state,
      after: next,
    });
  })();
}
