// One entry point for every import format: decode, detect (or take the forced format), parse.
// Plain Node: the wizard, the CLI and the import job all call this.
import { checkFileSize, decodeTextWithEncoding } from './decode';
import { detectFormat, extensionOf, formatByName } from './detectFormat';
import { parseCsv, type CsvMapping } from './formats/csv';
import { parseDialogueJson } from './formats/dialogueJson';
import { parseChatJsonl } from './formats/chatJsonl';
import { parseJsonText } from './formats/json';
import { classifyJson } from './formats/jsonShape';
import type { FormatResult } from './formats/result';
import { parsePlainText } from './formats/text';
import { parseTranscriptionJson } from './formats/transcriptionJson';
import { TranscriptFormatError, type ParseProblem, type ParseResult, type TranscriptFormat } from './types';

export type { CsvMapping } from './formats/csv';

export interface ParseFileOptions {
  /** Skips detection: the format the person chose. */
  format?: TranscriptFormat | undefined;
  csvMapping?: CsvMapping | undefined;
}

function parseJsonFormat(text: string, format: 'whisper-json' | 'dialogue-json', forced: boolean): FormatResult {
  const value = parseJsonText(text, 'This JSON file');
  // Detection may have seen only the start of the file; the parsed value settles it.
  const shape = forced ? format : (classifyJson(value) ?? format);
  return shape === 'whisper-json' ? parseTranscriptionJson(value) : parseDialogueJson(value);
}

async function parseText(text: string, format: TranscriptFormat, options: ParseFileOptions): Promise<FormatResult> {
  switch (format) {
    case 'text':
      return parsePlainText(text);
    // Formats that need a library of their own load it on first use, so start-up stays quick.
    case 'webvtt':
      return (await import('./formats/webvtt')).parseWebVtt(text);
    case 'srt':
      return (await import('./formats/srt')).parseSrt(text);
    case 'csv':
      return parseCsv(text, options.csvMapping);
    case 'whisper-json':
    case 'dialogue-json':
      return parseJsonFormat(text, format, options.format !== undefined);
    case 'chat-jsonl':
      return parseChatJsonl(text);
    case 'docx':
    case 'audio':
      throw new Error(`${format} is not a text format`);
  }
}

function baseName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * Fills in titles the file did not give: the file name, numbered when it holds several: by the
 * transcript id for CSV (a name people chose), by position otherwise (keys there are indexes).
 */
function withTitles(result: FormatResult, fileName: string, format: TranscriptFormat): FormatResult['transcripts'] {
  const base = baseName(fileName);
  const many = result.transcripts.length > 1;
  return result.transcripts.map((t, i) => {
    if (t.title.trim() !== '') return t;
    return { ...t, title: many ? `${base} #${format === 'csv' ? t.key : i + 1}` : base };
  });
}

async function dispatch(fileName: string, bytes: Uint8Array, options: ParseFileOptions): Promise<ParseResult> {
  const ext = extensionOf(fileName);
  const early = options.format ?? formatByName(fileName) ?? detectFormat(fileName, '');
  if (early === 'audio') {
    const problems: ParseProblem[] = [
      { message: 'Audio or video: it is transcribed by a transcription job, not parsed here.', severity: 'warning' },
    ];
    return { format: 'audio', transcripts: [], problems };
  }
  if (early === 'docx') {
    checkFileSize(bytes, fileName);
    if (ext === 'doc')
      throw new TranscriptFormatError(`${fileName} is an old Word (.doc) file; open it in Word or LibreOffice and save it as .docx.`);
    const result = await (await import('./formats/docx')).parseDocx(bytes);
    return { format: 'docx', transcripts: withTitles(result, fileName, 'docx'), problems: result.problems };
  }
  const { text, encoding, problems: decodeProblems } = await decodeTextWithEncoding(bytes, fileName);
  const format = options.format ?? detectFormat(fileName, text);
  const result = await parseText(text, format, options);
  const problems = [...decodeProblems, ...result.problems];
  if (encoding !== 'utf-8' && !encoding.startsWith('utf-16')) {
    problems.unshift({ message: `The file is not UTF-8; it was read as ${encoding}.`, severity: 'warning' });
  }
  return { format, transcripts: withTitles(result, fileName, format), problems };
}

/**
 * Reads one file into transcripts and problems. A file that cannot be read at all throws a
 * TranscriptFormatError with a message for people; nothing else escapes (no raw SyntaxError).
 */
export async function parseFile(fileName: string, bytes: Uint8Array, options: ParseFileOptions = {}): Promise<ParseResult> {
  try {
    return await dispatch(fileName, bytes, options);
  } catch (e) {
    if (e instanceof TranscriptFormatError) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    throw new TranscriptFormatError(`${fileName} could not be read: ${reason}`);
  }
}
