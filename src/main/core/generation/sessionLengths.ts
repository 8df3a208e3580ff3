import { z } from 'zod';
import { seededRandom } from './quota';

export const lengthMixSchema = z.object({
  short: z.number().min(0).default(1),
  medium: z.number().min(0).default(2),
  long: z.number().min(0).default(1),
});
export type LengthMix = z.infer<typeof lengthMixSchema>;

/** Turn ranges per length; the mix says how often each is drawn. */
export const lengthRanges = { short: [6, 10], medium: [12, 20], long: [22, 34] } as const;

/** Seeded target turn counts (even, so the counselor speaks last) following the chosen mix. */
export function targetTurns(mix: LengthMix, count: number, seed: number): number[] {
  const random = seededRandom(seed);
  const entries = (Object.keys(lengthRanges) as (keyof typeof lengthRanges)[]).filter((k) => mix[k] > 0);
  const total = entries.reduce((s, k) => s + mix[k], 0);
  if (total === 0) throw new Error('Choose at least one session length.');
  return Array.from({ length: count }, () => {
    let r = random() * total;
    const kind = entries.find((k) => (r -= mix[k]) < 0) ?? entries[entries.length - 1]!;
    const [lo, hi] = lengthRanges[kind];
    return 2 * Math.round((lo + random() * (hi - lo)) / 2);
  });
}
