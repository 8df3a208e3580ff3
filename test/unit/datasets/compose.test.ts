import { describe, expect, it } from 'vitest';
import { defaultDatasetSpec, type DatasetSpec } from '../../../src/shared/api/datasets';
import { compose, proportional, type Candidate } from '../../../src/main/core/datasets/compose';
import { findLeakage } from '../../../src/main/core/datasets/leakage';
import { minhashSignature } from '../../../src/main/core/sessions/minhash';
import { histogram } from '../../../src/main/core/datasets/stats';
import { diffVersions } from '../../../src/main/core/datasets/diff';

const pool = (real: number, synthetic: number, labels = ['mind-reading', 'labeling']): Candidate[] => [
  ...Array.from({ length: real }, (_, i): Candidate => ({ sessionId: `r${i}`, source: 'real', labels: [] })),
  ...Array.from({ length: synthetic }, (_, i): Candidate => ({
    sessionId: `s${i}`,
    source: 'synthetic',
    labels: [labels[i % labels.length]!],
  })),
];
const spec = (over: Partial<DatasetSpec>): DatasetSpec => ({ ...defaultDatasetSpec, ...over });

describe('proportional allocation (largest remainder)', () => {
  it('splits exactly and keeps the proportions', () => {
    expect(proportional([50, 30, 20], 10)).toEqual([5, 3, 2]);
    expect(proportional([1, 1, 1], 2)).toEqual([1, 1, 0]);
    expect(proportional([3, 0, 7], 5)).toEqual([2, 0, 3]);
    expect(proportional([2, 2], 10)).toEqual([2, 2]); // never more than a group has
    expect(proportional([], 3)).toEqual([]);
  });
});

describe('composing a dataset', () => {
  it('takes the hybrid ratio exactly and splits every stratum', () => {
    const { chosen, shortfall } = compose(pool(100, 60), spec({ mix: 'hybrid', syntheticShare: 0.25, total: 40, validationShare: 0.25 }));
    expect(shortfall).toBeNull();
    expect(chosen.filter((c) => c.source === 'synthetic')).toHaveLength(10);
    expect(chosen.filter((c) => c.source === 'real')).toHaveLength(30);
    expect(chosen.filter((c) => c.split === 'validation')).toHaveLength(10);
    // Stratified: both labels of the synthetic half are present in the sample, 5 each.
    const labels = chosen.filter((c) => c.source === 'synthetic').map((c) => c.labels[0]);
    expect(labels.filter((l) => l === 'mind-reading')).toHaveLength(5);
    expect(new Set(chosen.map((c) => c.sessionId)).size).toBe(40);
  });

  it('says why it took fewer than asked, and keeps the ratio', () => {
    const { chosen, shortfall } = compose(pool(100, 6), spec({ mix: 'hybrid', syntheticShare: 0.5, total: 40 }));
    expect(chosen).toHaveLength(12);
    expect(shortfall).toMatch(/100 real and 6 synthetic.*enough for 12/);
    expect(compose(pool(5, 0), spec({ mix: 'real-only', total: 9 })).shortfall).toMatch(/Asked for 9 real sessions; the filters let 5 in/);
  });

  it('is the same for the same seed and different for another', () => {
    const a = compose(pool(200, 0), spec({ mix: 'real-only', total: 20, seed: 11 })).chosen.map((c) => c.sessionId);
    const b = compose(pool(200, 0), spec({ mix: 'real-only', total: 20, seed: 11 })).chosen.map((c) => c.sessionId);
    const c = compose(pool(200, 0), spec({ mix: 'real-only', total: 20, seed: 12 })).chosen.map((c) => c.sessionId);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});

describe('the leakage check', () => {
  const text =
    'I keep thinking everyone at work sees me as a failure and that my manager is about to let me go any day now because of one mistake';
  it('pairs near-duplicates on different sides of the split, and only those', () => {
    const pairs = findLeakage([
      { sessionId: 'a', title: 'A', split: 'train', signature: minhashSignature(text) },
      { sessionId: 'b', title: 'B', split: 'validation', signature: minhashSignature(`${text}.`) },
      { sessionId: 'c', title: 'C', split: 'train', signature: minhashSignature(text) },
      {
        sessionId: 'd',
        title: 'D',
        split: 'validation',
        signature: minhashSignature(
          'A completely different conversation about sleep, evenings, and the habit of checking the phone late at night before bed.',
        ),
      },
    ]);
    expect(pairs.map((p) => [p.a.sessionId, p.b.sessionId].sort().join())).toEqual(['a,b', 'b,c']);
    expect(pairs.every((p) => p.similarity >= 0.8)).toBe(true);
  });
});

describe('statistics', () => {
  it('bins whole numbers in equal widths that cover every value', () => {
    expect(histogram([2, 2, 3, 9])).toEqual({ edges: [2, 3, 4, 5, 6, 7, 8, 9, 10], counts: [2, 1, 0, 0, 0, 0, 0, 1] });
    const wide = histogram(Array.from({ length: 1000 }, (_, i) => i));
    expect(wide.counts).toHaveLength(20);
    expect(wide.counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(histogram([])).toEqual({ edges: [], counts: [] });
  });

  it('diffs versions by session: added, removed, edited, moved', () => {
    const from = new Map([
      ['1', { title: 'One', split: 'train', contentHash: 'h1' }],
      ['2', { title: 'Two', split: 'train', contentHash: 'h2' }],
      ['3', { title: 'Three', split: 'validation', contentHash: 'h3' }],
    ]);
    const to = new Map([
      ['1', { title: 'One', split: 'train', contentHash: 'h1' }],
      ['2', { title: 'Two', split: 'validation', contentHash: 'h2b' }],
      ['4', { title: 'Four', split: 'train', contentHash: 'h4' }],
    ]);
    expect(diffVersions(from, to)).toEqual({
      added: [{ sessionId: '4', title: 'Four', split: 'train' }],
      removed: [{ sessionId: '3', title: 'Three', split: 'validation' }],
      changed: [{ sessionId: '2', title: 'Two', what: 'content edited, moved from train to validation' }],
      unchanged: 1,
    });
  });
});
