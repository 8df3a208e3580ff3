import type { DatasetSpec } from '../../../shared/api/datasets';
import { mulberry32, shuffled } from '../util/random';

/** A session that passed the filters, as sampling sees it. */
export interface Candidate {
  sessionId: string;
  source: 'real' | 'synthetic';
  /** The taxonomy labels (distortions) it was written or tagged for; empty for most real transcripts. */
  labels: string[];
}

export interface Chosen extends Candidate {
  split: 'train' | 'validation';
}

export interface Composition {
  chosen: Chosen[];
  /** Why fewer were taken than asked for; null when the request was met. */
  shortfall: string | null;
}

/** The stratum a candidate is sampled in: its source and its first label, so every label keeps its share. */
const stratumOf = (c: Candidate) => `${c.source}\u0000${c.labels[0] ?? ''}`;

/**
 * Splits `n` over groups in proportion to their sizes (largest remainder), so a sample keeps the
 * mix of labels the pool has instead of whichever label happens to come first.
 */
export function proportional(sizes: number[], n: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total === 0 || n <= 0) return sizes.map(() => 0);
  const exact = sizes.map((s) => (s * Math.min(n, total)) / total);
  const counts = exact.map(Math.floor);
  let left = Math.min(n, total) - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    if (counts[i]! < sizes[i]!) {
      counts[i]!++;
      left--;
    }
  }
  return counts;
}

/** Groups candidates by stratum, in a stable order (sorted keys), each group shuffled with the seed. */
function strata(pool: Candidate[], random: () => number): Candidate[][] {
  const groups = new Map<string, Candidate[]>();
  for (const c of pool) {
    const key = stratumOf(c);
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.keys()].sort().map((k) => shuffled(groups.get(k)!, random));
}

/** Takes `n` from a pool, stratified by label. */
function sample(pool: Candidate[], n: number, random: () => number): Candidate[] {
  const groups = strata(pool, random);
  const counts = proportional(
    groups.map((g) => g.length),
    n,
  );
  return groups.flatMap((g, i) => g.slice(0, counts[i]));
}

/** How many real and synthetic examples the mix asks for, within what the pools hold. */
function targets(spec: DatasetSpec, real: number, synthetic: number): { real: number; synthetic: number; shortfall: string | null } {
  if (spec.mix === 'real-only') {
    const want = spec.total ?? real;
    return {
      real: Math.min(want, real),
      synthetic: 0,
      shortfall: want > real ? `Asked for ${want} real sessions; the filters let ${real} in.` : null,
    };
  }
  if (spec.mix === 'synthetic-only') {
    const want = spec.total ?? synthetic;
    return {
      real: 0,
      synthetic: Math.min(want, synthetic),
      shortfall: want > synthetic ? `Asked for ${want} synthetic sessions; the filters let ${synthetic} in.` : null,
    };
  }
  const share = spec.syntheticShare;
  // The largest total that keeps the ratio with what the pools hold.
  const possible = Math.floor(Math.min(share < 1 ? real / (1 - share) : Infinity, share > 0 ? synthetic / share : Infinity));
  const total = spec.total === null ? possible : Math.min(spec.total, possible);
  const syn = Math.round(total * share);
  const shortfall =
    spec.total !== null && spec.total > possible
      ? `Asked for ${spec.total} at ${Math.round(share * 100)}% synthetic; the filters let in ${real} real and ${synthetic} synthetic sessions, enough for ${possible} at that ratio.`
      : null;
  return { real: total - syn, synthetic: syn, shortfall };
}

/**
 * Chooses the examples for a spec: seeded, stratified by source and label, then split into train and
 * validation within each stratum so both splits keep the same mix.
 */
export function compose(pool: Candidate[], spec: DatasetSpec): Composition {
  const random = mulberry32(spec.seed);
  const real = pool.filter((c) => c.source === 'real');
  const synthetic = pool.filter((c) => c.source === 'synthetic');
  const want = targets(spec, real.length, synthetic.length);
  const picked = [...sample(real, want.real, random), ...sample(synthetic, want.synthetic, random)];
  const groups = strata(picked, random);
  // The validation share is met overall, then spread over the strata like the sample itself.
  const validation = proportional(
    groups.map((g) => g.length),
    Math.round(picked.length * spec.validationShare),
  );
  const chosen: Chosen[] = groups.flatMap((group, g) =>
    group.map((c, i): Chosen => ({ ...c, split: i < validation[g]! ? 'validation' : 'train' })),
  );
  return { chosen, shortfall: want.shortfall };
}
