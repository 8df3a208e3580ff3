import { createHash } from 'node:crypto';

/** 64 hash functions in 16 bands of 4: pairs above ~0.8 Jaccard similarity share a band with high probability. */
export const SIGNATURE_SIZE = 64;
export const BANDS = 16;
export const ROWS = SIGNATURE_SIZE / BANDS;
const SHINGLE_WORDS = 3;

const seedA = new Uint32Array(SIGNATURE_SIZE);
const seedB = new Uint32Array(SIGNATURE_SIZE);
for (let i = 0; i < SIGNATURE_SIZE; i++) {
  const h = createHash('sha256').update(`hds-minhash-${i}`).digest();
  seedA[i] = (h.readUInt32BE(0) | 1) >>> 0;
  seedB[i] = h.readUInt32BE(4);
}

const words = (text: string) => text.toLowerCase().normalize('NFKC').split(/[^\p{L}\p{N}']+/u).filter(Boolean);

/** FNV-1a continued over more text: hashing "a", " ", "b" in turn equals hashing "a b", without building it. */
function fnvMore(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Calls `each` with the hash of every word 3-shingle, repeats included (a text shorter than three words is one shingle). */
function eachShingle(text: string, each: (hash: number) => void): void {
  const w = words(text);
  const last = Math.max(w.length, SHINGLE_WORDS) - SHINGLE_WORDS;
  for (let i = 0; i <= last; i++) {
    let h = 0x811c9dc5;
    for (let k = i; k < i + SHINGLE_WORDS && k < w.length; k++) h = fnvMore(k > i ? fnvMore(h, ' ') : h, w[k]!);
    each(h >>> 0);
  }
}

/** The hashed word 3-shingles of a text (lower-cased, NFKC). */
export function shingles(text: string): Set<number> {
  const out = new Set<number>();
  eachShingle(text, (h) => out.add(h));
  return out;
}

/**
 * A MinHash signature of a text's word 3-shingles: similar texts get similar signatures. Signatures are
 * stored (session_signatures), so the hash family must never change; the loop is written out for speed.
 */
export function minhashSignature(text: string): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  eachShingle(text, (shingle) => {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      let v = (Math.imul(shingle, seedA[i]!) + seedB[i]!) >>> 0;
      v ^= v >>> 16;
      v = Math.imul(v, 0x85ebca6b);
      v ^= v >>> 13;
      v = Math.imul(v, 0xc2b2ae35);
      v ^= v >>> 16;
      v >>>= 0;
      if (v < sig[i]!) sig[i] = v;
    }
  });
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
