import { describe, expect, it } from 'vitest';
import type { LeakagePair } from '../../../src/shared/api/datasets';
import { findLeakage, type LeakageItem } from '../../../src/main/core/datasets/leakage';
import { bandKeys, SIGNATURE_SIZE, similarity } from '../../../src/main/core/sessions/minhash';
import { prng } from '../../support/sessionRows';

/** The leakage check as first written (string band keys, a set of pairs seen): the reference the fast one must match. */
function reference(items: readonly LeakageItem[], threshold = 0.8): LeakagePair[] {
  const buckets = new Map<string, number[]>();
  const seen = new Set<string>();
  const pairs: LeakagePair[] = [];
  const pick = (i: LeakageItem) => ({ sessionId: i.sessionId, title: i.title, split: i.split });
  items.forEach((item, i) => {
    for (const key of bandKeys(item.signature)) {
      const bucket = buckets.get(key);
      if (!bucket) {
        buckets.set(key, [i]);
        continue;
      }
      for (const j of bucket) {
        const other = items[j]!;
        if (other.split === item.split || other.sessionId === item.sessionId) continue;
        const id = `${j}:${i}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const s = similarity(item.signature, other.signature);
        if (s >= threshold && pairs.length < 200) pairs.push({ a: pick(other), b: pick(item), similarity: s });
      }
      bucket.push(i);
    }
  });
  return pairs.sort((x, y) => y.similarity - x.similarity);
}

/** Signatures drawn from a few values per position, so bands collide often and similarities spread around the threshold. */
function items(n: number, seed: number, values: number, splits: LeakageItem['split'][]): LeakageItem[] {
  const random = prng(seed);
  return Array.from({ length: n }, (_, i) => ({
    sessionId: `s${i % Math.floor(n * 0.97)}`,
    title: `Session ${i}`,
    split: splits[Math.floor(random() * splits.length)]!,
    signature: Uint32Array.from({ length: SIGNATURE_SIZE }, () => Math.floor(random() * values)),
  }));
}

describe('the fast leakage check', () => {
  it('finds exactly the pairs, in the order, that the first version found', () => {
    for (const [n, seed, values, splits] of [
      [400, 1, 2, ['train', 'validation']],
      [1500, 2, 3, ['train', 'validation']],
      [800, 3, 2, ['train', 'validation', 'evaluation']],
      [3000, 4, 40, ['train', 'validation']],
    ] as const) {
      const input = items(n, seed, values, [...splits]);
      // Near-copies of earlier items, so some pairs pass the threshold without every pair doing so.
      for (let i = 5; i < input.length; i += 7) input[i]!.signature = input[i - 5]!.signature.map((v, k) => (k % 9 === 0 ? v + 1 : v));
      const expected = reference(input);
      expect(findLeakage(input)).toEqual(expected);
      expect(findLeakage(input, 0.9)).toEqual(reference(input, 0.9));
    }
  });
});
