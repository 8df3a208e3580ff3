import type { ApiClient } from '../../shared/api';
import type { ProviderView } from '../../shared/domain/provider';
import type { CommandContext } from './command';
import { UsageError } from './usage';

/** Option readers shared by the commands: each says plainly what it expected. */

export const str = (ctx: CommandContext, name: string): string | undefined => {
  const v = ctx.options[name];
  return typeof v === 'string' ? v : undefined;
};

/** A repeatable, comma-separated option as a list. */
export const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? [value] : [])
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter(Boolean);

export function num(ctx: CommandContext, name: string, opts: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
  const raw = str(ctx, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const bounds =
    opts.min !== undefined && opts.max !== undefined
      ? ` between ${opts.min} and ${opts.max}`
      : opts.min !== undefined
        ? ` of at least ${opts.min}`
        : '';
  const what = opts.integer ? 'a whole number' : 'a number';
  if (
    raw.trim() === '' ||
    !Number.isFinite(value) ||
    (opts.integer && !Number.isInteger(value)) ||
    (opts.min !== undefined && value < opts.min) ||
    (opts.max !== undefined && value > opts.max)
  ) {
    throw new UsageError(`--${name} must be ${what}${bounds}, not "${raw}".`);
  }
  return value;
}

export function oneOf<T extends string>(ctx: CommandContext, name: string, allowed: readonly T[]): T | undefined {
  const raw = str(ctx, name);
  if (raw === undefined) return undefined;
  if (!allowed.includes(raw as T)) throw new UsageError(`--${name} must be one of: ${allowed.join(', ')} (got "${raw}").`);
  return raw as T;
}

export const arg = (ctx: CommandContext, index: number, what: string): string => {
  const value = ctx.args[index];
  if (!value) throw new UsageError(`Missing ${what}.`);
  return value;
};

export const sentenceList = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

/** A provider by id or name (case-insensitive), or a usage error listing the project's providers. */
export async function providerNamed(api: ApiClient, name: string): Promise<ProviderView> {
  const providers = await api.providers.list();
  const found = providers.find((p) => p.id === name) ?? providers.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (!found)
    throw new UsageError(
      providers.length
        ? `No provider named "${name}". Providers in this project: ${sentenceList(providers.map((p) => p.name))}.`
        : `No provider named "${name}": add one with: providers add`,
    );
  return found;
}
