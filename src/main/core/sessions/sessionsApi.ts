import type { SessionsApi } from '../../../shared/api/sessions';
import { ApiError } from '../../../shared/api/result';
import type { CoreContext } from '../context';
import type { OpenProject } from '../projects/openProject';
import { newId } from '../util/ids';
import { describeChange, findPattern, hasPendingRedactions, previewMatch, replaceInTurns, sessionTokens } from './sessionEditing';
import { applyReviewedRedactions, describeDecisions, detectForReview, loadRedaction } from './sessionRedaction';
import type { SessionState } from './sessionsRepo';

const PREVIEW_LIMIT = 200;

export function sessionsApi({ projects, events }: CoreContext): SessionsApi {
  const changed = () => events.emit('data.changed', { entity: 'sessions' });

  /** Applies a change to many sessions as ONE operation: one transaction, one history entry each, one undo. */
  function operate(project: OpenProject, ids: string[], kind: string, change: (state: SessionState) => SessionState | null, summary?: string): { opId: string; changed: number } {
    const opId = newId();
    const at = Date.now();
    let count = 0;
    project.db.transaction(() => {
      for (const id of ids) {
        const before = project.sessions.state(id);
        if (!before || (before.deleted && kind !== 'undo')) continue;
        const after = change(before);
        if (!after || JSON.stringify(after) === JSON.stringify(before)) continue;
        project.sessions.writeState(id, after, at);
        project.sessionEdits.record({ id: newId(), opId, sessionId: id, at, kind, summary: summary ?? describeChange(before, after), before, after });
        count++;
      }
    })();
    if (count > 0) changed();
    return { opId, changed: count };
  }

  const requireSession = (project: OpenProject, id: string) => {
    const session = project.sessions.get(id);
    if (!session) throw new ApiError('NOT_FOUND', 'That session is not in this project (it may have been deleted).');
    return session;
  };

  return {
    'sessions.list': async ({ offset, limit, sort, direction, ...filter }) =>
      projects.require().sessions.list(filter, sort ?? 'created', direction ?? 'desc', offset ?? 0, limit ?? 100),
    'sessions.ids': async (filter) => projects.require().sessions.ids(filter),
    'sessions.get': async ({ id }) => requireSession(projects.require(), id),
    'sessions.tags': async () => projects.require().sessions.allTags(),

    'sessions.update': async ({ id, summary, ...patch }) => {
      const project = projects.require();
      const current = requireSession(project, id);
      if (patch.status === 'approved' && current.status !== 'approved' && hasPendingRedactions(current)) {
        throw new ApiError('CONFLICT', 'Review the detected personal details of this session before approving it.');
      }
      operate(project, [id], 'edit', (state) => {
        const next = { ...state, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as SessionState;
        if (patch.tags) next.tags = [...new Set(patch.tags)].sort();
        next.tokenCount = sessionTokens(next.systemPrompt, next.turns);
        return next;
      }, summary);
      return requireSession(project, id);
    },

    'sessions.history': async ({ id }) => {
      const project = projects.require();
      requireSession(project, id);
      return project.sessionEdits.forSession(id);
    },

    'sessions.bulkUpdate': async ({ ids, addTags, removeTags, status }) => {
      const project = projects.require();
      if (status === 'approved') {
        const blocked = ids.filter((id) => {
          const state = project.sessions.state(id);
          return state && state.status !== 'approved' && hasPendingRedactions(state);
        });
        if (blocked.length) throw new ApiError('CONFLICT', `${blocked.length} of the selected sessions have personal details awaiting review; review them before approving.`, { sessionIds: blocked });
        // A session the judge flagged for safety is approved only by a person looking at it, one at a time.
        const risky = ids.filter((id) => project.sessions.review(id)?.safetyFlag === true && project.sessions.state(id)?.status !== 'approved');
        if (risky.length) throw new ApiError('CONFLICT', `${risky.length} of the selected sessions were flagged for safety; decide on each in the review queue.`, { sessionIds: risky });
      }
      return operate(project, ids, 'bulk', (state) => {
        const tags = new Set(state.tags);
        addTags?.forEach((t) => tags.add(t));
        removeTags?.forEach((t) => tags.delete(t));
        return { ...state, tags: [...tags].sort(), status: status ?? state.status };
      });
    },

    'sessions.delete': async ({ ids }) => {
      const { opId, changed: deleted } = operate(projects.require(), ids, 'delete', (state) => ({ ...state, deleted: true }), 'Deleted');
      return { opId, deleted };
    },

    'sessions.undo': async ({ opId }) => {
      const project = projects.require();
      const edits = project.sessionEdits.forOperation(opId);
      if (edits.length === 0) throw new ApiError('NOT_FOUND', 'Nothing to undo for that change.');
      if (edits.every((e) => e.undone)) throw new ApiError('CONFLICT', 'That change has already been undone.');
      let restored = 0;
      project.db.transaction(() => {
        for (const edit of edits) {
          const { changed: n } = operate(project, [edit.sessionId], 'undo', () => edit.before, 'Undid a change');
          restored += n;
        }
        project.sessionEdits.markUndone(opId);
      })();
      return { restored };
    },

    'sessions.findReplace': async ({ ids, find, replace, matchCase, wholeWord, apply }) => {
      const project = projects.require();
      const pattern = findPattern({ find, matchCase: matchCase ?? false, wholeWord: wholeWord ?? false });
      const matches = [];
      let totalMatches = 0;
      let sessionsAffected = 0;
      for (const id of ids) {
        const session = project.sessions.get(id);
        if (!session) continue;
        const { changes } = replaceInTurns(session.turns, pattern, replace);
        if (changes.length === 0) continue;
        sessionsAffected++;
        for (const change of changes) {
          totalMatches += change.count;
          if (matches.length < PREVIEW_LIMIT) matches.push(previewMatch(id, session.title, change));
        }
      }
      if (!apply || totalMatches === 0) return { matches, totalMatches, sessionsAffected, opId: null };
      const { opId } = operate(
        project,
        ids,
        'replace',
        (state) => {
          const turns = replaceInTurns(state.turns, pattern, replace).turns;
          return { ...state, turns, tokenCount: sessionTokens(state.systemPrompt, turns) };
        },
        `Replaced “${find}” with “${replace}”`,
      );
      return { matches, totalMatches, sessionsAffected, opId };
    },

    'sessions.detectRedactions': async ({ id }) => {
      const project = projects.require();
      requireSession(project, id);
      operate(project, [id], 'redaction', detectForReview(await loadRedaction()), 'Detected personal details for review');
      return requireSession(project, id);
    },

    'sessions.applyRedactions': async ({ id, decisions, mode }) => {
      const project = projects.require();
      const session = requireSession(project, id);
      if (!hasPendingRedactions(session)) throw new ApiError('CONFLICT', 'This session has no detected personal details awaiting review.');
      operate(project, [id], 'redaction', applyReviewedRedactions(await loadRedaction(), decisions, mode), describeDecisions(session.redaction, decisions));
      return requireSession(project, id);
    },
  };
}
