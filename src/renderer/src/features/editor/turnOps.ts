import type { TurnRole } from '../../../../shared/domain/session';
import { newTurnKey, type Draft, type EditorTurn } from './editorStore';

export const roleLabel: Record<TurnRole, string> = { user: 'Client', assistant: 'Counselor', system: 'System' };

export const otherRole = (role: TurnRole): TurnRole => (role === 'assistant' ? 'user' : 'assistant');

export function indexOf(draft: Draft, key: string): number {
  return draft.turns.findIndex((t) => t.key === key);
}

function withTurns(draft: Draft, turns: EditorTurn[]): Draft {
  return { ...draft, turns };
}

export function setText(draft: Draft, key: string, text: string): Draft {
  return withTurns(
    draft,
    draft.turns.map((t) => (t.key === key ? { ...t, text } : t)),
  );
}

export function setRole(draft: Draft, key: string, role: TurnRole): Draft {
  return withTurns(
    draft,
    draft.turns.map((t) => (t.key === key ? { ...t, role } : t)),
  );
}

/** A new empty turn after `key` (or first when null), spoken by the other side. */
export function insertAfter(draft: Draft, key: string | null): { draft: Draft; key: string } {
  const i = key === null ? -1 : indexOf(draft, key);
  const previous = draft.turns[i];
  const turn: EditorTurn = { key: newTurnKey(), role: previous ? otherRole(previous.role) : 'user', text: '' };
  const turns = [...draft.turns];
  turns.splice(i + 1, 0, turn);
  return { draft: withTurns(draft, turns), key: turn.key };
}

export function remove(draft: Draft, key: string): Draft {
  return withTurns(
    draft,
    draft.turns.filter((t) => t.key !== key),
  );
}

/** Two turns of the same speaker, split at a character offset; both halves trimmed. */
export function split(draft: Draft, key: string, at: number): { draft: Draft; key: string } | null {
  const i = indexOf(draft, key);
  const turn = draft.turns[i];
  if (!turn) return null;
  const head = turn.text.slice(0, at).trimEnd();
  const tail = turn.text.slice(at).trimStart();
  if (!head || !tail) return null;
  const second: EditorTurn = { key: newTurnKey(), role: turn.role, text: tail };
  const turns = [...draft.turns];
  turns.splice(i, 1, { ...turn, text: head }, second);
  return { draft: withTurns(draft, turns), key: second.key };
}

/** This turn and the next as one, keeping this turn's speaker. */
export function mergeWithNext(draft: Draft, key: string): Draft | null {
  const i = indexOf(draft, key);
  const turn = draft.turns[i];
  const next = draft.turns[i + 1];
  if (!turn || !next) return null;
  const text = [turn.text.trimEnd(), next.text.trimStart()].filter(Boolean).join(' ');
  const turns = [...draft.turns];
  turns.splice(i, 2, { ...turn, text });
  return withTurns(draft, turns);
}

export function move(draft: Draft, key: string, delta: -1 | 1): Draft | null {
  const i = indexOf(draft, key);
  const j = i + delta;
  const turn = draft.turns[i];
  const other = draft.turns[j];
  if (!turn || !other) return null;
  const turns = [...draft.turns];
  turns[i] = other;
  turns[j] = turn;
  return withTurns(draft, turns);
}
