// CSV/TSV with one row per utterance, grouped into transcripts by an id column. Parsing is
// papaparse (quoted fields with commas, quotes and line breaks, as in AnnoMI's titles). It was
// chosen over csv-parse for speed: AnnoMI's 2.4 MB parse in ~10–60 ms against ~60–190 ms on this
// machine. This module picks the delimiter, counts lines and maps columns.
import Papa from 'papaparse';
import { TranscriptFormatError, type ParsedTranscript, type ParseProblem, type Utterance } from '../types';
import { parseSecondsOrClock } from './clock';
import { checkCsvMapping, detectCsvMapping, headerKey, type CsvMapping } from './csvMapping';
import { readRecord } from './records';
import type { FormatResult } from './result';

export type { CsvMapping } from './csvMapping';

interface Row {
  fields: string[];
  line: number;
}

const newlinesIn = (fields: readonly string[]): number => {
  let n = 0;
  for (const f of fields) if (f.includes('\n')) n += f.split('\n').length - 1;
  return n;
};

function countNewlines(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/** The delimiter used most in the header line, outside quotes (papaparse's guess fails on small files). */
function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
  let quoted = false;
  for (let i = 0; i < text.length && text[i] !== '\n'; i++) {
    const c = text[i] ?? '';
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
}

function readRows(text: string): Row[] {
  const clean = text.replace(/^\uFEFF/, '');
  // Decoded text always has LF line ends; saying so spares papaparse a guess over the file.
  const newline = clean.includes('\r\n') ? '\r\n' : '\n';
  const parsed = Papa.parse<string[]>(clean, { delimiter: sniffDelimiter(clean), newline, skipEmptyLines: false });
  // papaparse does not give line numbers; count them, including line breaks inside quoted fields.
  // Every line break but those between rows is inside a field; most files have none, and skip looking for them.
  const broken = countNewlines(clean) > parsed.data.length - 1;
  const rows: Row[] = [];
  const lineOfRow: number[] = [];
  let line = 1;
  for (const fields of parsed.data) {
    lineOfRow.push(line);
    if (!(fields.length === 1 && fields[0]?.trim() === '')) rows.push({ fields, line });
    line += broken ? 1 + newlinesIn(fields) : 1;
  }
  const unclosed = parsed.errors.find((e) => e.code === 'MissingQuotes');
  if (unclosed) {
    const at = lineOfRow[unclosed.row ?? 0] ?? 1;
    throw new TranscriptFormatError(
      `A quoted field that starts on line ${at} is never closed; the CSV may be truncated or have a stray quote.`,
      at,
    );
  }
  return rows;
}

const camel = (column: string): string => headerKey(column).replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const absent = new Set(['', 'n/a', 'na', 'null', 'nan']);
const isAbsent = (v: string | undefined): boolean => v === undefined || absent.has(v.trim().toLowerCase());

/** Columns the mapping leaves over: constant within every transcript → metadata, else annotations. */
function splitRemaining(
  header: readonly string[],
  mapping: CsvMapping,
  groups: Iterable<Row[]>,
): Pick<CsvMapping, 'metadata' | 'annotations'> {
  if (mapping.metadata || mapping.annotations) return { metadata: mapping.metadata ?? [], annotations: mapping.annotations ?? [] };
  const used = new Set([mapping.transcriptId, mapping.speaker, mapping.text, mapping.order, mapping.timestamp, mapping.title]);
  const remaining = header.map((h, i) => [h, i] as const).filter(([h]) => h !== '' && !used.has(h));
  const constant = remaining.map(() => true);
  for (const rows of groups) {
    remaining.forEach(([, i], r) => {
      const first = rows[0]?.fields[i];
      if (constant[r] && rows.some((row) => row.fields[i] !== first)) constant[r] = false;
    });
  }
  return {
    metadata: remaining.filter((_, r) => constant[r]).map(([h]) => h),
    annotations: remaining.filter((_, r) => !constant[r]).map(([h]) => h),
  };
}

function sortRows(rows: Row[], orderIndex: number): Row[] {
  if (orderIndex < 0) return rows;
  const values = rows.map((r) => r.fields[orderIndex]?.trim() ?? '');
  const numeric = values.every((v) => v !== '' && Number.isFinite(Number(v)));
  const keyed = rows.map((row, i) => ({ row, key: values[i] ?? '' }));
  keyed.sort((a, b) => (numeric ? Number(a.key) - Number(b.key) : a.key.localeCompare(b.key, undefined, { numeric: true })));
  return keyed.map((k) => k.row);
}

/** Rows that each hold one conversation in named columns, as records.ts reads them; undefined when none does. */
function parseRecordRows(header: readonly string[], rows: readonly Row[]): FormatResult | undefined {
  const problems: ParseProblem[] = [];
  const transcripts: ParsedTranscript[] = [];
  const readings = new Set<string>();
  for (const { fields, line } of rows) {
    const record = Object.fromEntries(header.map((h, i) => [h, fields[i] ?? '']));
    const read = readRecord(record, `Line ${line}`);
    if (!read) {
      problems.push({ line, message: `Line ${line} lacks the client's or the counselor's text; the row was skipped.`, severity: 'error' });
      continue;
    }
    readings.add(read.reading);
    problems.push(...read.problems.map((p) => ({ ...p, line })));
    const metadata: Record<string, unknown> = {};
    header.forEach((h, i) => {
      if (h !== '' && !read.used.includes(h) && !isAbsent(fields[i])) metadata[camel(h)] = fields[i]?.trim();
    });
    if (read.systemPrompt) metadata.systemPrompt = read.systemPrompt;
    if (read.preamble) metadata.preamble = read.preamble;
    transcripts.push({
      key: String(line),
      title: read.title,
      utterances: read.utterances.map((u) => ({ ...u, line })),
      metadata,
      ...(read.knownRoles ? { knownRoles: read.knownRoles } : {}),
    });
  }
  if (transcripts.length === 0) return undefined;
  for (const reading of readings) problems.unshift({ message: `${reading}; one session per row.`, severity: 'warning' });
  return { transcripts, problems };
}

export function parseCsv(text: string, mapping?: CsvMapping): FormatResult {
  const rows = readRows(text);
  const header = (rows.shift()?.fields ?? []).map((h) => h.trim());
  if (mapping) checkCsvMapping(mapping, header);
  if (rows.length === 0) throw new TranscriptFormatError('This CSV has a header row but no utterance rows.', 1);
  let map: CsvMapping;
  try {
    map = mapping ?? detectCsvMapping(header);
  } catch (e) {
    // No speaker column: the rows may each be a whole exchange (questionText/answerText, input/output).
    const records = e instanceof TranscriptFormatError ? parseRecordRows(header, rows) : undefined;
    if (records) return records;
    throw e;
  }
  const col = (name: string | undefined): number => (name === undefined ? -1 : header.indexOf(name));
  const idCol = col(map.transcriptId);
  const speakerCol = col(map.speaker);
  const textCol = col(map.text);
  const orderCol = col(map.order);
  const timeCol = col(map.timestamp);
  const titleCol = col(map.title);

  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const id = idCol >= 0 ? (row.fields[idCol]?.trim() ?? '') : '0';
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  const { metadata = [], annotations = [] } = splitRemaining(header, map, groups.values());
  const metaCols = metadata.map((h) => [camel(h), col(h)] as const);
  const noteCols = annotations.map((h) => [camel(h), col(h)] as const);
  const problems: ParseProblem[] = [];
  const transcripts: ParsedTranscript[] = [];

  let folded = 0;
  for (const [id, groupRows] of groups) {
    const utterances: Utterance[] = [];
    // AnnoMI-full and similar files repeat an utterance once per annotator: same utterance id,
    // speaker and text. Such a row is the same utterance, not another turn.
    const seen = orderCol >= 0 ? new Set<string>() : undefined;
    for (const { fields, line } of sortRows(groupRows, orderCol)) {
      const speaker = fields[speakerCol]?.trim() ?? '';
      const said = fields[textCol]?.trim() ?? '';
      if (speaker === '' || said === '') {
        problems.push({
          line,
          message: `Line ${line}: no ${speaker === '' ? 'speaker' : 'text'}; the row was skipped.`,
          severity: 'warning',
        });
        continue;
      }
      if (seen) {
        const key = `${fields[orderCol]?.trim() ?? ''}\u0000${speaker}\u0000${said}`;
        if (seen.has(key)) {
          folded++;
          continue;
        }
        seen.add(key);
      }
      const u: Utterance = { speaker, text: said, line };
      const start = timeCol >= 0 ? parseSecondsOrClock(fields[timeCol] ?? '') : undefined;
      if (start !== undefined) u.startSec = start;
      for (const [key, i] of noteCols) {
        const value = fields[i];
        if (value !== undefined && !isAbsent(value)) (u.annotations ??= {})[key] = value.trim();
      }
      utterances.push(u);
    }
    const first = groupRows[0]?.fields ?? [];
    const meta: Record<string, unknown> = {};
    for (const [key, i] of metaCols) if (!isAbsent(first[i])) meta[key] = first[i]?.trim();
    if (idCol >= 0) meta.transcriptId = id;
    if (utterances.length === 0) {
      problems.push({
        line: groupRows[0]?.line,
        message: `Transcript "${id}" has no rows with both a speaker and text; it was skipped.`,
        severity: 'error',
      });
      continue;
    }
    transcripts.push({ key: id, title: titleCol >= 0 ? (first[titleCol]?.trim() ?? '') : '', utterances, metadata: meta });
  }
  if (folded > 0) {
    problems.unshift({
      message: `${folded} ${folded === 1 ? 'row repeats' : 'rows repeat'} an utterance already read (same transcript, ${map.order ?? 'order'}, speaker and text), as files with one row per annotator do; each utterance was kept once.`,
      severity: 'warning',
    });
  }
  return { transcripts, problems };
}
