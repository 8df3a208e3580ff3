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
  const splits = [...new Set(items.map((i) => i.split))];
  const splitOf = Int32Array.from(items, (i) => splits.indexOf(i.split));
  const earlier = earlierInBands(items, splitOf, splits.length);
  const at = (i: number, band: number, split: number) => earlier[(i * BANDS + band) * splits.length + split]!;
  const pairs: LeakagePair[] = [];
  const candidates: number[] = [];
  let maxMismatches = 0;
  while (maxMismatches < SIGNATURE_SIZE && (SIGNATURE_SIZE - maxMismatches - 1) / SIGNATURE_SIZE >= threshold) maxMismatches++;
  for (let i = 0; i < items.length && pairs.length < MAX_PAIRS; i++) {
    const item = items[i]!;
    const mine = item.signature;
    for (let band = 0; band < BANDS; band++) {
      // Earlier members of this band's buckets on the other sides of the split, in the order they came.
      candidates.length = 0;
      for (let split = 0; split < splits.length; split++) {
        if (split !== splitOf[i]) for (let j = at(i, band, split); j >= 0; j = at(j, band, split)) candidates.push(j);
      }
      if (candidates.length > 1) candidates.sort((x, y) => x - y);
      for (const j of candidates) {
        const other = items[j]!;
        // A pair sharing an earlier band was looked at there already.
        if (other.sessionId === item.sessionId || !sameBand(mine, other.signature, band) || sharesEarlierBand(mine, other.signature, band))
          continue;
        const s = similarityAtLeast(mine, other.signature, maxMismatches);
        if (s >= threshold && pairs.length < MAX_PAIRS) pairs.push({ a: pick(other), b: pick(item), similarity: s });
      }
    }
  }
  return pairs.sort((x, y) => y.similarity - x.similarity);
}

/**
 * For each item, band and side of the split, the latest earlier item on that side whose band hashed
 * alike (-1 for none): each bucket a chain through one typed array, walked from an item's own link. It
 * replaced a map holding a list per (band, value), 16 per item, which at 100,000 examples took about
 * 180 MiB and most of the check's time. Buckets are keyed by a number hashed from (band, its values,
 * split); members are compared value by value, so a hash collision never makes a candidate.
 */
function earlierInBands(items: readonly LeakageItem[], splitOf: Int32Array, splits: number): Int32Array {
  const earlier = new Int32Array(items.length * BANDS * splits);
  const latest = new Map<number, number>();
  for (let band = 0; band < BANDS; band++) {
    latest.clear();
    for (let i = 0; i < items.length; i++) {
      const key = bandHash(items[i]!.signature, band);
      for (let split = 0; split < splits; split++) earlier[(i * BANDS + band) * splits + split] = latest.get(key ^ splitSalt(split)) ?? -1;
      latest.set(key ^ splitSalt(splitOf[i]!), i);
    }
  }
  return earlier;
}

const splitSalt = (index: number) => Math.imul(index + 1, 0x9e3779b1) >>> 0;

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
