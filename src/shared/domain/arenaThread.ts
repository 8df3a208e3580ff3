import type { ArenaMessage } from '../api/arena';

/**
 * A column's active thread: from its head back to the first message, in reading order. One copy for the
 * backend and the screen; a damaged parent chain that loops ends where it repeats instead of hanging.
 */
export function thread(messages: readonly ArenaMessage[], head: string | null): ArenaMessage[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const out: ArenaMessage[] = [];
  const seen = new Set<string>();
  for (let id = head; id && !seen.has(id); id = byId.get(id)?.parentId ?? null) {
    seen.add(id);
    const m = byId.get(id);
    if (!m) break;
    out.push(m);
  }
  return out.reverse();
}
