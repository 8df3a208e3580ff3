// Seeded randomness for surrogates: the same seed and input always give the same output, so a
// re-run of an export is byte-identical and a reviewer can reproduce what they saw.
import { hash32, keyedRandom } from '../util/random';

export { hash32 };

/** A generator of floats in [0, 1) fixed by its key (mulberry32). */
export const seededRandom = keyedRandom;

export const pickIndex = (random: () => number, length: number): number => Math.floor(random() * length);
