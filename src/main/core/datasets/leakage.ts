import type { LeakagePair } from '../../../shared/api/datasets';
import { BANDS, ROWS, similarity } from '../sessions/minhash';

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
  // Buckets are keyed by a number hashed from (band, its values) rather than by a string per band;
  // members are compared value by value, so a hash collision never makes a candidate.
  const buckets = new Map<number, number[]>();
  const seen = new Set<number>();
  const pairs: LeakagePair[] = [];
  items.forEach((item, i) => {
    const mine = item.signature;
    for (let band = 0; band < BANDS; band++) {
      const key = bandHash(mine, band);
      const bucket = buckets.get(key);
      if (!bucket) {
        buckets.set(key, [i]);
        continue;
      }
      for (const j of bucket) {
        const other = items[j]!;
        if (other.split === item.split || other.sessionId === item.sessionId || !sameBand(mine, other.signature, band)) continue;
        const id = j * items.length + i;
        if (seen.has(id)) continue;
        seen.add(id);
        const s = similarity(mine, other.signature);
        if (s >= threshold && pairs.length < MAX_PAIRS) pairs.push({ a: pick(other), b: pick(item), similarity: s });
      }
      bucket.push(i);
    }
  });
  return pairs.sort((x, y) => y.similarity - x.similarity);
}

function bandHash(sig: Uint32Array, band: number): number {
  let h = band + 1;
  for (let k = band * ROWS; k < band * ROWS + ROWS; k++) h = Math.imul(h ^ sig[k]!, 0x01000193) >>> 0;
  return h;
}

function sameBand(a: Uint32Array, b: Uint32Array, band: number): boolean {
  for (let k = band * ROWS; k < band * ROWS + ROWS; k++) if (a[k] !== b[k]) return false;
  return true;
}

const pick = (i: LeakageItem) => ({ sessionId: i.sessionId, title: i.title, split: i.split });
