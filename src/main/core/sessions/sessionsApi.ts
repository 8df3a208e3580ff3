import { requireFolder } from '../util/filePaths';
import { dirname, isAbsolute } from 'node:path';
import type { SessionsApi } from '../../../shared/api/sessions';
import { ApiError } from '../../../shared/api/result';
import type { DomainDeps } from '../context';
import type { OpenProject } from '../projects/openProject';
import { findPattern, hasPendingRedactions, previewMatch, replaceInTurns, sessionTokens } from './sessionEditing';
import { applyReviewedRedactions, describeDecisions, detectForReview, knownDetails, loadRedaction } from './sessionRedaction';
import { operate as operateOn } from './operate';
import { exportSessionsJsonl } from './sessionExport';
import type { SessionState } from './sessionsRepo';

const PREVIEW_LIMIT = 200;

/** The parts of the open project this API reads and writes. */
export type SessionsParts = 'db' | 'sessionEdits' | 'sessions';

export function sessionsApi({ project: open, events }: DomainDeps<SessionsParts>): SessionsApi {
  const changed = () => events.emit('data.changed', { entity: 'sessions' });

  const operate = (
    project: Pick<OpenProject, SessionsParts>,
    ids: string[],
    kind: string,
    change: (state: SessionState) => SessionState | null,
    summary?: string,
  ) => operateOn(project, changed, ids, kind, change, summary);

  const requireSession = (project: Pick<OpenProject, SessionsParts>, id: string) => {
    const session = project.sessions.get(id);
    if (!session) throw new ApiError('NOT_FOUND', 'That session is not in this project (it may have been deleted).');
    return session;
  };

  return {
    'sessions.list': async ({ offset, limit, sort, direction, ...filter }) =>
      open().sessions.list(filter, sort ?? 'created', direction ?? 'desc', offset ?? 0, limit ?? 100),
    'sessions.ids': async (filter) => open().sessions.ids(filter),
    'sessions.get': async ({ id }) => requireSession(open(), id),
    'sessions.tags': async () => open().sessions.allTags(),

    'sessions.update': async ({ id, summary, ...patch }) => {
      const project = open();
      const current = requireSession(project, id);
      if (patch.status === 'approved' && current.status !== 'approved' && hasPendingRedactions(current)) {
        throw new ApiError('CONFLICT', 'Review the detected personal details of this session before approving it.');
      }
      operate(
        project,
        [id],
        'edit',
        (state) => {
          const next = { ...state, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as SessionState;
          if (patch.tags) next.tags = [...new Set(patch.tags)].sort();
          next.tokenCount = sessionTokens(next.systemPrompt, next.turns);
          return next;
        },
        summary,
      );
      return requireSession(project, id);
    },

    'sessions.history': async ({ id }) => {
      const project = open();
      requireSession(project, id);
      return project.sessionEdits.forSession(id);
    },

    'sessions.bulkUpdate': async ({ ids, addTags, removeTags, status }) => {
      const project = open();
      // Approval takes what it can: the sessions a person must still look at are left, with the reason.
      const skipped: { reason: string; sessionIds: string[] }[] = [];
      let targets = ids;
      if (status === 'approved') {
        const pending = new Set(project.sessions.ids({ ids, pendingDetails: true }));
        const unapproved = (id: string) => project.sessions.state(id)?.status !== 'approved';
        const blocked = ids.filter((id) => pending.has(id) && unapproved(id));
        // A session the judge flagged for safety is approved only by a person looking at it, one at a time.
        const risky = ids.filter((id) => !pending.has(id) && unapproved(id) && project.sessions.review(id)?.safetyFlag === true);
        if (blocked.length)
          skipped.push({ reason: 'personal details await review (clear them under Personal details)', sessionIds: blocked });
        if (risky.length) skipped.push({ reason: 'flagged for safety (decide on each in the review queue)', sessionIds: risky });
        const left = new Set([...blocked, ...risky]);
        targets = ids.filter((id) => !left.has(id));
      }
      const result = operate(project, targets, 'bulk', (state) => {
        const tags = new Set(state.tags);
        addTags?.forEach((t) => tags.add(t));
        removeTags?.forEach((t) => tags.delete(t));
        return { ...state, tags: [...tags].sort(), status: status ?? state.status };
      });
      return { ...result, skipped };
    },

    'sessions.delete': async ({ ids }) => {
      const { opId, changed: deleted } = operate(open(), ids, 'delete', (state) => ({ ...state, deleted: true }), 'Deleted');
      return { opId, deleted };
    },

    'sessions.undo': async ({ opId }) => {
      const project = open();
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
      const project = open();
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

    'sessions.export': async ({ out, ...filter }) => {
      if (!isAbsolute(out)) throw new ApiError('INVALID_INPUT', 'Give the file to write as a full path.');
      requireFolder(dirname(out));
      return exportSessionsJsonl(open().sessions, filter, out);
    },

    'sessions.detectRedactions': async ({ id }) => {
      const project = open();
      requireSession(project, id);
      // Project-wide: names and places accepted in other sessions are looked for here as well.
      operate(
        project,
        [id],
        'redaction',
        detectForReview(await loadRedaction(), knownDetails(project.sessions)),
        'Detected personal details for review',
      );
      return requireSession(project, id);
    },

    'sessions.applyRedactions': async ({ id, decisions, mode }) => {
      const project = open();
      const session = requireSession(project, id);
      if (!hasPendingRedactions(session)) throw new ApiError('CONFLICT', 'This session has no detected personal details awaiting review.');
      operate(
        project,
        [id],
        'redaction',
        applyReviewedRedactions(await loadRedaction(), decisions, mode),
        describeDecisions(session.redaction, decisions),
      );
      return requireSession(project, id);
    },
  };
}
