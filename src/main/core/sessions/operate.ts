import { newId } from '../util/ids';
import { describeChange } from './sessionEditing';
import type { SessionState } from './sessionsRepo';
import type Database from 'better-sqlite3';
import type { SessionEditsRepo } from './sessionEditsRepo';
import type { SessionsRepo } from './sessionsRepo';

/**
 * Applies a change to many sessions as ONE operation: one transaction, one history entry each, one
 * undo. `change` returns null (or the same state) to leave a session as it is.
 */
export function operate(
  project: { db: Database.Database; sessionEdits: SessionEditsRepo; sessions: SessionsRepo },
  changed: () => void,
  ids: string[],
  kind: string,
  change: (state: SessionState, id: string) => SessionState | null,
  summary?: string | ((before: SessionState) => string),
): { opId: string; changed: number } {
  const opId = newId();
  const at = Date.now();
  let count = 0;
  project.db
    .transaction(() => {
      for (const { id, state: before } of project.sessions.eachState(ids)) {
        if (!before || (before.deleted && kind !== 'undo')) continue;
        const after = change(before, id);
        if (!after || JSON.stringify(after) === JSON.stringify(before)) continue;
        project.sessions.writeState(id, before, after, at);
        const line = typeof summary === 'function' ? summary(before) : (summary ?? describeChange(before, after));
        project.sessionEdits.record({ id: newId(), opId, sessionId: id, at, kind, summary: line, before, after });
        count++;
      }
      // IMMEDIATE: the sessions are read under the write lock, so no other connection's commit (a token count, a
      // CLI command) can land between reading a state and writing over it.
    })
    .immediate();
  if (count > 0) changed();
  return { opId, changed: count };
}
