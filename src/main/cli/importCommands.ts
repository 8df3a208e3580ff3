// `import` and `sessions list`: the CLI's way into the library and through it, at any size.
import { basename, resolve } from 'node:path';
import {
  importFormats,
  speakerRoles,
  type CsvMapping,
  type FileImportReport,
  type ImportFormat,
  type SpeakerRole,
  withoutFileName,
} from '../../shared/domain/importing';
import type { JobSummary } from '../../shared/domain/job';
import { sessionSources, sessionStatuses, type SessionSource, type SessionStatus, type SessionSummary } from '../../shared/domain/session';
import { listImportFiles, unsupportedExtension, type SkippedPath } from '../core/imports/importFiles';
import type { CommandContext, CommandOutput } from './commands';
import { table } from './format';
import { waitForJob } from './jobWait';
import { list, num, oneOf, str } from './options';
import { redactPolicy } from './redactionCommands';
import { UsageError } from './usage';

const repeated = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

function parseMappings(values: string[]): Record<string, SpeakerRole> {
  const roles: Record<string, SpeakerRole> = {};
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const speaker = value.slice(0, at).trim();
    const role = value.slice(at + 1).trim();
    if (at <= 0 || !speakerRoles.includes(role as SpeakerRole))
      throw new UsageError(`--map takes speaker=role with role one of ${speakerRoles.join(', ')} (got "${value}").`);
    roles[speaker] = role as SpeakerRole;
  }
  return roles;
}

// The CLI's names for the mapping's fields: "session" reads better than "transcriptId" on a command line.
const columnFields: Record<string, keyof Omit<CsvMapping, 'metadata' | 'annotations'>> = {
  session: 'transcriptId',
  transcript: 'transcriptId',
  speaker: 'speaker',
  text: 'text',
  order: 'order',
  timestamp: 'timestamp',
  time: 'timestamp',
};

/** `--columns session=conv_id,speaker=who,text=what,order=n` → a CSV column mapping. */
export function parseColumns(value: string | undefined): CsvMapping | undefined {
  if (value === undefined) return undefined;
  const mapping: Partial<CsvMapping> = {};
  for (const part of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = part.indexOf('=');
    const field = columnFields[part.slice(0, at).trim().toLowerCase()];
    const column = part.slice(at + 1).trim();
    if (at <= 0 || !field || column === '') {
      throw new UsageError(
        `--columns takes field=COLUMN pairs separated by commas, fields: ${Object.keys(columnFields).join(', ')} (got "${part}").`,
      );
    }
    mapping[field] = column;
  }
  if (!mapping.speaker || !mapping.text) throw new UsageError('--columns needs at least speaker=COLUMN and text=COLUMN.');
  return mapping as CsvMapping;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One file's outcome and every reason behind it, indented under the file. */
function reportLines(r: FileImportReport): string[] {
  const counts = [
    `${r.imported} imported`,
    r.skipped.length && `${r.skipped.length} skipped`,
    r.nearDuplicates.length && plural(r.nearDuplicates.length, 'near-duplicate'),
    r.problems.length && plural(r.problems.length, 'problem'),
  ].filter(Boolean);
  return [
    `${r.name}: ${counts.join(', ')}`,
    ...r.problems.map((p) => `  ${p.severity === 'error' ? 'error' : 'warning'}: ${p.message}`),
    ...r.skipped.map((s) => `  skipped "${s.title}": it ${s.reason}`),
    ...r.nearDuplicates.map((d) => `  near-duplicate: session ${d.sessionId} is ${Math.round(d.similarity * 100)}% like ${d.similarTo}`),
  ];
}

interface ImportResult {
  reports?: FileImportReport[];
  failedFiles?: { path: string; error: string | null }[];
  /** Files found in a folder that turned out not to be transcripts. */
  skippedFiles?: SkippedPath[];
  imported?: number;
}

async function importCommand(ctx: CommandContext): Promise<CommandOutput> {
  if (ctx.args.length === 0) throw new UsageError('Name the files or folders to import.');
  const { files, inFolders, skipped: listed } = await listImportFiles(ctx.args);
  // A path typed on the command line that is not there is a mistake to fix, not a file to pass over.
  const named = new Set(ctx.args.map((a) => resolve(a)));
  const missing = listed.filter((s) => named.has(s.path));
  const skipped = listed.filter((s) => !named.has(s.path));
  const skippedLines = [
    ...missing.map((s) => `${s.path}: not imported: it ${s.reason}; check the path`),
    ...skipped.map((s) => `${s.path}: skipped: it ${s.reason}`),
  ];
  if (files.length === 0) {
    const text = [...skippedLines, 'No transcript files to import.'].join('\n');
    return { data: { status: 'failed', files: 0, skippedPaths: skipped, missingPaths: missing }, text, exitCode: 1 };
  }
  const job = await ctx.client.api.imports.start({
    paths: files,
    format: oneOf<ImportFormat>(ctx, 'format', importFormats),
    csvMapping: parseColumns(str(ctx, 'columns')),
    roles: parseMappings(repeated(ctx.options.map)),
    redaction: redactPolicy(ctx.options.redact),
    tags: list(ctx.options.tag),
    ...(inFolders.length ? { fromFolders: inFolders } : {}),
  });
  const done: JobSummary = await waitForJob(ctx, job);
  const result = (done.result ?? {}) as ImportResult;
  const failed = result.failedFiles ?? [];
  const notTranscripts = result.skippedFiles ?? [];
  const allSkipped = [...skipped, ...notTranscripts];
  // The job's error names the file; the line names it by its path already.
  const lines = [
    ...(result.reports ?? []).flatMap(reportLines),
    ...failed.map((f) => {
      const reason = withoutFileName(basename(f.path), f.error ?? 'no reason was recorded');
      // A file named on its own is read whatever its name; a name like convert.py is the likelier cause.
      const name = unsupportedExtension(f.path);
      const hint = name
        ? `${/[.!?]$/.test(reason) ? '' : '.'} Its name may say why: it ${name}, and a file named on its own is read as plain text.`
        : '';
      return `${f.path}: not imported: ${reason}${hint}`;
    }),
    ...skippedLines,
    ...notTranscripts.map((s) => `${s.path}: skipped: ${s.reason}`),
  ];
  const imported = result.imported ?? 0;
  const transcriptFiles = files.length - notTranscripts.length;
  const summary =
    transcriptFiles === 0
      ? 'No transcript files to import.'
      : `${plural(imported, 'session')} imported from ${transcriptFiles - failed.length} of ${plural(transcriptFiles, 'file')}${allSkipped.length ? ` (${plural(allSkipped.length, 'other path')} skipped)` : ''}.`;
  // The privacy gate keeps these out of every dataset until a person decides on their details: say so where the import ends.
  const pendingDetails = (result.reports ?? []).reduce((n, r) => n + (r.awaitingReview ?? 0), 0);
  const pendingLine =
    pendingDetails > 0
      ? `${plural(pendingDetails, 'session')} of this import ${pendingDetails === 1 ? 'waits' : 'wait'} for personal-detail review: see \`redaction list\`, then \`redaction accept\` or \`redaction reject\`.`
      : null;
  // A run where nothing could be read fails a script; the report is printed either way (and in --json).
  const stopped = done.status === 'failed' || done.status === 'cancelled' || done.status === 'interrupted' || done.status === 'paused';
  const exitCode = stopped || transcriptFiles === 0 || missing.length > 0 || (failed.length > 0 && imported === 0) ? 1 : 0;
  // The job's own message is for a job that stopped; a failure it would sum up is already on its file's line above.
  const jobMessage = done.message && stopped && !(done.status === 'failed' && failed.length > 0) ? [done.message] : [];
  return {
    data: {
      ...done,
      // A run that imported nothing it could read is a failure for a script, whatever the job's own status.
      ...(transcriptFiles === 0 ? { status: 'failed' as const } : {}),
      skippedPaths: allSkipped,
      missingPaths: missing,
      pendingDetails,
    },
    text: [...lines, summary, ...(pendingLine ? [pendingLine] : []), ...jobMessage].join('\n'),
    exitCode,
  };
}

const PAGE = 500;

async function sessionsList(ctx: CommandContext): Promise<CommandOutput> {
  const filter = {
    search: str(ctx, 'search'),
    status: oneOf<SessionStatus>(ctx, 'status', sessionStatuses),
    source: oneOf<SessionSource>(ctx, 'source', sessionSources),
    tag: list(ctx.options.tag)[0],
    pendingDetails: ctx.options['pending-details'] ? true : undefined,
  };
  const offset = num(ctx, 'offset', { integer: true, min: 0 }) ?? 0;
  if (ctx.options.all) {
    // One JSON line per session, page after page, so a library of any size streams in constant memory.
    let at = offset;
    for (;;) {
      const page = await ctx.client.api.sessions.list({ ...filter, offset: at, limit: PAGE });
      for (const row of page.rows) ctx.write(`${JSON.stringify(row)}\n`);
      at += page.rows.length;
      if (page.rows.length < PAGE) return { data: null, text: '', streamed: true };
    }
  }
  const limit = num(ctx, 'limit', { integer: true, min: 1 }) ?? 50;
  const rows: SessionSummary[] = [];
  let first: { total: number | null; totalCapped: boolean } | undefined;
  // The API hands out pages of up to 500; a larger --limit is several calls. A short page is the last.
  for (;;) {
    const want = Math.min(PAGE, limit - rows.length);
    const page = await ctx.client.api.sessions.list({ ...filter, offset: offset + rows.length, limit: want });
    first ??= page;
    rows.push(...page.rows);
    if (page.rows.length < want || rows.length >= limit) break;
  }
  // Only the first page carries the total (a search's stops at 1,000); past it, ask for one row of it.
  const head = first?.total != null ? first : await ctx.client.api.sessions.list({ ...filter, limit: 1 });
  const total = head.total ?? 0;
  const of = head.totalCapped ? `more than ${total}` : String(total);
  const shown = rows.map((s) => ({
    id: s.id,
    status: s.status,
    source: s.source,
    turns: s.turnCount,
    tokens: s.tokenCount,
    title: s.title,
  }));
  const end = offset + rows.length;
  const range = rows.length ? `${offset + 1}–${end} of ${of} sessions` : `0 of ${of} sessions${offset ? ` at offset ${offset}` : ''}`;
  const more = head.totalCapped ? rows.length === limit : end < total;
  const next = more ? `; next page: --offset ${end} (or --all for every session as JSON lines)` : '';
  return {
    data: { rows, total, totalCapped: head.totalCapped, offset },
    text: `${table(shown, ['id', 'status', 'source', 'turns', 'tokens', 'title'])}\n${range}${next}`,
  };
}

export const importCommands: Record<string, (ctx: CommandContext) => Promise<CommandOutput>> = {
  import: importCommand,
  'sessions list': sessionsList,
};
