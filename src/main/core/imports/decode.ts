// Bytes → text for every text format. Transcripts come from Word exports, Windows tools and
// transcription services, so UTF-8 (with or without BOM), UTF-16 and Windows-1252 all occur; a
// wrong guess garbles every apostrophe, so the order below matters: BOM, UTF-16 by its NUL pattern,
// strict UTF-8, UTF-16 whose NULs sit on one side (Cyrillic, Chinese), UTF-8 with a few bad bytes
// (replaced where they are), then a legacy code page chosen by chardet.
import { dataFileAdvice } from './formats/dataFiles';
import { NotATranscriptError, TranscriptFormatError, type ParseProblem } from './types';

export const maxFileBytes = 200 * 1024 * 1024;

/** Empty and oversized files are refused before anything is decoded or parsed. */
export function checkFileSize(bytes: Uint8Array, fileName: string): void {
  if (bytes.byteLength === 0) throw new NotATranscriptError(`${fileName} is empty.`);
  if (bytes.byteLength > maxFileBytes) throw new TranscriptFormatError(`${fileName} is larger than 200 MB; split it into smaller files.`);
}

function binaryError(fileName: string, bytes: Uint8Array): TranscriptFormatError {
  const advice = dataFileAdvice(fileName, bytes);
  if (advice) return new TranscriptFormatError(`${fileName} is ${advice}.`);
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
// Both libraries load only for the rare file that is not Unicode.
const legacyFallback = 'windows-1252';
async function decodeLegacy(bytes: Uint8Array): Promise<{ encoding: string; text: string }> {
  const [{ default: chardet }, { default: iconv }] = await Promise.all([import('chardet'), import('iconv-lite')]);
  const guess = chardet.detect(bytes.subarray(0, 65536));
  const encoding = !guess || /^(utf|iso-8859-1$)/i.test(guess) || !iconv.encodingExists(guess) ? legacyFallback : guess.toLowerCase();
  return { encoding, text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding) };
}

const HEAD = 65536;

/**
 * UTF-16 without BOM in scripts other than Latin (Cyrillic, Chinese): most units have no NUL byte,
 * but line breaks, spaces and digits do, on one side only. The decoded head must then read as text.
 */
function utf16ByPlausibility(bytes: Uint8Array): Utf16 | undefined {
  const n = Math.min(bytes.length, HEAD) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  if (oddNul + evenNul === 0) return undefined;
  // Line breaks put their NUL on one side; some CJK characters (一 is U+4E00) put one on the other,
  // so in a short file the counts may tie: the side with more goes first, and the text decides.
  const order: Utf16[] = oddNul >= evenNul ? ['utf-16le', 'utf-16be'] : ['utf-16be', 'utf-16le'];
  return order.find((candidate) => readsAsText(bytes.subarray(0, n), candidate));
}

function readsAsText(bytes: Uint8Array, encoding: Utf16): boolean {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  const chars = [...text];
  const letters = chars.filter((c) => /\p{L}/u.test(c)).length;
  const odd = chars.filter((c) => /[\p{Co}\p{Cn}\p{Cs}]/u.test(c) || isControl(c.charCodeAt(0))).length;
  return letters >= chars.length * 0.4 && odd <= chars.length * 0.005;
}

const MAX_LISTED_LINES = 20;

/**
 * UTF-8 with a few bad bytes: each bad sequence becomes U+FFFD where it stands and is reported with
 * its line. Chosen over a legacy code page when the file has more valid multi-byte characters than bad
 * bytes, so one stray byte never turns every ’ into â€™.
 */
function decodeUtf8Locally(bytes: Uint8Array): { text: string; problems: ParseProblem[] } | undefined {
  const text = new TextDecoder('utf-8').decode(bytes);
  let literal = 0;
  for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) literal++;
  }
  let replaced = 0;
  let multibyte = 0;
  const lines: number[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 0xfffd) {
      replaced++;
      if (lines.at(-1) !== line) lines.push(line);
    } else if (c > 127 && !(c >= 0xdc00 && c <= 0xdfff)) multibyte++;
  }
  const bad = replaced - literal;
  if (bad <= 0 || multibyte <= bad) return undefined;
  const listed = lines.slice(0, MAX_LISTED_LINES);
  const more = lines.length - listed.length;
  const problems: ParseProblem[] = listed.map((at) => ({
    line: at,
    message: `Line ${at}: bytes that are not valid UTF-8 were replaced with \uFFFD; the rest of the file was read as UTF-8. Fix the character in the source file if it matters.`,
    severity: 'warning',
  }));
  if (more > 0)
    problems.push({ message: `${more} more lines have bytes that are not valid UTF-8 (replaced with \uFFFD).`, severity: 'warning' });
  return { text, problems };
}

const isControl = (c: number): boolean => (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 127;

/** Share of control characters other than tab, newline, form feed and carriage return (and U+FFFD, unless it was placed on purpose). */
function controlShare(text: string, countReplacement = true): number {
  const n = Math.min(text.length, 65536);
  if (n === 0) return 0;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isControl(c) || (countReplacement && c === 0xfffd)) controls++;
  }
  return controls / n;
}

export interface DecodedText {
  text: string;
  encoding: string;
  /** Bytes that could not be decoded, by line (warnings). */
  problems: ParseProblem[];
}

export async function decodeTextWithEncoding(bytes: Uint8Array, fileName: string): Promise<DecodedText> {
  checkFileSize(bytes, fileName);
  const bom = bomEncoding(bytes);
  const utf16 = bom ? undefined : utf16ByNulPattern(bytes);
  let encoding: string;
  let text: string;
  let problems: ParseProblem[] = [];
  if (bom || utf16) {
    encoding = bom?.encoding ?? utf16 ?? 'utf-8';
    text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(bom?.skip ?? 0));
  } else {
    try {
      encoding = 'utf-8';
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      if (text.includes('\0')) {
        const wide = utf16ByPlausibility(bytes);
        if (!wide) throw binaryError(fileName, bytes);
        encoding = wide;
        text = new TextDecoder(wide).decode(bytes);
      }
    } catch (e) {
      if (e instanceof TranscriptFormatError) throw e;
      const wide = utf16ByPlausibility(bytes);
      const local = wide ? undefined : decodeUtf8Locally(bytes);
      if (wide) {
        encoding = wide;
        text = new TextDecoder(wide).decode(bytes);
      } else if (local) {
        encoding = 'utf-8';
        ({ text, problems } = local);
      } else {
        if (bytes.includes(0)) throw binaryError(fileName, bytes);
        ({ encoding, text } = await decodeLegacy(bytes));
      }
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\0') || controlShare(text, problems.length === 0) > 0.01) throw binaryError(fileName, bytes);
  if (!/\S/.test(text)) throw new NotATranscriptError(`${fileName} is empty.`);
  return { text: text.replace(/\r\n?/g, '\n'), encoding, problems };
}

/** The file's text with LF line ends, or a TranscriptFormatError a person can act on. */
export async function decodeText(bytes: Uint8Array, fileName: string): Promise<string> {
  return (await decodeTextWithEncoding(bytes, fileName)).text;
}
