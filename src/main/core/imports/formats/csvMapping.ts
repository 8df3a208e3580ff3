// Which CSV column holds what. People export utterance tables from many tools, so common header
// names are recognised; AnnoMI's layout is known exactly because it is the reference data set.
// "type" comes last among speaker columns: HOPE (ID,Type,Utterance,Dialog_Act) keeps the speaker
// (T/P) there, and a more specific column wins when a file has one.
import { TranscriptFormatError } from '../types';

/** Column names as they appear in the header row. */
export interface CsvMapping {
  /** Rows with the same value form one transcript; without it the whole file is one transcript. */
  transcriptId?: string;
  speaker: string;
  text: string;
  /** Sorts the rows of a transcript (numerically when every value is a number). */
  order?: string;
  /** Seconds or hh:mm:ss → startSec. */
  timestamp?: string;
  /** The transcript's title (first row of each transcript). Additive to the brief's mapping. */
  title?: string;
  /** Per-transcript columns kept as metadata. Left out: detected (constant within each transcript). */
  metadata?: string[];
  /** Per-utterance columns kept as annotations. Left out: detected (the other remaining columns). */
  annotations?: string[];
}

export const annomiHeaders = [
  'transcript_id',
  'mi_quality',
  'video_title',
  'video_url',
  'topic',
  'utterance_id',
  'interlocutor',
  'timestamp',
  'utterance_text',
  'main_therapist_behaviour',
  'client_talk_type',
] as const;

const annomiMapping: CsvMapping = {
  transcriptId: 'transcript_id',
  speaker: 'interlocutor',
  text: 'utterance_text',
  order: 'utterance_id',
  timestamp: 'timestamp',
  title: 'video_title',
  metadata: ['mi_quality', 'topic', 'video_url'],
  annotations: ['main_therapist_behaviour', 'client_talk_type'],
};

/** "Utterance Text", "utterance-text" and "UTTERANCE_TEXT" are the same header. */
export function headerKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

const aliases = {
  speaker: [
    'speaker',
    'role',
    'interlocutor',
    'speaker_name',
    'speaker_label',
    'speaker_role',
    'speaker_type',
    'speaker_id',
    'speaker_idx',
    'sender',
    'participant',
    'author',
    'from',
    'who',
    'type',
  ],
  text: ['text', 'utterance', 'utterance_text', 'content', 'message', 'transcript_text', 'turn_text', 'body', 'value', 'sentence'],
  transcriptId: [
    'transcript_id',
    'conversation_id',
    'session',
    'session_id',
    'dialog_id',
    'dialogue_id',
    'conv_id',
    'conversation',
    'transcript',
    'dialogue',
    'dialog',
    'chat_id',
    'thread_id',
  ],
  order: [
    'order',
    'utterance_id',
    'utterance_idx',
    'turn',
    'turn_id',
    'turn_idx',
    'turn_index',
    'turn_number',
    'utterance_index',
    'utterance_number',
    'index',
    'seq',
    'sequence',
    'line',
    'position',
  ],
  timestamp: ['timestamp', 'time', 'start', 'start_time', 'begin', 'start_s', 'start_sec', 'start_seconds', 'offset'],
  title: ['title', 'video_title', 'session_title', 'conversation_title', 'name'],
} satisfies Record<string, string[]>;

type Field = keyof typeof aliases;

function pick(headers: readonly string[], field: Field): string | undefined {
  const keys = headers.map(headerKey);
  for (const alias of aliases[field]) {
    const i = keys.indexOf(alias);
    if (i >= 0) return headers[i];
  }
  return undefined;
}

/** The mapping for a header row, or a TranscriptFormatError that names what was found and what is missing. */
export function detectCsvMapping(headers: readonly string[]): CsvMapping {
  const keys = new Set(headers.map(headerKey));
  if (annomiHeaders.every((h) => keys.has(h))) return annomiMapping;
  const speaker = pick(headers, 'speaker');
  const text = pick(headers, 'text');
  if (!speaker || !text) {
    const missing = [
      !speaker && `a speaker column (${aliases.speaker.slice(0, 3).join('/')})`,
      !text && `a text column (${aliases.text.slice(0, 4).join('/')})`,
    ].filter(Boolean);
    throw new TranscriptFormatError(
      `This CSV's columns were not recognised. Found: ${headers.map((h) => `"${h}"`).join(', ')}. Missing: ${missing.join(' and ')}. Choose the columns in the import window's column mapping, or on the CLI with --columns speaker=COLUMN,text=COLUMN (also session=, order=).`,
      1,
    );
  }
  const optional = (field: Field): Partial<CsvMapping> => {
    const column = pick(headers, field);
    return column ? { [field]: column } : {};
  };
  return { speaker, text, ...optional('transcriptId'), ...optional('order'), ...optional('timestamp'), ...optional('title') };
}

/** Refuses a given mapping that names columns the file does not have. */
export function checkCsvMapping(mapping: CsvMapping, headers: readonly string[]): void {
  const named = [
    mapping.transcriptId,
    mapping.speaker,
    mapping.text,
    mapping.order,
    mapping.timestamp,
    mapping.title,
    ...(mapping.metadata ?? []),
    ...(mapping.annotations ?? []),
  ];
  const missing = named.filter((c): c is string => c !== undefined && !headers.includes(c));
  if (missing.length > 0) {
    throw new TranscriptFormatError(
      `The column mapping names ${missing.map((c) => `"${c}"`).join(', ')}, which this CSV does not have. Found: ${headers.map((h) => `"${h}"`).join(', ')}.`,
      1,
    );
  }
}

/** For format sniffing: a first line of several cells, one of them a speaker or text header. */
export function looksLikeCsvHeader(line: string): boolean {
  for (const delimiter of [',', '\t', ';', '|']) {
    const cells = line.split(delimiter).map((c) => headerKey(c.replace(/^\s*"|"\s*$/g, '')));
    if (cells.length >= 2 && cells.some((c) => aliases.speaker.includes(c) || aliases.text.includes(c))) return true;
  }
  return false;
}
