// Which parser a file goes to: by extension where the extension is specific, by content otherwise
// (".txt" and ".json" say little: a .txt may hold subtitles, a .json a transcription or a dialogue).
import { looksLikeCsvHeader } from './formats/csvMapping';
import { classifyJson } from './formats/jsonShape';
import type { TranscriptFormat } from './types';

/** Audio and video go to a transcription job, never to a parser. */
export const audioExtensions = ['mp3', 'm4a', 'wav', 'ogg', 'flac', 'webm', 'mp4', 'mov', 'mpeg', 'mpga'] as const;

const byExtension: Record<string, TranscriptFormat> = {
  vtt: 'webvtt',
  webvtt: 'webvtt',
  srt: 'srt',
  csv: 'csv',
  tsv: 'csv',
  jsonl: 'chat-jsonl',
  ndjson: 'chat-jsonl',
  docx: 'docx',
  ...Object.fromEntries(audioExtensions.map((e) => [e, 'audio'])),
};

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** The format a file's name alone settles (a .doc is read as Word, to be refused with advice); undefined when only its content can. */
export function formatByName(fileName: string): TranscriptFormat | undefined {
  const ext = extensionOf(fileName);
  return ext === 'doc' ? 'docx' : byExtension[ext];
}

// JSON opens with "[" or "{" followed by a value or a key; a transcript line may open with a bracket
// too ("[00:01:02] Counselor: …", "[Client] …"), and is text.
const jsonStart = /^(?:\[\s*(?:[[{"\]]|$)|\{\s*(?:["}]|$))/;

const srtTiming = /^\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}/;

function isJsonObjectLine(line: string): boolean {
  if (!line.startsWith('{') || !line.endsWith('}')) return false;
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

// The head may be cut short, so a large JSON file cannot always be parsed here: fall back to
// which list key comes first.
function sniffJson(head: string): TranscriptFormat {
  try {
    return classifyJson(JSON.parse(head)) ?? 'dialogue-json';
  } catch (e) {
    // A complete value followed by more values: JSON Lines whose first line is too long to sniff.
    if (e instanceof SyntaxError && e.message.includes('after JSON')) return 'chat-jsonl';
    const at = (key: string): number => {
      const i = head.indexOf(`"${key}"`);
      return i < 0 ? Infinity : i;
    };
    const timed = Math.min(at('segments'), at('monologues'), at('utterances') < at('start') ? at('utterances') : Infinity);
    const turns = Math.min(at('dialog'), at('messages'), at('turns'), at('conversations'), at('conversation'), at('dialogue'));
    return timed < turns ? 'whisper-json' : 'dialogue-json';
  }
}

function sniff(head: string): TranscriptFormat | undefined {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(text)) return 'webvtt';
  // Two non-blank lines decide the line-based formats; splitting a 200 MB file would not.
  const lines = text
    .slice(0, 65536)
    .split(/\r?\n/, 200)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const [first = '', second = ''] = lines;
  if ((/^\d+$/.test(first) && srtTiming.test(second)) || srtTiming.test(first)) return 'srt';
  if (isJsonObjectLine(first) && isJsonObjectLine(second)) return 'chat-jsonl';
  if (jsonStart.test(text)) return sniffJson(text);
  if (looksLikeCsvHeader(first)) return 'csv';
  return undefined;
}

/** The format of a file from its name and the start of its decoded text (any length; more is surer). */
export function detectFormat(fileName: string, head: string): TranscriptFormat {
  const ext = extensionOf(fileName);
  const known = byExtension[ext];
  if (known) return known;
  const sniffed = sniff(head);
  if (ext === 'json')
    return sniffed === 'whisper-json' || sniffed === 'dialogue-json' || sniffed === 'chat-jsonl' ? sniffed : 'dialogue-json';
  return sniffed ?? 'text';
}
