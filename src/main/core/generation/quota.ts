import type { DomainPack } from '../../../shared/domain/domainPack';
import { mulberry32 } from '../util/random';
import type { PersonaCell } from './personaCell';

export interface QuotaPlan {
  /** Chosen values per covered dimension; every combination is a cell that gets its share. */
  distortions: string[];
  styles: string[];
  ageBands?: string[] | undefined;
}

/** A small seeded PRNG: the same plan and seed always sample the same personas. */
export const seededRandom = mulberry32;

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/**
 * Spreads `count` personas over every combination of the chosen distortions × styles (× age bands) as
 * evenly as possible, so the cells asked for are covered before any gets a second persona. The other
 * attributes are drawn from the pack with the seed. Risk stays "none" unless the plan asks otherwise,
 * because risky material must be generated on purpose.
 */
export function planPersonaCells(
  pack: DomainPack,
  plan: QuotaPlan,
  count: number,
  seed: number,
  riskLevels: string[] = ['none'],
): PersonaCell[] {
  const ageBands = plan.ageBands?.length ? plan.ageBands : pack.ageBands;
  const coverAges = Boolean(plan.ageBands?.length);
  const cells: { distortion: string; style: string; ageBand: string | null }[] = [];
  for (const distortion of plan.distortions) {
    for (const style of plan.styles) {
      if (coverAges) for (const ageBand of ageBands) cells.push({ distortion, style, ageBand });
      else cells.push({ distortion, style, ageBand: null });
    }
  }
  const random = seededRandom(seed);
  // Visit cells in a seeded order so a count smaller than the grid still spreads across it.
  const order = cells
    .map((c) => ({ c, k: random() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.c);
  return Array.from({ length: count }, (_, i) => {
    const cell = order[i % order.length]!;
    const second =
      random() < 0.35
        ? pick(
            random,
            plan.distortions.filter((d) => d !== cell.distortion),
          )
        : undefined;
    return {
      distortions: second ? [cell.distortion, second] : [cell.distortion],
      style: cell.style,
      ageBand: cell.ageBand ?? pick(random, ageBands),
      presentingProblem: pick(random, pack.presentingProblems).id,
      severity: pick(random, pack.severities).id,
      riskLevel: pick(random, riskLevels),
    };
  });
}

/** Counts per covered cell, including the empty ones: the gaps are the point of the view. */
export function coverage(plan: QuotaPlan, cells: readonly PersonaCell[]): { distortion: string; style: string; count: number }[] {
  return plan.distortions.flatMap((distortion) =>
    plan.styles.map((style) => ({
      distortion,
      style,
      count: cells.filter((c) => c.distortions.includes(distortion) && c.style === style).length,
    })),
  );
}
