/** 64 hash functions in 16 bands of 4: pairs above ~0.8 Jaccard similarity share a band with high probability. */
export const SIGNATURE_SIZE = 64;
export const BANDS = 16;
export const ROWS = SIGNATURE_SIZE / BANDS;
const SHINGLE_WORDS = 3;

const seedA = new Uint32Array(SIGNATURE_SIZE);
const seedB = new Uint32Array(SIGNATURE_SIZE);
let seeded = false;

/** The hash family's seeds, made on the first signature: loading node:crypto is wasted on a command that never makes one. */
function seed(): void {
  if (seeded) return;
  const { createHash } = process.getBuiltinModule('node:crypto');
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    const h = createHash('sha256').update(`hds-minhash-${i}`).digest();
    seedA[i] = (h.readUInt32BE(0) | 1) >>> 0;
    seedB[i] = h.readUInt32BE(4);
  }
  seeded = true;
}

/** A word is a run of letters, digits and apostrophes (the text lower-cased and NFKC-normalised first). */
const WORD_POINT = /^[\p{L}\p{N}']$/u;
/** Whether each UTF-16 unit below 0x10000 is a word character: 0 not yet known, 1 no, 2 yes. */
const bmpWord = new Uint8Array(0x10000);

function isWordPoint(cp: number): boolean {
  if (cp >= 0x10000) return WORD_POINT.test(String.fromCodePoint(cp));
  let known = bmpWord[cp]!;
  if (known === 0) bmpWord[cp] = known = WORD_POINT.test(String.fromCharCode(cp)) ? 2 : 1;
  return known === 2;
}

/**
 * The start and end offsets of every word, scanned code point by code point: the same words as
 * splitting on /[^\p{L}\p{N}']+/u, without the regex split and a string per word, which were most of
 * an import's CPU time.
 */
function wordBounds(text: string): number[] {
  const bounds: number[] = [];
  let start = -1;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const width = cp >= 0x10000 ? 2 : 1;
    if (isWordPoint(cp)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      bounds.push(start, i);
      start = -1;
    }
    i += width;
  }
  if (start >= 0) bounds.push(start, text.length);
  return bounds;
}

/** FNV-1a continued over text[from, to): hashing "a", " ", "b" in turn equals hashing "a b", without building it. */
function fnvMore(h: number, text: string, from = 0, to = text.length): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Calls `each` with the hash of every word 3-shingle, repeats included (a text shorter than three words is one shingle). */
function eachShingle(text: string, each: (hash: number) => void): void {
  const normal = text.toLowerCase().normalize('NFKC');
  const bounds = wordBounds(normal);
  const count = bounds.length / 2;
  const last = Math.max(count, SHINGLE_WORDS) - SHINGLE_WORDS;
  for (let i = 0; i <= last; i++) {
    let h = 0x811c9dc5;
    for (let k = i; k < i + SHINGLE_WORDS && k < count; k++)
      h = fnvMore(k > i ? fnvMore(h, ' ') : h, normal, bounds[2 * k], bounds[2 * k + 1]);
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
  seed();
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

/** A session's text as its signature sees it: the turns' texts, one per line (speakers left out). */
export function sessionText(turns: readonly { text: string }[]): string {
  return turns.map((t) => t.text).join('\n');
}

/** The signature of a session's turns; the library, import checks and dataset freezing must agree on it byte for byte. */
export function sessionSignature(turns: readonly { text: string }[]): Uint32Array {
  return minhashSignature(sessionText(turns));
}

/** Estimated Jaccard similarity: the share of positions where the two signatures agree. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

/**
 * Locality-sensitive hashing keys: candidates for near-duplicates share at least one band. A key is
 * "band:v1.v2.v3.v4" (stored in session_bands, so the format must never change); written out, since
 * building arrays to join them cost more than hashing during an import.
 */
export function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = new Array<string>(BANDS);
  for (let band = 0, at = 0; band < BANDS; band++, at += ROWS)
    keys[band] = `${band}:${sig[at]!}.${sig[at + 1]!}.${sig[at + 2]!}.${sig[at + 3]!}`;
  return keys;
}
