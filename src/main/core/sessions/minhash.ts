import { createHash } from 'node:crypto';
import { fmix32, fnv1a } from '../util/hash';

/** 64 hash functions in 16 bands of 4: pairs above ~0.8 Jaccard similarity share a band with high probability. */
export const SIGNATURE_SIZE = 64;
const BANDS = 16;
const ROWS = SIGNATURE_SIZE / BANDS;
const SHINGLE_WORDS = 3;

// The 64 hash functions' multipliers and offsets, as typed arrays: the signature loop runs 64 times per
// shingle, so it reads plain numbers rather than objects.
const seedA = new Uint32Array(SIGNATURE_SIZE);
const seedB = new Uint32Array(SIGNATURE_SIZE);
for (let i = 0; i < SIGNATURE_SIZE; i++) {
  const h = createHash('sha256').update(`hds-minhash-${i}`).digest();
  seedA[i] = (h.readUInt32BE(0) | 1) >>> 0;
  seedB[i] = h.readUInt32BE(4);
}

/** The hashed word 3-shingles of a text (lower-cased, NFKC). */
export function shingles(text: string): Set<number> {
  const words = text.toLowerCase().normalize('NFKC').split(/[^\p{L}\p{N}']+/u).filter(Boolean);
  const out = new Set<number>();
  // A text shorter than a shingle is one shingle of all its words.
  if (words.length < SHINGLE_WORDS) return out.add(fnv1a(words.join(' ')));
  // Three words joined by a space (as slice(i, i + 3).join(' ') would), without an array per shingle.
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) out.add(fnv1a(`${words[i]} ${words[i + 1]} ${words[i + 2]}`));
  return out;
}


/** A MinHash signature of a text's word 3-shingles: similar texts get similar signatures. */
export function minhashSignature(text: string): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const shingle of shingles(text)) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const v = fmix32((Math.imul(shingle, seedA[i]!) + seedB[i]!) >>> 0);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity: the share of positions where the two signatures agree. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

/** Locality-sensitive hashing keys: candidates for near-duplicates share at least one band. */
export function bandKeys(sig: Uint32Array): string[] {
  return Array.from({ length: BANDS }, (_, band) => `${band}:${Array.from(sig.subarray(band * ROWS, band * ROWS + ROWS)).join('.')}`);
}
