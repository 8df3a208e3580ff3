import type { LeakagePair } from '../../../shared/api/datasets';
import { BANDS, ROWS, SIGNATURE_SIZE } from '../sessions/minhash';

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
  // Buckets are keyed by a number hashed from (band, its values, split) rather than by a string per band,
  // so an item only walks the members on other sides of the split; members are compared value by value,
  // so a hash collision never makes a candidate.
  const buckets = new Map<number, number[]>();
  const splits = [...new Set(items.map((i) => i.split))];
  const pairs: LeakagePair[] = [];
  let maxMismatches = 0;
  while (maxMismatches < SIGNATURE_SIZE && (SIGNATURE_SIZE - maxMismatches - 1) / SIGNATURE_SIZE >= threshold) maxMismatches++;
  for (let i = 0; i < items.length && pairs.length < MAX_PAIRS; i++) {
    const item = items[i]!;
    const mine = item.signature;
    for (let band = 0; band < BANDS; band++) {
      const key = bandHash(mine, band);
      for (const j of candidates(buckets, key, splits, item.split)) {
        const other = items[j]!;
        // A pair sharing an earlier band was looked at there already.
        if (other.sessionId === item.sessionId || !sameBand(mine, other.signature, band) || sharesEarlierBand(mine, other.signature, band)) continue;
        const s = similarityAtLeast(mine, other.signature, maxMismatches);
        if (s >= threshold && pairs.length < MAX_PAIRS) pairs.push({ a: pick(other), b: pick(item), similarity: s });
      }
      const own = key ^ splitSalt(splits.indexOf(item.split));
      const bucket = buckets.get(own);
      // Two bands of one item can hash alike; it goes in once, or its pairs would be looked at twice.
      if (!bucket) buckets.set(own, [i]);
      else if (bucket.at(-1) !== i) bucket.push(i);
    }
  }
  return pairs.sort((x, y) => y.similarity - x.similarity);
}

const splitSalt = (index: number) => Math.imul(index + 1, 0x9e3779b1) >>> 0;

/** Earlier items in this band's bucket on other sides of the split, in the order they came. */
function candidates(buckets: Map<number, number[]>, key: number, splits: readonly string[], split: string): readonly number[] {
  const lists: number[][] = [];
  splits.forEach((s, index) => {
    const list = s === split ? undefined : buckets.get(key ^ splitSalt(index));
    if (list) lists.push(list);
  });
  if (lists.length <= 1) return lists[0] ?? [];
  return lists.flat().sort((x, y) => x - y);
}

function sharesEarlierBand(a: Uint32Array, b: Uint32Array, band: number): boolean {
  for (let earlier = 0; earlier < band; earlier++) if (sameBand(a, b, earlier)) return true;
  return false;
}

/** The share of equal positions; stops early (returning less than the threshold) once too many differ. */
function similarityAtLeast(a: Uint32Array, b: Uint32Array, maxMismatches: number): number {
  let differ = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (a[k] !== b[k] && ++differ > maxMismatches) return 0;
  return (SIGNATURE_SIZE - differ) / SIGNATURE_SIZE;
}

function bandHash(sig: Uint32Array, band: number): number {
  let h = Math.imul(band + 1, 0x85ebca6b) >>> 0;
  for (let k = band * ROWS; k < band * ROWS + ROWS; k++) h = Math.imul(h ^ sig[k]!, 0x01000193) >>> 0;
  return h;
}

function sameBand(a: Uint32Array, b: Uint32Array, band: number): boolean {
  for (let k = band * ROWS; k < band * ROWS + ROWS; k++) if (a[k] !== b[k]) return false;
  return true;
}

const pick = (i: LeakageItem) => ({ sessionId: i.sessionId, title: i.title, split: i.split });
