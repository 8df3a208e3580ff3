// JSON.parse with errors a person can act on: a truncated file says so, anything else names the
// line and column. Callers never see a raw SyntaxError.
import { TranscriptFormatError } from '../types';

const lineOf = (text: string, position: number): number => {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
};

export function parseJsonText(text: string, what = 'The file'): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    const end = text.trimEnd().length;
    // V8: "… in JSON at position 123 (line 5 column 3)"; "Unexpected end of JSON input" has none.
    const at = /at position (\d+)/.exec(e.message);
    const position = at?.[1] === undefined ? end : Number(at[1]);
    const line = lineOf(text, position);
    if (position >= end || /end of JSON input/i.test(e.message)) {
      throw new TranscriptFormatError(`${what} ends before the JSON is complete (line ${line}); it may have been cut off while saving or copying.`, line);
    }
    if (e.message.startsWith('Unexpected non-whitespace character after JSON')) {
      throw new TranscriptFormatError(`${what} has more than one JSON value (line ${line}). If it holds one object per line, import it as JSON Lines (.jsonl).`, line);
    }
    const column = position - text.lastIndexOf('\n', position - 1);
    const reason = e.message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
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
