// Seeded randomness for surrogates: the same seed and input always give the same output, so a
// re-run of an export is byte-identical and a reviewer can reproduce what they saw.
import { fmix32, fnv1a } from '../util/hash';

/** 32-bit string hash (FNV-1a, then a murmur-style finaliser to spread close inputs apart). */
export function hash32(text: string): number {
  return fmix32(fnv1a(text));
}

/** A generator of floats in [0, 1) fixed by its key (mulberry32). */
export function seededRandom(...key: string[]): () => number {
  let state = hash32(key.join('\u0000'));
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pickIndex = (random: () => number, length: number): number => Math.floor(random() * length);
