import { rename } from 'node:fs/promises';
import { ApiError } from '../../../shared/api/result';
import { PartialFile } from '../util/partialFile';
import type { SessionFilter } from './sessionQuery';
import type { SessionsRepo } from './sessionsRepo';

/**
 * Writes the library's sessions as OpenAI chat JSONL, one session at a time so a large library never
 * sits in memory. They go to `<out>.partial`, renamed to `out` once whole: written in place, a process killed
 * midway left a shorter file under the export's name (lines missing, nothing to tell), in place of the
 * whole export it was replacing. The privacy gate: sessions whose detected personal details await review are left
 * out whatever the filter asks, and counted so the caller can say so.
 */
export async function exportSessionsJsonl(
  sessions: SessionsRepo,
  filter: SessionFilter,
  out: string,
): Promise<{ file: string; sessions: number; withheldForDetails: number }> {
  const ids = sessions.ids({ ...filter, pendingDetails: false });
  let withheld = sessions.count({ ...filter, pendingDetails: true });
  const file = new PartialFile(out, false, undefined);
  const cannotWrite = (e: unknown) =>
    new ApiError('INVALID_INPUT', `Could not write ${out}: ${(e as Error).message}. Choose a file in a folder you can write to.`);
  let written = 0;
  try {
    for (const id of ids) {
      const s = sessions.get(id);
      if (!s) continue;
      // Checked again as each session is written: details detected while a long export runs still hold it back.
      if ((s.redaction as { status?: unknown } | null)?.status === 'pending') {
        withheld++;
        continue;
      }
      const messages = [
        ...(s.systemPrompt ? [{ role: 'system', content: s.systemPrompt }] : []),
        ...s.turns.map((t) => ({ role: t.role, content: t.text })),
      ];
      await file.write(`${JSON.stringify({ messages })}\n`, 1);
      written++;
    }
    await file.finish();
    await rename(file.partialPath, out);
  } catch (e) {
    await file.discard();
    throw cannotWrite(e);
  }
  return { file: out, sessions: written, withheldForDetails: withheld };
}
