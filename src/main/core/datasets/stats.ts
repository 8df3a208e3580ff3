import { max, mean } from 'simple-statistics';
import type { DatasetStats, Histogram, LeakagePair } from '../../../shared/api/datasets';

export interface ExampleFacts {
  split: 'train' | 'validation';
  source: 'real' | 'synthetic';
  labels: string[];
  tokens: number;
  turns: number;
}

/**
 * Equal-width bins over whole numbers (token and turn counts): at most `bins` bins, each at least 1
 * wide, so a small dataset is not drawn as a comb of empty bars.
 */
export function histogram(values: number[], bins = 20): Histogram {
  if (values.length === 0) return { edges: [], counts: [] };
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const width = Math.max(1, Math.ceil((hi - lo + 1) / bins));
  const n = Math.max(1, Math.ceil((hi - lo + 1) / width));
  const counts = new Array<number>(n).fill(0);
  for (const v of values) counts[Math.min(n - 1, Math.floor((v - lo) / width))]!++;
  return { edges: Array.from({ length: n + 1 }, (_, i) => lo + i * width), counts };
}

export function datasetStats(examples: ExampleFacts[], shortfall: string | null, leakage: LeakagePair[]): DatasetStats {
  const tokens = examples.map((e) => e.tokens);
  const labels = new Map<string, number>();
  for (const e of examples) for (const l of e.labels) labels.set(l, (labels.get(l) ?? 0) + 1);
  return {
    examples: examples.length,
    train: examples.filter((e) => e.split === 'train').length,
    validation: examples.filter((e) => e.split === 'validation').length,
    bySource: {
      real: examples.filter((e) => e.source === 'real').length,
      synthetic: examples.filter((e) => e.source === 'synthetic').length,
    },
    tokens: { total: tokens.reduce((a, b) => a + b, 0), mean: tokens.length ? mean(tokens) : 0, max: tokens.length ? max(tokens) : 0 },
    turnsHistogram: histogram(examples.map((e) => e.turns)),
    tokensHistogram: histogram(tokens),
    labels: [...labels].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
    shortfall,
    leakage,
  };
}
