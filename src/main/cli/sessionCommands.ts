import { resolve } from 'node:path';
import { sessionSources, sessionStatuses, type SessionSource, type SessionStatus } from '../../shared/domain/session';
import type { CommandContext, CommandOutput } from './commands';
import { keyValues } from './format';
import { UsageError } from './usage';

const list = (value: string | boolean | string[] | undefined): string[] =>
  Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];

function oneOf<T extends string>(value: unknown, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new UsageError(`--${flag} must be one of: ${allowed.join(', ')}.`);
  return value as T;
}

export const sessionCommands: Record<string, (ctx: CommandContext) => Promise<CommandOutput>> = {
  'sessions show': async (ctx) => {
    const id = ctx.args[0];
    if (!id) throw new UsageError('Missing the session id (see: sessions list).');
    const s = await ctx.client.api.sessions.get({ id });
    const head = keyValues({
      id: s.id,
      title: s.title,
      status: s.status,
      source: s.source,
      tags: s.tags.join(', '),
      turns: s.turnCount,
      tokens: s.tokenCount,
      from: s.originFile,
    });
    const turns = s.turns
      .map((t) => `${t.role === 'user' ? 'Client' : t.role === 'assistant' ? 'Counselor' : 'System'}: ${t.text}`)
      .join('\n');
    return { data: s, text: `${head}\n\n${turns}` };
  },

  'sessions export': async (ctx) => {
    const out = typeof ctx.options.out === 'string' ? resolve(ctx.options.out) : null;
    if (!out) throw new UsageError('Missing --out FILE (the OpenAI chat JSONL file to write).');
    const done = await ctx.client.api.sessions.export({
      out,
      status: oneOf<SessionStatus>(ctx.options.status, sessionStatuses, 'status'),
      source: oneOf<SessionSource>(ctx.options.source, sessionSources, 'source'),
      tag: list(ctx.options.tag)[0],
    });
    const withheld = done.withheldForDetails
      ? `\n${done.withheldForDetails} session${done.withheldForDetails === 1 ? '' : 's'} left out: personal details await review (see: sessions list --pending-details).`
      : '';
    return { data: done, text: `Wrote ${done.sessions} sessions to ${out}${withheld}` };
  },
};
