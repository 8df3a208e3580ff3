import type { Turn } from '../../../shared/domain/session';
import { knownDetails, loadRedaction } from '../sessions/sessionRedaction';
import type { SessionsRepo } from '../sessions/sessionsRepo';
import type { KnownDetail } from '../redaction/propagate';
import type { RedactionMode } from '../redaction/types';

export interface ImportRedaction {
  turns: Turn[];
  /** Stored on the session: pending detections to review, or the report of what was applied. */
  record: Record<string, unknown> | null;
  pending: boolean;
}

/**
 * 'review' keeps the detections for a person to accept or reject in the editor (the session waits in
 * "needs review" and cannot be approved before); 'apply' replaces every detection at once (the CLI's
 * --redact, where nobody is there to review); 'off' leaves the text alone.
 */
export async function redactForImport(
  turns: Turn[],
  policy: 'off' | 'review' | 'apply',
  mode: RedactionMode,
  known: () => readonly KnownDetail[] = () => [],
): Promise<ImportRedaction> {
  if (policy === 'off') return { turns, record: null, pending: false };
  const { detectPii, applyRedactions } = await loadRedaction();
  // Project-wide: names and places accepted in reviewed sessions are looked for in imported ones too.
  const detections = detectPii(turns, { known: [...known()] });
  if (detections.length === 0) return { turns, record: { status: 'clean', mode, detections: [] }, pending: false };
  if (policy === 'review') return { turns, record: { status: 'pending', mode, detections }, pending: true };
  const decisions = Object.fromEntries(detections.map((d) => [d.id, 'accepted' as const]));
  const applied = applyRedactions(turns, detections, decisions, mode);
  return { turns: applied.turns as Turn[], record: { status: 'applied', ...applied.report }, pending: false };
}

/**
 * The project's accepted names and places, read with one query per import job rather than per file or
 * session (the query scans every reviewed session's detections), and only when something is detected.
 */
export function knownPerImport(sessions: Pick<SessionsRepo, 'acceptedDetails'>): (jobId: string) => () => readonly KnownDetail[] {
  let last: { jobId: string; known: readonly KnownDetail[] } | null = null;
  return (jobId) => () => {
    if (last?.jobId !== jobId) last = { jobId, known: knownDetails(sessions) };
    return last.known;
  };
}
