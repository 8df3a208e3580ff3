import type { CommandContext, CommandOutput } from './commands';
import { keyValues, table } from './format';
import { str } from './options';
import { UsageError } from './usage';

const redactPolicies = ['review', 'apply', 'off'] as const;
export type RedactPolicy = (typeof redactPolicies)[number];

/**
 * `--redact` takes an optional policy: `--redact review`, `--redact=off`, and a bare `--redact`
 * (followed by a file or nothing) meaning `apply`, as it always has. Rewritten before parsing so
 * the argument parser can read it as a plain string option and never swallow a file name.
 */
export function normalizeRedactFlag(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a !== '--redact') out.push(a);
    else if (redactPolicies.includes(argv[i + 1] as RedactPolicy)) out.push(`--redact=${argv[++i]}`);
    else out.push('--redact=apply');
  }
  return out;
}

export function redactPolicy(value: unknown): RedactPolicy {
  if (value === undefined) return 'off';
  if (typeof value !== 'string' || !redactPolicies.includes(value as RedactPolicy))
    throw new UsageError(`--redact must be one of: ${redactPolicies.join(', ')} (a bare --redact is apply).`);
  return value as RedactPolicy;
}

async function decide(ctx: CommandContext, decision: 'accepted' | 'rejected'): Promise<CommandOutput> {
  const entity = str(ctx, 'entity');
  if (!entity) throw new UsageError('Missing --entity "Name" (the detected detail to decide on; see: redaction list).');
  const r = await ctx.client.api.redaction.decideEntity({ entity, decision });
  if (r.sessions === 0) throw new Error(`No session awaiting review has “${entity}” among its detected details (see: redaction list).`);
  const verb = decision === 'accepted' ? 'Replaced' : 'Kept';
  return {
    data: r,
    text: `${verb} “${entity}” in ${r.places} places of ${r.sessions} sessions; ${r.cleared} sessions cleared, ${r.stillPending} still await review.`,
  };
}

export const redactionCommands: Record<string, (ctx: CommandContext) => Promise<CommandOutput>> = {
  'redaction list': async (ctx) => {
    const r = await ctx.client.api.redaction.entities({ search: str(ctx, 'search') });
    const rows = r.entities.map((e) => ({ detail: e.label, kind: e.kind, sessions: e.sessions, places: e.places }));
    return {
      data: r,
      text: `${table(rows, ['detail', 'kind', 'sessions', 'places'])}\n${keyValues({ 'sessions awaiting review': r.pendingSessions })}`,
    };
  },
  'redaction accept': (ctx) => decide(ctx, 'accepted'),
  'redaction reject': (ctx) => decide(ctx, 'rejected'),
};
