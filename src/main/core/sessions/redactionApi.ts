import type { PendingEntity, RedactionApi, RedactionPreview } from '../../../shared/api/redaction';
import type { DomainDeps } from '../context';
import type { OpenProject } from '../projects/openProject';
import { entityKey, nameTokens } from '../redaction/entities';
import type { PiiKind } from '../redaction/types';
import { operate } from './operate';
import { applyReviewedRedactions, loadRedaction, pendingOf, type RedactionLibrary } from './sessionRedaction';
import type { SessionState } from './sessionsRepo';

const PREVIEW_LIMIT = 200;
const LINKED_SESSIONS = 50;

/** Does a detected entity match what a person typed ("Maria Lopez", "portland", "555-0148")? */
function matcher(text: string, kind: PiiKind | undefined): (e: { kind: PiiKind; key: string }) => boolean {
  const asName = nameTokens(text).tokens.join(' ');
  return (e) => (kind === undefined || e.kind === kind) && (e.kind === 'name' ? e.key === asName : e.key === entityKey(e.kind, text));
}

/** Every session awaiting review with its entities, undecided mentions only. */
function* pendingSessions(project: Pick<OpenProject, RedactionParts>, lib: RedactionLibrary) {
  for (const { id, state } of project.sessions.eachState(project.sessions.ids({ pendingDetails: true }))) {
    const pending = pendingOf(state?.redaction);
    if (!state || !pending) continue;
    const decided = pending.decisions ?? {};
    const entities = lib
      .sessionEntities(state.turns, pending.detections)
      .map((e) => ({ ...e, mentionIds: e.mentionIds.filter((m) => decided[m] === undefined) }))
      .filter((e) => e.mentionIds.length > 0);
    yield { id, state, pending, entities };
  }
}

/** A session's state with more decisions taken; once every detection is decided, they are applied. */
function withDecisions(lib: RedactionLibrary, state: SessionState, decisions: Record<string, 'accepted' | 'rejected'>): SessionState {
  const pending = pendingOf(state.redaction);
  if (!pending) return state;
  const all = { ...pending.decisions, ...decisions };
  if (pending.detections.every((d) => all[d.id] !== undefined)) return applyReviewedRedactions(lib, all, undefined)(state);
  return { ...state, redaction: { ...pending, decisions: all } };
}

/** The parts of the open project this API reads and writes. */
export type RedactionParts = 'db' | 'sessionEdits' | 'sessions';

export function redactionApi({ project: open, events }: DomainDeps<RedactionParts>): RedactionApi {
  const changed = () => events.emit('data.changed', { entity: 'sessions' });
  return {
    'redaction.entities': async ({ search, limit }) => {
      const project = open();
      const lib = await loadRedaction();
      const groups = new Map<string, PendingEntity>();
      let pendingCount = 0;
      const needle = search?.trim().toLowerCase();
      for (const { id, entities } of pendingSessions(project, lib)) {
        pendingCount++;
        for (const e of entities) {
          if (needle && !e.key.includes(needle) && !e.label.toLowerCase().includes(needle)) continue;
          const key = `${e.kind}\u0000${e.key}`;
          const g = groups.get(key) ?? { kind: e.kind, key: e.key, label: e.label, sessions: 0, places: 0, sessionIds: [] };
          if (e.label.length > g.label.length) g.label = e.label;
          g.sessions++;
          g.places += e.mentionIds.length;
          if (g.sessionIds.length < LINKED_SESSIONS) g.sessionIds.push(id);
          groups.set(key, g);
        }
      }
      const entities = [...groups.values()].sort(
        (a, b) => b.sessions - a.sessions || b.places - a.places || a.label.localeCompare(b.label),
      );
      return { entities: entities.slice(0, limit ?? 500), pendingSessions: pendingCount };
    },

    'redaction.decideEntity': async ({ entity, kind, decision }) => {
      const project = open();
      const lib = await loadRedaction();
      const matches = matcher(entity, kind);
      const perSession = new Map<string, Record<string, 'accepted' | 'rejected'>>();
      let places = 0;
      for (const { id, entities } of pendingSessions(project, lib)) {
        const ids = entities.filter(matches).flatMap((e) => e.mentionIds);
        if (ids.length === 0) continue;
        perSession.set(id, Object.fromEntries(ids.map((m) => [m, decision])));
        places += ids.length;
      }
      if (perSession.size === 0)
        return { opId: null, sessions: 0, places: 0, cleared: 0, stillPending: project.sessions.count({ pendingDetails: true }) };
      const verb = decision === 'accepted' ? 'Replaced' : 'Kept';
      const { opId } = operate(
        project,
        changed,
        [...perSession.keys()],
        'redaction',
        (state, id) => withDecisions(lib, state, perSession.get(id) ?? {}),
        `${verb} “${entity}” everywhere (Personal details)`,
      );
      const stillPending = project.sessions.ids({ ids: [...perSession.keys()], pendingDetails: true }).length;
      return {
        opId,
        sessions: perSession.size,
        places,
        cleared: perSession.size - stillPending,
        stillPending: project.sessions.count({ pendingDetails: true }),
      };
    },

    'redaction.applySelection': async ({ ids, apply, mode }) => {
      const project = open();
      const lib = await loadRedaction();
      const pendingIds = project.sessions.ids({ ids, pendingDetails: true });
      const preview: RedactionPreview[] = [];
      let places = 0;
      for (const { id, state } of project.sessions.eachState(pendingIds)) {
        const pending = pendingOf(state?.redaction);
        if (!state || !pending) continue;
        const after = applyReviewedRedactions(lib, {}, mode)(state);
        places += pending.detections.filter((d) => pending.decisions?.[d.id] !== 'rejected').length;
        state.turns.forEach((t, turnIndex) => {
          const next = after.turns[turnIndex]?.text ?? t.text;
          if (next !== t.text && preview.length < PREVIEW_LIMIT)
            preview.push({ sessionId: id, title: state.title, turnIndex, before: t.text, after: next });
        });
      }
      const skipped = ids.length - pendingIds.length;
      if (!apply || pendingIds.length === 0) return { preview, sessions: pendingIds.length, places, opId: null, skipped };
      const { opId } = operate(
        project,
        changed,
        pendingIds,
        'redaction',
        (state) => applyReviewedRedactions(lib, {}, mode)(state),
        'Applied placeholders to the detected personal details (Personal details)',
      );
      return { preview, sessions: pendingIds.length, places, opId, skipped };
    },
  };
}
