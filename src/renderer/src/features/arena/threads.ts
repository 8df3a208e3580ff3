import type { ArenaConversation, ArenaMessage, ArenaMessageStatus } from '../../../../shared/api/arena';

export { thread } from '../../../../shared/domain/arenaThread';

export const isFinal = (status: ArenaMessageStatus) => status !== 'streaming';

/** How many other messages answer or follow the same parent in the same column (earlier answers, edited turns). */
export function siblingCount(messages: readonly ArenaMessage[], message: ArenaMessage): number {
  return messages.filter(
    (m) => m.id !== message.id && m.column === message.column && m.parentId === message.parentId && m.role === message.role,
  ).length;
}

/** The message a column shows last, or null before its first turn. */
export function headOf(c: ArenaConversation, column: number): ArenaMessage | null {
  const id = c.heads[column];
  return id ? (c.messages.find((m) => m.id === id) ?? null) : null;
}

/** A message that started or changed, as an `arena.message` event brings it: the newest message of a column is its head. */
export function upsertMessage(c: ArenaConversation, message: ArenaMessage): ArenaConversation {
  const known = c.messages.some((m) => m.id === message.id);
  const messages = known ? c.messages.map((m) => (m.id === message.id ? message : m)) : [...c.messages, message];
  const heads = known ? c.heads : c.heads.map((h, i) => (i === message.column ? message.id : h));
  return { ...c, messages, heads };
}

/**
 * A reply from the backend meets what events already told this window: the reply may have been
 * built before an answer finished (its message still "streaming"), or before a later message
 * started. A finished message is never taken back to streaming, messages only events know are
 * kept, and each column keeps the newer of the two heads.
 */
export function mergeConversation(local: ArenaConversation | undefined, incoming: ArenaConversation): ArenaConversation {
  if (!local || local.id !== incoming.id) return incoming;
  const byId = new Map(local.messages.map((m) => [m.id, m]));
  const messages = incoming.messages.map((m) => {
    const l = byId.get(m.id);
    return l && isFinal(l.status) && !isFinal(m.status) ? l : m;
  });
  const inIncoming = new Set(incoming.messages.map((m) => m.id));
  for (const m of local.messages) if (!inIncoming.has(m.id)) messages.push(m);
  const created = new Map(messages.map((m) => [m.id, m.createdAt]));
  const heads = incoming.heads.map((h, i) => {
    const l = local.heads[i] ?? null;
    if (!l || l === h) return h;
    if (!h) return l;
    return (created.get(l) ?? -1) > (created.get(h) ?? -1) ? l : h;
  });
  return { ...incoming, messages, heads };
}
