// Seeded randomness (mulberry32): the same seed always gives the same sequence, so sampling,
// splits and surrogates can be reproduced by anyone holding the seed.
import { fmix32, fnv1a } from './hash';

/** A generator of floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit string hash (FNV-1a, then a murmur-style finaliser to spread close inputs apart). */
export function hash32(text: string): number {
  return fmix32(fnv1a(text));
}

/** A generator fixed by a key of strings rather than a number. */
export function keyedRandom(...key: string[]): () => number {
  return mulberry32(hash32(key.join('\u0000')));
}

/** A seeded Fisher–Yates shuffle into a new array. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
