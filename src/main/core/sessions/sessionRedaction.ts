import { z } from 'zod';
import type * as RedactionModule from '../redaction';
import type { Turn } from '../../../shared/domain/session';
import { piiKinds, type Detection, type RedactionMode } from '../redaction/types';
import { sessionTokens } from './sessionEditing';
import type { SessionState, SessionsRepo } from './sessionsRepo';

const pendingSchema = z.object({
  status: z.literal('pending'),
  mode: z.enum(['placeholder', 'surrogate']),
  detections: z.array(
    z.object({
      id: z.string(),
      turnIndex: z.number().int().min(0),
      start: z.number().int().min(0),
      end: z.number().int().min(0),
      text: z.string(),
      kind: z.enum(piiKinds),
      source: z.enum(['nlp', 'pattern']),
      confidence: z.number(),
    }),
  ),
  /** Decisions already taken (by entity, in the Personal details queue) before the rest are. */
  decisions: z.record(z.string(), z.enum(['accepted', 'rejected'])).optional(),
});
export type PendingRedaction = z.infer<typeof pendingSchema>;

/** The pending detections stored on a session, or null when none await review. */
export function pendingOf(redaction: unknown): PendingRedaction | null {
  const parsed = pendingSchema.safeParse(redaction);
  return parsed.success ? parsed.data : null;
}

/** How many names and places accepted elsewhere are looked for when detecting (most frequent first). */
const KNOWN_DETAILS = 2000;

/** Names and places a person accepted in the project's reviewed sessions, for project-wide propagation. */
export const knownDetails = (sessions: Pick<SessionsRepo, 'acceptedDetails'>) => sessions.acceptedDetails(KNOWN_DETAILS);

/** The redaction library pulls in an NLP package; it loads on first use so the app starts quickly. */
export type RedactionLibrary = typeof RedactionModule;
export const loadRedaction = (): Promise<RedactionLibrary> => import('../redaction');

/** A session's record of a detection: the details found, pending a person's review, or clean when there were none. */
export const detectionRecord = (detections: Detection[]): Record<string, unknown> =>
  detections.length > 0 ? { status: 'pending', mode: 'placeholder', detections } : { status: 'clean', mode: 'placeholder', detections: [] };

/** Detections are stored on the session until a person decides; the session waits in "needs review". */
export const detectForReview =
  (lib: RedactionLibrary, known: { text: string; kind: 'name' | 'place' }[] = []) =>
  (state: SessionState): SessionState => {
    const detections: Detection[] = lib.detectPii(state.turns, { known });
    return { ...state, status: detections.length > 0 ? 'needs_review' : state.status, redaction: detectionRecord(detections) };
  };

/**
 * Applies a person's accept/reject decisions: accepted details are replaced (placeholders or surrogates),
 * rejected ones stay, and the report of both is kept on the session. Undo restores the original text.
 */
export function applyReviewedRedactions(
  lib: RedactionLibrary,
  decisions: Record<string, 'accepted' | 'rejected'>,
  mode: RedactionMode | undefined,
) {
  return (state: SessionState): SessionState => {
    const pending = pendingSchema.parse(state.redaction);
    const { turns, report } = lib.applyRedactions(
      state.turns,
      pending.detections,
      { ...pending.decisions, ...decisions },
      mode ?? pending.mode,
    );
    const nextTurns = turns as Turn[];
    return {
      ...state,
      turns: nextTurns,
      tokenCount: sessionTokens(state.systemPrompt, nextTurns),
      status: state.status === 'needs_review' ? 'draft' : state.status,
      redaction: { status: 'applied', ...report },
    };
  };
}

/** "Applied redactions: 5 replaced, 1 kept" for the history; a missing decision counts as accepted. */
export function describeDecisions(redaction: unknown, decisions: Record<string, 'accepted' | 'rejected'>): string {
  const pending = pendingSchema.safeParse(redaction);
  const total = pending.success ? pending.data.detections.length : 0;
  const kept = pending.success ? pending.data.detections.filter((d) => decisions[d.id] === 'rejected').length : 0;
  return `Applied redactions: ${total - kept} replaced, ${kept} kept`;
}
