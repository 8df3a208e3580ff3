import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { importFormats, speakerRoles, type ImportFormat, type SpeakerRole } from '../../shared/domain/importing';
import type { FileImportReport } from '../../shared/domain/importing';
import { sessionSources, sessionStatuses, type SessionSource, type SessionStatus } from '../../shared/domain/session';
import type { CommandContext, CommandOutput } from './commands';
import { keyValues, table } from './format';
import { waitForJob } from './jobWait';
import { redactPolicy } from './redactionCommands';
import { UsageError } from './usage';

const list = (value: string | boolean | string[] | undefined): string[] => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []);

function oneOf<T extends string>(value: unknown, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new UsageError(`--${flag} must be one of: ${allowed.join(', ')}.`);
  return value as T;
}

/** Files named on the command line, with folders expanded to the files inside them (recursively). */
async function expandPaths(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const full = resolve(p);
    const info = await stat(full).catch(() => null);
    if (!info) throw new Error(`${p} does not exist.`);
    if (info.isDirectory()) {
      const entries = await readdir(full, { recursive: true, withFileTypes: true });
      out.push(...entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => join(e.parentPath, e.name)).sort());
    } else out.push(full);
  }
  return out;
}

function parseMappings(values: string[]): Record<string, SpeakerRole> {
  const roles: Record<string, SpeakerRole> = {};
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const speaker = value.slice(0, at).trim();
    const role = value.slice(at + 1).trim();
    if (at <= 0 || !speakerRoles.includes(role as SpeakerRole)) throw new UsageError(`--map takes speaker=role with role one of ${speakerRoles.join(', ')} (got "${value}").`);
    roles[speaker] = role as SpeakerRole;
  }
  return roles;
}

const reportLine = (r: FileImportReport) =>
  `${r.name}: ${r.imported} imported${r.skipped.length ? `, ${r.skipped.length} skipped` : ''}${r.nearDuplicates.length ? `, ${r.nearDuplicates.length} near-duplicates` : ''}${r.problems.length ? `, ${r.problems.length} problems` : ''}`;

export const sessionCommands: Record<string, (ctx: CommandContext) => Promise<CommandOutput>> = {
  'import': async (ctx) => {
    const files = ctx.args;
    if (files.length === 0) throw new UsageError('Name the files or folders to import.');
    const paths = await expandPaths(files);
    const job = await ctx.client.api.imports.start({
      paths,
      format: oneOf<ImportFormat>(ctx.options.format, importFormats, 'format'),
      roles: parseMappings(list(ctx.options.map)),
      redaction: redactPolicy(ctx.options.redact),
      tags: list(ctx.options.tag),
    });
    const done = await waitForJob(ctx, job);
    const result = (done.result ?? {}) as { reports?: FileImportReport[]; failedFiles?: { path: string; error: string }[]; imported?: number };
    const lines = [...(result.reports ?? []).map(reportLine), ...(result.failedFiles ?? []).map((f) => `${f.path}: not imported: ${f.error}`)];
    if (done.status !== 'succeeded' || (result.failedFiles?.length ?? 0) > 0) {
      const error = new Error(lines.join('\n') || done.message || `The import ${done.status}.`);
      if ((result.imported ?? 0) === 0) throw error;
    }
    return { data: done, text: `${lines.join('\n')}\n${result.imported ?? 0} sessions imported.` };
  },

  'sessions list': async (ctx) => {
    const page = await ctx.client.api.sessions.list({
      search: typeof ctx.options.search === 'string' ? ctx.options.search : undefined,
      status: oneOf<SessionStatus>(ctx.options.status, sessionStatuses, 'status'),
      source: oneOf<SessionSource>(ctx.options.source, sessionSources, 'source'),
      tag: list(ctx.options.tag)[0],
      pendingDetails: ctx.options['pending-details'] ? true : undefined,
      limit: ctx.options.limit ? Number(ctx.options.limit) : 50,
    });
    const rows = page.rows.map((s) => ({ id: s.id, status: s.status, source: s.source, turns: s.turnCount, tokens: s.tokenCount, title: s.title }));
    return { data: page, text: `${table(rows, ['id', 'status', 'source', 'turns', 'tokens', 'title'])}\n${page.rows.length} of ${page.total} sessions` };
  },

  'sessions show': async (ctx) => {
    const id = ctx.args[0];
    if (!id) throw new UsageError('Missing the session id (see: sessions list).');
    const s = await ctx.client.api.sessions.get({ id });
    const head = keyValues({ id: s.id, title: s.title, status: s.status, source: s.source, tags: s.tags.join(', '), turns: s.turnCount, tokens: s.tokenCount, from: s.originFile });
    const turns = s.turns.map((t) => `${t.role === 'user' ? 'Client' : t.role === 'assistant' ? 'Counselor' : 'System'}: ${t.text}`).join('\n');
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
