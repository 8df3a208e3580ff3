import { z } from 'zod';
import { createPrng, type Prng } from './prng';
import type { FaultRule, RouteName } from './types';

export const faultRuleSchema = z.strictObject({
  route: z.enum(['chat', 'models', 'embeddings', 'files', 'fine_tuning', 'batches', 'audio', '*']),
  kind: z.enum(['status429', 'status500', 'status503', 'drop', 'malformedJson', 'truncatedStream', 'slow', 'noAnswer']),
  times: z.number().int().positive().optional(),
  every: z.number().int().positive().optional(),
  probability: z.number().min(0).max(1).optional(),
  retryAfterMs: z.number().nonnegative().optional(),
  delayMs: z.number().nonnegative().optional(),
});

interface ActiveRule {
  rule: FaultRule;
  seen: number;
  applied: number;
  prng: Prng;
}

/**
 * Decides which requests fail. Rules are tried in the order they were added and the first that
 * fires wins, so later rules neither fire nor count that request. Everything is counted, and
 * probabilities come from a PRNG seeded per rule, so a test run is repeatable.
 */
export class FaultEngine {
  private rules: ActiveRule[] = [];
  private added = 0;

  constructor(private readonly seed: number) {}

  add(input: FaultRule): void {
    const rule = faultRuleSchema.parse(input);
    this.rules.push({ rule, seen: 0, applied: 0, prng: createPrng(this.seed * 7919 + this.added++) });
  }

  clear(): void {
    this.rules = [];
  }

  /** Called once per API request; returns the rule to apply, if any. */
  take(route: RouteName): FaultRule | null {
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.route !== '*' && rule.route !== route) continue;
      active.seen++;
      let fires = true;
      if (rule.every !== undefined) fires = active.seen % rule.every === 0;
      else if (rule.probability !== undefined) fires = active.prng.next() < rule.probability;
      if (!fires) continue;
      active.applied++;
      if (rule.times !== undefined && active.applied >= rule.times) {
        this.rules = this.rules.filter((r) => r !== active);
      }
      return rule;
    }
    return null;
  }
}

export function routeOf(path: string): RouteName {
  if (path.startsWith('/__admin/')) return 'admin';
  const m = /^\/v1\/([a-z_]+)/.exec(path);
  switch (m?.[1]) {
    case 'chat':
      return 'chat';
    case 'models':
      return 'models';
    case 'embeddings':
      return 'embeddings';
    case 'files':
      return 'files';
    case 'fine_tuning':
      return 'fine_tuning';
    case 'batches':
      return 'batches';
    case 'audio':
      return 'audio';
    default:
      return 'other';
  }
}
