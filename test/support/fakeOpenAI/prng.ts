/**
 * Seeded randomness so every fake answer, vector, loss curve and fault is repeatable: the same
 * request against a fresh server always gets the same bytes back.
 */

/** 32-bit FNV-1a; good enough to spread short strings over seeds. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Final avalanche so that inputs differing only in the last character still diverge widely.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashBytes(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return hash32(String(h));
}

export function hexId(seedText: string, length: number): string {
  let out = '';
  let round = 0;
  while (out.length < length) out += hash32(`${seedText}#${round++}`).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  /** Roughly standard normal (sum of uniforms), enough for noise on a curve. */
  normal(): number;
}

/** mulberry32: tiny, fast, and identical on every platform. */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    normal: () => next() + next() + next() + next() + next() + next() - 3,
  };
}

export function prngFor(...parts: unknown[]): Prng {
  return createPrng(hash32(JSON.stringify(parts)));
}
