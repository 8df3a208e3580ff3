import type { ArenaMessage } from '../../../shared/api/arena';

/** A column's active thread: from its head back to the first message, in reading order. */
export function thread(messages: readonly ArenaMessage[], head: string | null): ArenaMessage[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const out: ArenaMessage[] = [];
  for (let id = head; id; id = byId.get(id)?.parentId ?? null) {
    const m = byId.get(id);
    if (!m) break;
    out.push(m);
  }
  return out.reverse();
}

/** The thread as the model reads it: the answers so far (a stopped one as far as it got), failed ones left out. */
export function chatHistory(messages: readonly ArenaMessage[]): { role: 'user' | 'assistant'; content: string }[] {
  return messages.filter((m) => m.status !== 'error' && m.text.trim() !== '').map((m) => ({ role: m.role, content: m.text }));
}
