import type { ModelPrice } from '../../../shared/domain/model';

/**
 * The price row for a model id: an exact match, else the longest listed name the id starts with at a
 * `-` or `:` boundary, so dated snapshots (`gpt-4o-mini-2024-07-18`) and fine-tunes
 * (`ft:gpt-4o-mini-2024-07-18:org::id`) find their family's price.
 */
export function findPrice(model: string, prices: readonly ModelPrice[]): ModelPrice | null {
  let best: ModelPrice | null = null;
  for (const p of prices) {
    if (p.model === model) return p;
    const boundary = model.charAt(p.model.length);
    if (model.startsWith(p.model) && (boundary === '-' || boundary === ':') && (!best || p.model.length > best.model.length)) best = p;
  }
  return best;
}

export interface TokenUsage {
  tokensIn: number | null;
  tokensOut: number | null;
  tokensCached: number | null;
}

/** USD for one call, or null when the price or the usage is unknown (never a guessed zero). */
export function costOf(usage: TokenUsage, price: ModelPrice | null): number | null {
  if (!price || usage.tokensIn === null || usage.tokensOut === null) return null;
  const cached = usage.tokensCached ?? 0;
  const cachedRate = price.cachedInputPerM ?? price.inputPerM;
  return ((usage.tokensIn - cached) * price.inputPerM + cached * cachedRate + usage.tokensOut * price.outputPerM) / 1_000_000;
}
