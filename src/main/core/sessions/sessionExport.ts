import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { SessionFilter } from './sessionQuery';
import type { SessionsRepo } from './sessionsRepo';

/**
 * Writes the library's sessions as OpenAI chat JSONL, one session at a time so a large library never
 * sits in memory. The privacy gate: sessions whose detected personal details await review are left
 * out whatever the filter asks, and counted so the caller can say so.
 */
export async function exportSessionsJsonl(sessions: SessionsRepo, filter: SessionFilter, out: string): Promise<{ file: string; sessions: number; withheldForDetails: number }> {
  const ids = sessions.ids({ ...filter, pendingDetails: false });
  const withheld = sessions.count({ ...filter, pendingDetails: true });
  const stream = createWriteStream(out, { encoding: 'utf8' });
  const failed = once(stream, 'error').then(([e]) => Promise.reject(e as Error));
  let written = 0;
  for (const id of ids) {
    const s = sessions.get(id);
    if (!s) continue;
    const messages = [...(s.systemPrompt ? [{ role: 'system', content: s.systemPrompt }] : []), ...s.turns.map((t) => ({ role: t.role, content: t.text }))];
    if (!stream.write(`${JSON.stringify({ messages })}\n`)) await Promise.race([once(stream, 'drain'), failed]);
    written++;
  }
  stream.end();
  await Promise.race([once(stream, 'finish'), failed]);
  return { file: out, sessions: written, withheldForDetails: withheld };
}
