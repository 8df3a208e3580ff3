import type { LeakagePair } from '../../../shared/api/datasets';
import { bandKeys, similarity } from '../sessions/minhash';

export interface LeakageItem {
  sessionId: string;
  title: string;
  split: 'train' | 'validation' | 'evaluation';
  /** The MinHash signature of its text (stored at import, or computed by the caller). */
  signature: Uint32Array;
}

/** Word-shingle Jaccard at or above this is "the same conversation, lightly changed". */
export const LEAKAGE_THRESHOLD = 0.8;
const MAX_PAIRS = 200;

/**
 * Pairs of near-duplicates that sit on different sides of a split (train vs validation, or either vs
 * an evaluation scenario): such a pair makes validation loss and evaluation scores look better than
 * they are. MinHash with banding keeps this near-linear, so 10,000 examples are checked in seconds.
 */
export function findLeakage(items: readonly LeakageItem[], threshold = LEAKAGE_THRESHOLD): LeakagePair[] {
  const signatures = items.map((i) => i.signature);
  const buckets = new Map<string, number[]>();
  const seen = new Set<string>();
  const pairs: LeakagePair[] = [];
  items.forEach((item, i) => {
    for (const key of bandKeys(signatures[i]!)) {
      const bucket = buckets.get(key);
      if (!bucket) {
        buckets.set(key, [i]);
        continue;
      }
      for (const j of bucket) {
        const other = items[j]!;
        if (other.split === item.split || other.sessionId === item.sessionId) continue;
        const id = `${j}:${i}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const s = similarity(signatures[i]!, signatures[j]!);
        if (s >= threshold && pairs.length < MAX_PAIRS) pairs.push({ a: pick(other), b: pick(item), similarity: s });
      }
      bucket.push(i);
    }
  });
  return pairs.sort((x, y) => y.similarity - x.similarity);
}

const pick = (i: LeakageItem) => ({ sessionId: i.sessionId, title: i.title, split: i.split });
