import type { Turn } from '../../../shared/domain/session';
import { loadRedaction } from '../sessions/sessionRedaction';
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
export async function redactForImport(turns: Turn[], policy: 'off' | 'review' | 'apply', mode: RedactionMode): Promise<ImportRedaction> {
  if (policy === 'off') return { turns, record: null, pending: false };
  const { detectPii, applyRedactions } = await loadRedaction();
  const detections = detectPii(turns);
  if (detections.length === 0) return { turns, record: { status: 'clean', mode, detections: [] }, pending: false };
  if (policy === 'review') return { turns, record: { status: 'pending', mode, detections }, pending: true };
  const decisions = Object.fromEntries(detections.map((d) => [d.id, 'accepted' as const]));
  const applied = applyRedactions(turns, detections, decisions, mode);
  return { turns: applied.turns as Turn[], record: { status: 'applied', ...applied.report }, pending: false };
}
