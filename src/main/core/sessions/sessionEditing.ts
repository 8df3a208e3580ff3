import type { Turn } from '../../../shared/domain/session';
import type { FindReplaceMatch } from '../../../shared/api/sessions';
import { countMessageTokens } from '../imports/tokens';
import type { SessionState } from './sessionsRepo';

/** Tokens of the whole conversation as it would be trained on: system prompt plus every turn. */
export function sessionTokens(systemPrompt: string | null, turns: readonly Turn[], count?: (text: string) => number): number {
  return countMessageTokens([...(systemPrompt ? [{ text: systemPrompt }] : []), ...turns], count);
}

/** A person-readable line for the history when the caller did not write one. */
export function describeChange(before: SessionState, after: SessionState): string {
  const changes: string[] = [];
  if (before.title !== after.title) changes.push('renamed');
  if (before.status !== after.status) changes.push(`status ${before.status.replace('_', ' ')} → ${after.status.replace('_', ' ')}`);
  if (before.tags.join(',') !== after.tags.join(',')) changes.push('tags changed');
  if (before.systemPrompt !== after.systemPrompt) changes.push('system prompt edited');
  if (before.notes !== after.notes) changes.push('notes edited');
  if (JSON.stringify(before.turns) !== JSON.stringify(after.turns)) {
    changes.push(before.turns.length === after.turns.length ? 'turns edited' : `turns ${before.turns.length} → ${after.turns.length}`);
  }
  if (before.deleted !== after.deleted) changes.push(after.deleted ? 'deleted' : 'restored');
  return changes.length ? capitalize(changes.join(', ')) : 'No change';
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function hasPendingRedactions(state: Pick<SessionState, 'redaction'>): boolean {
  return state.redaction?.status === 'pending';
}

export interface FindOptions {
  find: string;
  matchCase: boolean;
  wholeWord: boolean;
}

/** A literal search (never a regex the person did not mean), optionally whole words, optionally case-blind. */
export function findPattern({ find, matchCase, wholeWord }: FindOptions): RegExp {
  const escaped = find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const body = wholeWord ? `(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])` : escaped;
  return new RegExp(body, `gu${matchCase ? '' : 'i'}`);
}

/** The turns after replacing, and what each changed turn looked like before and after, for the preview. */
export function replaceInTurns(
  turns: readonly Turn[],
  pattern: RegExp,
  replacement: string,
): { turns: Turn[]; changes: { turnIndex: number; before: string; after: string; count: number }[] } {
  const changes: { turnIndex: number; before: string; after: string; count: number }[] = [];
  const next = turns.map((turn, turnIndex) => {
    const count = turn.text.match(pattern)?.length ?? 0;
    if (count === 0) return turn;
    // A function replacer keeps "$1" and "$&" in the replacement literal.
    const text = turn.text.replace(pattern, () => replacement);
    changes.push({ turnIndex, before: turn.text, after: text, count });
    return { ...turn, text };
  });
  return { turns: next, changes };
}

export function previewMatch(
  sessionId: string,
  title: string,
  change: { turnIndex: number; before: string; after: string },
): FindReplaceMatch {
  return { sessionId, title, turnIndex: change.turnIndex, before: change.before, after: change.after };
}
