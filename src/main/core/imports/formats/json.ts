// JSON.parse with errors a person can act on: a truncated file says so, anything else names the
// line and column. Callers never see a raw SyntaxError.
import { TranscriptFormatError } from '../types';

const lineOf = (text: string, position: number): number => {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
};

// Values JavaScript and Python write but JSON does not allow (json.dumps writes NaN by default).
const nonJsonNumber = /[:,[]\s*(-?(?:NaN|Infinity))\s*[,}\]]/;

/** Where V8's message says parsing stopped; messages without a position quote the token instead. */
function errorPosition(message: string, text: string): number | undefined {
  const at = /at position (\d+)/.exec(message);
  if (at?.[1] !== undefined) return Number(at[1]);
  const token = /^Unexpected token '(.)'/.exec(message)?.[1];
  if (token === undefined) return undefined;
  const i = text.indexOf(token);
  return i < 0 ? undefined : i;
}

export function parseJsonText(text: string, what = 'The file'): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    const start = text.trimStart();
    if (/^<(?:!doctype|html|head|body|\?xml|!--)/i.test(start)) {
      throw new TranscriptFormatError(
        `${what} holds a web page (HTML), not JSON: it was probably saved from a browser or an error page. Download the raw .json file and import that.`,
        1,
      );
    }
    const nonJson = nonJsonNumber.exec(text);
    if (nonJson?.[1]) {
      const line = lineOf(text, nonJson.index);
      throw new TranscriptFormatError(
        `${what} has ${nonJson[1]} on line ${line}, which JSON does not allow (Python's json.dumps writes it for missing numbers). Replace it with null, or write the file with allow_nan=False.`,
        line,
      );
    }
    const end = text.trimEnd().length;
    // V8: "… in JSON at position 123 (line 5 column 3)"; "Unexpected end of JSON input" has none.
    const found = errorPosition(e.message, text);
    const position = found ?? end;
    const line = lineOf(text, position);
    if (/end of JSON input/i.test(e.message) || (found !== undefined && position >= end)) {
      throw new TranscriptFormatError(
        `${what} ends before the JSON is complete (line ${line}); it may have been cut off while saving or copying.`,
        line,
      );
    }
    if (e.message.startsWith('Unexpected non-whitespace character after JSON')) {
      throw new TranscriptFormatError(
        `${what} has more than one JSON value (line ${line}). If it holds one object per line, import it as JSON Lines (.jsonl).`,
        line,
      );
    }
    const column = position - text.lastIndexOf('\n', position - 1);
    // V8 quotes an excerpt ("Unexpected token 'T', ...\"b\": True}\" is not valid JSON"); the line and column say more.
    const reason = e.message
      .replace(/\s*in JSON at position \d+.*$/s, '')
      .replace(/\s*\(line \d+ column \d+\)$/, '')
      .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
    throw new TranscriptFormatError(`${what} is not valid JSON: ${reason} (line ${line}, column ${column}).`, line);
  }
}

export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first of several keys that holds a value of the wanted kind. */
export function firstKey<T>(obj: JsonObject, keys: readonly string[], test: (v: unknown) => v is T): T | undefined {
  for (const k of keys) {
    const v = obj[k];
    if (test(v)) return v;
  }
  return undefined;
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** "problem_type" → "problemType" (metadata keys follow the app's TypeScript naming). */
export const camelCase = (key: string): string => key.replace(/[_-]+([a-z0-9])/gi, (_, c: string) => c.toUpperCase());

/** camelCase keys, recursively; optionally numeric strings → numbers. */
export function camelKeys(value: unknown, numbers = false): unknown {
  if (Array.isArray(value)) return value.map((v) => camelKeys(v, numbers));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [camelCase(k), camelKeys(v, numbers)]));
  if (numbers && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return value;
}
