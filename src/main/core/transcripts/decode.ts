// Bytes → text for every text format. Transcripts come from Word exports, Windows tools and
// transcription services, so UTF-8 (with or without BOM), UTF-16 and Windows-1252 all occur; a
// wrong guess garbles every apostrophe, so the order below matters: BOM, UTF-16 by its NUL pattern,
// strict UTF-8, then a legacy code page chosen by chardet.
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { TranscriptFormatError } from './types';

export const maxFileBytes = 200 * 1024 * 1024;

/** Empty and oversized files are refused before anything is decoded or parsed. */
export function checkFileSize(bytes: Uint8Array, fileName: string): void {
  if (bytes.byteLength === 0) throw new TranscriptFormatError(`${fileName} is empty.`);
  if (bytes.byteLength > maxFileBytes) throw new TranscriptFormatError(`${fileName} is larger than 200 MB; split it into smaller files.`);
}

function binaryError(fileName: string): TranscriptFormatError {
  return new TranscriptFormatError(
    `${fileName} looks like a binary file, not text. Export the transcript as text, subtitles (VTT/SRT), CSV, JSON or DOCX.`,
  );
}

type Utf16 = 'utf-16le' | 'utf-16be';

function bomEncoding(bytes: Uint8Array): { encoding: 'utf-8' | Utf16; skip: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return undefined;
}

/** UTF-16 without BOM: text in Latin script has a NUL in every other byte, on one side only. */
function utf16ByNulPattern(bytes: Uint8Array): Utf16 | undefined {
  const pairs = Math.floor(Math.min(bytes.length, 4096) / 2);
  if (pairs < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  if (oddNul / pairs > 0.3 && evenNul / pairs < 0.05) return 'utf-16le';
  if (evenNul / pairs > 0.3 && oddNul / pairs < 0.05) return 'utf-16be';
  return undefined;
}

// chardet sometimes names ISO-8859-1 for Windows text; Windows-1252 is its superset where it
// matters (0x80–0x9F: curly quotes, dashes, €), and those bytes are never C1 controls in transcripts.
const legacyFallback = 'windows-1252';
function legacyEncoding(bytes: Uint8Array): string {
  const guess = chardet.detect(bytes.subarray(0, 65536));
  if (!guess || /^(utf|iso-8859-1$)/i.test(guess) || !iconv.encodingExists(guess)) return legacyFallback;
  return guess.toLowerCase();
}

/** Share of control characters other than tab, newline, form feed and carriage return. */
function controlShare(text: string): number {
  const n = Math.min(text.length, 65536);
  if (n === 0) return 0;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 127 || c === 0xfffd) controls++;
  }
  return controls / n;
}

export interface DecodedText {
  text: string;
  encoding: string;
}

export function decodeTextWithEncoding(bytes: Uint8Array, fileName: string): DecodedText {
  checkFileSize(bytes, fileName);
  const bom = bomEncoding(bytes);
  const utf16 = bom ? undefined : utf16ByNulPattern(bytes);
  let encoding: string;
  let text: string;
  if (bom || utf16) {
    encoding = bom?.encoding ?? utf16 ?? 'utf-8';
    text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(bom?.skip ?? 0));
  } else {
    if (bytes.includes(0)) throw binaryError(fileName);
    try {
      encoding = 'utf-8';
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      encoding = legacyEncoding(bytes);
      text = iconv.decode(bytes, encoding);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\0') || controlShare(text) > 0.01) throw binaryError(fileName);
  if (!/\S/.test(text)) throw new TranscriptFormatError(`${fileName} is empty.`);
  return { text: text.replace(/\r\n?/g, '\n'), encoding };
}

/** The file's text with LF line ends, or a TranscriptFormatError a person can act on. */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  return decodeTextWithEncoding(bytes, fileName).text;
}
