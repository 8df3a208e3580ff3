import type { Turn } from '../../../shared/domain/session';
import { bandKeys, sessionSignature, similarity } from '../sessions/minhash';
import { newId } from '../util/ids';
import type { PreparedSession } from './prepareTranscript';

export const NEAR_DUPLICATE = 0.8;

export interface NearDuplicate {
  sessionId: string;
  similarity: number;
}

/** A session expected to be stored: its id, MinHash signature and the most similar session already there. */
export interface CheckedSession {
  id: string;
  signature: Uint32Array;
  similar: NearDuplicate | undefined;
}

export function whyUnusable(session: PreparedSession): string | null {
  if (!session.turns.some((t) => t.role === 'assistant'))
    return 'has no counselor turns after mapping and cleaning; check the speaker roles';
  if (!session.turns.some((t) => t.role === 'user')) return 'has no client turns after mapping and cleaning; check the speaker roles';
  return null;
}

interface CheckDeps {
  /** Whether a live session already has this content. */
  inLibrary(contentHash: string): boolean;
  /** Library sessions at least `threshold` similar, most similar first. */
  nearDuplicates(signature: Uint32Array, threshold: number): NearDuplicate[];
}

/**
 * Works out, before the write transaction and with breaks (`pause`) for other calls, what storing a
 * file's sessions will find: which ones will be stored (usable, not already in the library, not a repeat
 * earlier in the file), their signatures, and the near-duplicate of each among the library's sessions and
 * the file's earlier ones. For thousands of similar sessions this is the slow part of an import; done inside
 * the transaction it kept the backend from answering any call for many seconds.
 */
export async function checkSessions(
  sessions: Iterable<{ session: PreparedSession; turns: readonly Turn[] }>,
  deps: CheckDeps,
  pause: () => Promise<void>,
): Promise<Map<PreparedSession, CheckedSession>> {
  const checked = new Map<PreparedSession, CheckedSession>();
  const hashes = new Set<string>();
  const earlier: CheckedSession[] = [];
  const bands = new Map<string, number[]>();
  for (const { session, turns } of sessions) {
    await pause();
    if (whyUnusable(session) || hashes.has(session.contentHash) || deps.inLibrary(session.contentHash)) continue;
    hashes.add(session.contentHash);
    // Signed in the reading worker; redaction that replaced text calls for a new signature.
    const signature = turns === session.turns && session.signature ? session.signature : sessionSignature(turns);
    const keys = bandKeys(signature);
    let similar = deps.nearDuplicates(signature, NEAR_DUPLICATE)[0];
    const candidates = new Set<number>();
    for (const key of keys) for (const i of bands.get(key) ?? []) candidates.add(i);
    for (const i of candidates) {
      const s = similarity(signature, earlier[i]!.signature);
      if (s >= NEAR_DUPLICATE && s > (similar?.similarity ?? 0)) similar = { sessionId: earlier[i]!.id, similarity: s };
    }
    const entry = { id: newId(), signature, similar };
    for (const key of keys) {
      const list = bands.get(key);
      if (list) list.push(earlier.length);
      else bands.set(key, [earlier.length]);
    }
    earlier.push(entry);
    checked.set(session, entry);
  }
  return checked;
}
