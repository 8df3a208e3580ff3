import { ApiCallError } from '../../../../shared/api/client';
import type { SessionDetail, SessionStatus, TurnRole } from '../../../../shared/domain/session';

/** A turn as the editor holds it: the key keeps React (and focus) attached to it while turns move. */
export interface EditorTurn {
  key: string;
  role: TurnRole;
  text: string;
}

/** The editable part of a session. */
export interface Draft {
  title: string;
  status: SessionStatus;
  tags: string[];
  systemPrompt: string | null;
  notes: string | null;
  turns: EditorTurn[];
}

export interface Patch {
  title?: string;
  status?: SessionStatus;
  tags?: string[];
  systemPrompt?: string | null;
  notes?: string | null;
  turns?: { role: TurnRole; text: string }[];
  summary?: string;
}

export type SaveState = { kind: 'saved' } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'error'; error: unknown };

export interface EditorSnapshot {
  draft: Draft;
  undoLabel: string | null;
  redoLabel: string | null;
  save: SaveState;
  /** The backend refused a status change (approval while personal details await review). */
  refused: { status: SessionStatus; error: unknown } | null;
}

interface Step {
  draft: Draft;
  summary: string;
}

export const AUTOSAVE_MS = 800;
/** How a status change begins its summary, so a refused one can be left out of the history. */
export const STATUS_SUMMARY = 'Set the status to ';
const HISTORY_LIMIT = 200;
const fields = ['title', 'status', 'tags', 'systemPrompt', 'notes', 'turns'] as const;
type Field = (typeof fields)[number];

let keySeq = 0;
export const newTurnKey = () => `turn-${++keySeq}`;

export function draftOf(session: SessionDetail, previous?: Draft): Draft {
  return {
    title: session.title,
    status: session.status,
    tags: [...session.tags],
    systemPrompt: session.systemPrompt,
    notes: session.notes,
    turns: session.turns.map((t, i) => ({ key: previous?.turns[i]?.key ?? newTurnKey(), role: t.role, text: t.text })),
  };
}

function valueOf(draft: Draft, field: Field): unknown {
  if (field === 'turns') return draft.turns.map((t) => [t.role, t.text]);
  if (field === 'title') return draft.title.trim();
  if (field === 'tags') return [...draft.tags].sort();
  return draft[field] ?? null;
}

function same(a: Draft, b: Draft, field: Field): boolean {
  return JSON.stringify(valueOf(a, field)) === JSON.stringify(valueOf(b, field));
}

function sameAll(a: Draft, b: Draft): boolean {
  return fields.every((f) => same(a, b, f));
}

/** What changed since the last save, as `sessions.update` takes it; a blank title waits until it is filled. */
function patchOf(saved: Draft, draft: Draft): Patch | null {
  const patch: Patch = {};
  if (!same(saved, draft, 'title') && draft.title.trim()) patch.title = draft.title.trim();
  if (!same(saved, draft, 'status')) patch.status = draft.status;
  if (!same(saved, draft, 'tags')) patch.tags = draft.tags;
  if (!same(saved, draft, 'systemPrompt')) patch.systemPrompt = draft.systemPrompt;
  if (!same(saved, draft, 'notes')) patch.notes = draft.notes;
  if (!same(saved, draft, 'turns')) patch.turns = draft.turns.map((t) => ({ role: t.role, text: t.text }));
  return Object.keys(patch).length ? patch : null;
}

/** One line for the session's history: the change, or the first change and how many more. */
function summarize(summaries: string[]): string | undefined {
  const unique = summaries.filter((s, i, all) => all.indexOf(s) === i);
  if (unique.length === 0) return undefined;
  const joined = unique.join('; ');
  if (joined.length <= 200) return joined;
  const first = unique[0] ?? '';
  return `${first.slice(0, 150)} and ${unique.length - 1} more changes`;
}

function isRefusedApproval(err: unknown): boolean {
  return err instanceof ApiCallError && err.code === 'CONFLICT';
}

/**
 * The session being edited, outside React: edits apply at once to a local draft (with undo and redo),
 * and are saved 800 ms after the last one, with a summary for the session's history. Only changed
 * fields are sent. When the session changes elsewhere, fields not edited here take the new value;
 * a field edited here keeps the local one and saves over it.
 */
export class SessionEditorStore {
  private listeners = new Set<() => void>();
  private draft: Draft;
  private saved: Draft;
  private savedAt: number;
  private past: Step[] = [];
  private future: Step[] = [];
  private coalescing: string | null = null;
  private summaries: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;
  private saveState: SaveState = { kind: 'saved' };
  private refused: EditorSnapshot['refused'] = null;
  private snapshot: EditorSnapshot;

  constructor(
    session: SessionDetail,
    private readonly send: (patch: Patch) => Promise<SessionDetail>,
    private readonly onSaved: (session: SessionDetail) => void,
  ) {
    this.draft = draftOf(session);
    this.saved = this.draft;
    this.savedAt = session.updatedAt;
    this.snapshot = this.makeSnapshot();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): EditorSnapshot => this.snapshot;

  private makeSnapshot(): EditorSnapshot {
    return {
      draft: this.draft,
      undoLabel: this.past.at(-1)?.summary ?? null,
      redoLabel: this.future.at(-1)?.summary ?? null,
      save: this.saveState,
      refused: this.refused,
    };
  }

  private emit(): void {
    this.snapshot = this.makeSnapshot();
    for (const l of this.listeners) l();
  }

  /**
   * One edit. `coalesce` names a run of edits that undo takes back together (typing in one turn);
   * `immediate` saves without waiting (a status change).
   */
  apply(summary: string, change: (draft: Draft) => Draft, options: { coalesce?: string; immediate?: boolean } = {}): void {
    const next = change(this.draft);
    if (next === this.draft) return;
    const continuing = options.coalesce !== undefined && options.coalesce === this.coalescing;
    if (!continuing) {
      this.past.push({ draft: this.draft, summary });
      if (this.past.length > HISTORY_LIMIT) this.past.shift();
    }
    this.coalescing = options.coalesce ?? null;
    this.future = [];
    this.draft = next;
    this.summaries.push(summary);
    this.refused = null;
    this.changed(options.immediate ?? false);
  }

  /** Typing in a turn stopped (it lost focus): the next keystroke starts a new undo step. */
  endTyping(): void {
    this.coalescing = null;
  }

  undo(): void {
    const step = this.past.pop();
    if (!step) return;
    this.future.push({ draft: this.draft, summary: step.summary });
    this.draft = step.draft;
    this.summaries.push(`Undid: ${step.summary}`);
    this.coalescing = null;
    this.changed(step.draft.status !== this.saved.status);
  }

  redo(): void {
    const step = this.future.pop();
    if (!step) return;
    this.past.push({ draft: this.draft, summary: step.summary });
    this.draft = step.draft;
    this.summaries.push(step.summary);
    this.coalescing = null;
    this.changed(step.draft.status !== this.saved.status);
  }

  private changed(immediate: boolean): void {
    if (patchOf(this.saved, this.draft)) {
      if (this.saveState.kind !== 'saving') this.saveState = { kind: 'pending' };
      this.schedule(immediate ? 0 : AUTOSAVE_MS);
    } else if (this.saveState.kind !== 'saving') {
      this.saveState = { kind: 'saved' };
    }
    this.emit();
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  /** Whether anything is not saved yet. */
  dirty(): boolean {
    return this.inFlight || patchOf(this.saved, this.draft) !== null;
  }

  /** Saves now what is waiting (leaving the editor, before an undo from the history). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.inFlight) return;
    const patch = patchOf(this.saved, this.draft);
    if (!patch) {
      if (this.saveState.kind !== 'saved') {
        this.saveState = { kind: 'saved' };
        this.emit();
      }
      return;
    }
    const summaries = this.summaries;
    this.summaries = [];
    const summary = summarize(summaries);
    this.inFlight = true;
    this.saveState = { kind: 'saving' };
    this.emit();
    try {
      const result = await this.send(summary ? { ...patch, summary } : patch);
      this.saved = draftOf(result, this.draft);
      this.savedAt = result.updatedAt;
      this.saveState = { kind: 'saved' };
      this.onSaved(result);
    } catch (err) {
      this.summaries = [...summaries, ...this.summaries];
      if (patch.status !== undefined && isRefusedApproval(err)) {
        // The backend keeps the old status; everything else in this save goes again without it.
        this.refused = { status: patch.status, error: err };
        this.summaries = this.summaries.filter((line) => !line.startsWith(STATUS_SUMMARY));
        this.draft = { ...this.draft, status: this.saved.status };
        const top = this.past.at(-1);
        // The step that made the refused change now changes nothing: drop it.
        if (top && sameAll(top.draft, this.draft)) this.past.pop();
        this.saveState = { kind: 'saved' };
      } else {
        this.saveState = { kind: 'error', error: err };
      }
    } finally {
      this.inFlight = false;
    }
    if (this.saveState.kind !== 'error' && patchOf(this.saved, this.draft)) {
      this.saveState = { kind: 'pending' };
      this.schedule(0);
    }
    this.emit();
  }

  retry(): void {
    void this.flush();
  }

  dismissRefusal(): void {
    this.refused = null;
    this.emit();
  }

  /** The session as the backend has it now (a refetch after any change). */
  receive(session: SessionDetail): void {
    if (session.updatedAt <= this.savedAt) return;
    const server = draftOf(session, this.draft);
    const before = this.saved;
    this.saved = server;
    this.savedAt = session.updatedAt;
    if (sameAll(server, before)) return;
    const next = { ...this.draft };
    let adopted = false;
    for (const field of fields) {
      if (same(this.draft, before, field) && !same(this.draft, server, field)) {
        // Not edited here: take what the backend has now.
        (next as Record<Field, unknown>)[field] = server[field];
        adopted = true;
      }
    }
    if (adopted) {
      this.draft = next;
      // Steps recorded before would bring back what was just changed elsewhere.
      this.past = [];
      this.future = [];
      this.coalescing = null;
    }
    if (!patchOf(this.saved, this.draft) && this.saveState.kind === 'pending') this.saveState = { kind: 'saved' };
    this.emit();
  }
}
