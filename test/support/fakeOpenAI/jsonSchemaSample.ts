import type { Prng } from './prng';
import { randomWord } from './text';

/**
 * Produces a value that validates against a JSON Schema, the way a structured-output model
 * would. Covers what OpenAI's strict mode allows plus common extras (formats, bounds, $ref,
 * recursion). `not` is not honoured, and `pattern` only as far as random words or a few short
 * strings fit it: a generator for arbitrary regexes is not worth it for a fake.
 *
 * `strict` plays a provider that follows the schema to the letter and nothing more: whatever the
 * schema leaves open is answered the way a caller least expects. Numbers without bounds fall far
 * outside any rating scale, `number` gets fractions, strings that are not enums are random words,
 * and arrays without `maxItems` run long. A caller whose checks are stricter than its schema fails.
 */

type Rec = Record<string, unknown>;

// Beyond this depth recursive schemas take their shortest way out (null branch, fewest items).
const SOFT_DEPTH = 6;
const HARD_DEPTH = 40;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export interface SampleOptions {
  strict?: boolean;
  /** The least a schema-following provider may answer: see `minimal`. */
  minimal?: boolean;
}

export function sampleJsonSchema(schema: unknown, prng: Prng, options: SampleOptions = {}): unknown {
  if (options.minimal) return minimal(schema, schema, prng, 0);
  return gen(schema, schema, prng, 0, options.strict === true);
}

/**
 * The least a provider that follows the schema to the letter may answer, as a strict server can:
 * null wherever null is allowed, the fewest items an array allows, the shortest string its pattern
 * or format allows (often empty), false, the first enum value, and numbers at a bound (the lower or
 * the upper one, 0 without bounds). Valid, and of no use unless the caller's checks are in the schema.
 */
function minimal(schema: unknown, root: unknown, prng: Prng, depth: number): unknown {
  if (depth > HARD_DEPTH) throw new Error('JSON Schema recursion has no finite instance');
  if (!isRec(schema)) throw new Error('a strict schema is a JSON object at every level');
  if (typeof schema.$ref === 'string') return minimal(resolveRef(root, schema.$ref), root, prng, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum.includes(null) ? null : schema.enum[0];
  if (Array.isArray(schema.anyOf) && schema.anyOf.length > 0) {
    const nullable = schema.anyOf.find((v) => isRec(v) && (v.type === 'null' || (Array.isArray(v.type) && v.type.includes('null'))));
    return minimal(nullable ?? schema.anyOf[0], root, prng, depth + 1);
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('null')) return null;
  switch (types[0]) {
    case 'object': {
      const properties = isRec(schema.properties) ? schema.properties : {};
      return Object.fromEntries(Object.keys(properties).map((k) => [k, minimal(properties[k], root, prng, depth + 1)]));
    }
    case 'array':
      return Array.from({ length: num(schema.minItems) ?? 0 }, () => minimal(schema.items, root, prng, depth + 1));
    case 'string':
      return shortestString(schema, prng);
    case 'integer':
    case 'number':
      return boundaryNumber(schema, prng, types[0] === 'integer');
    case 'boolean':
      return false;
    default:
      throw new Error(`unsupported JSON Schema type ${String(types[0])}`);
  }
}

function shortestString(schema: Rec, prng: Prng): string {
  if (typeof schema.format === 'string') {
    const formatted = genFormat(schema.format, prng);
    if (formatted !== undefined) return formatted;
  }
  const minLength = num(schema.minLength) ?? 0;
  const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern, 'u') : null;
  for (const seed of ['', 'x', '0', 'x0', 'x x', '0x']) {
    const candidate = seed.padEnd(minLength, 'x');
    if (!pattern || pattern.test(candidate)) return candidate;
  }
  throw new Error(`no short string fits the pattern ${String(schema.pattern)}`);
}

function boundaryNumber(schema: Rec, prng: Prng, integer: boolean): number {
  const step = num(schema.multipleOf) ?? (integer ? 1 : undefined);
  const exMin = num(schema.exclusiveMinimum);
  const exMax = num(schema.exclusiveMaximum);
  let lo = num(schema.minimum) ?? (exMin !== undefined ? exMin + (step ?? 1e-6) : undefined);
  let hi = num(schema.maximum) ?? (exMax !== undefined ? exMax - (step ?? 1e-6) : undefined);
  if (step !== undefined) {
    if (lo !== undefined) lo = Math.ceil(lo / step) * step;
    if (hi !== undefined) hi = Math.floor(hi / step) * step;
  }
  if (lo === undefined && hi === undefined) return 0;
  if (lo === undefined) return hi!;
  if (hi === undefined) return lo;
  return prng.next() < 0.5 ? lo : hi;
}

function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) throw new Error(`only local $ref is supported, got ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isRec(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
    if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  }
  return node;
}

/** A branch that cannot recurse further: used to stop recursive schemas. */
function isTerminal(schema: unknown): boolean {
  if (!isRec(schema)) return true;
  if (schema.type === 'null' || 'const' in schema || 'enum' in schema) return true;
  return !('$ref' in schema) && schema.type !== 'object' && schema.type !== 'array';
}

function mergeAllOf(schema: Rec, parts: unknown[]): Rec {
  const merged: Rec = { ...schema };
  delete merged.allOf;
  const properties: Rec = isRec(schema.properties) ? { ...schema.properties } : {};
  const required = new Set<string>(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  for (const part of parts) {
    if (!isRec(part)) continue;
    Object.assign(merged, part);
    if (isRec(part.properties)) Object.assign(properties, part.properties);
    if (Array.isArray(part.required)) for (const r of part.required) required.add(String(r));
  }
  if (Object.keys(properties).length) merged.properties = properties;
  if (required.size) merged.required = [...required];
  return merged;
}

function gen(schema: unknown, root: unknown, prng: Prng, depth: number, strict: boolean): unknown {
  if (depth > HARD_DEPTH) throw new Error('JSON Schema recursion has no finite instance');
  if (schema === true || schema === undefined || (isRec(schema) && Object.keys(schema).length === 0)) {
    return randomWord(prng);
  }
  if (!isRec(schema)) throw new Error('JSON Schema `false` has no instance');
  if (typeof schema.$ref === 'string') {
    // Sibling keywords next to $ref (allowed since 2019-09) are merged over the target.
    const { $ref, ...rest } = schema;
    const target = resolveRef(root, $ref as string);
    return gen(isRec(target) ? { ...target, ...rest } : target, root, prng, depth + 1, strict);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return prng.pick(schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants) && variants.length > 0) {
    const chosen = depth > SOFT_DEPTH ? (variants.find(isTerminal) ?? variants[0]) : variants[0];
    return gen(chosen, root, prng, depth + 1, strict);
  }
  if (Array.isArray(schema.allOf)) return gen(mergeAllOf(schema, schema.allOf), root, prng, depth + 1, strict);

  let type = schema.type;
  if (Array.isArray(type)) {
    const nonNull = type.filter((t) => t !== 'null');
    type = depth > SOFT_DEPTH && type.includes('null') ? 'null' : (nonNull[0] ?? 'null');
  }
  if (type === undefined) {
    if ('properties' in schema || 'required' in schema) type = 'object';
    else if ('items' in schema || 'prefixItems' in schema) type = 'array';
    else type = 'string';
  }
  switch (type) {
    case 'object':
      return genObject(schema, root, prng, depth, strict);
    case 'array':
      return genArray(schema, root, prng, depth, strict);
    case 'string':
      return genString(schema, prng);
    case 'integer':
    case 'number':
      return strict ? strictNumber(schema, prng, type === 'integer') : genNumber(schema, prng, type === 'integer');
    case 'boolean':
      return prng.next() < 0.5;
    case 'null':
      return null;
    default:
      throw new Error(`unsupported JSON Schema type ${String(type)}`);
  }
}

function genObject(schema: Rec, root: unknown, prng: Prng, depth: number, strict: boolean): Rec {
  const out: Rec = {};
  const properties = isRec(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
  // Optional properties are filled too: a model under strict mode answers every field, and a
  // fuller object exercises more of the caller's parsing.
  const keys = depth > SOFT_DEPTH ? required : [...new Set([...Object.keys(properties), ...required])];
  for (const key of keys) out[key] = gen(properties[key], root, prng, depth + 1, strict);
  return out;
}

function genArray(schema: Rec, root: unknown, prng: Prng, depth: number, strict: boolean): unknown[] {
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  const minItems = Math.max(num(schema.minItems) ?? (depth > SOFT_DEPTH ? 0 : 1), prefix.length);
  const maxItems = Math.max(num(schema.maxItems) ?? (strict ? minItems + 6 : Math.max(minItems, 3)), minItems);
  const count = depth > SOFT_DEPTH ? minItems : prng.int(minItems, maxItems);
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; out.length < count && attempt < count * 10; attempt++) {
    const itemSchema = out.length < prefix.length ? prefix[out.length] : schema.items;
    if (itemSchema === false) break;
    const value = gen(itemSchema, root, prng, depth + 1, strict);
    const key = JSON.stringify(value);
    if (schema.uniqueItems === true && seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

function genString(schema: Rec, prng: Prng): string {
  const format = typeof schema.format === 'string' ? schema.format : undefined;
  const formatted = format ? genFormat(format, prng) : undefined;
  if (formatted !== undefined) return formatted;
  const minLength = num(schema.minLength) ?? 0;
  const maxLength = num(schema.maxLength) ?? Math.max(minLength, 60);
  const words = Array.from({ length: prng.int(1, 4) }, () => randomWord(prng));
  let text = words.join(' ');
  while (text.length < minLength) text += ` ${randomWord(prng)}`;
  if (text.length > maxLength) text = text.slice(0, maxLength);
  // A trailing space reads like a glitch, so swap it for a letter.
  text = text.endsWith(' ') ? `${text.slice(0, -1)}x` : text;
  // Words fit the simple patterns schemas use ("\\S"); for any other, the shortest string that fits.
  return typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(text) ? shortestString(schema, prng) : text;
}

function genFormat(format: string, prng: Prng): string | undefined {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const date = new Date(Date.UTC(2024, prng.int(0, 11), prng.int(1, 28), prng.int(0, 23), prng.int(0, 59), prng.int(0, 59)));
  const hex = (n: number): string => Array.from({ length: n }, () => prng.int(0, 15).toString(16)).join('');
  switch (format) {
    case 'date-time':
      return date.toISOString();
    case 'date':
      return date.toISOString().slice(0, 10);
    case 'time':
      return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
    case 'email':
      return `${randomWord(prng)}.${randomWord(prng)}@example.com`;
    case 'uuid':
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${prng.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
    case 'uri':
    case 'url':
      return `https://example.com/${randomWord(prng)}`;
    case 'ipv4':
      return `10.${prng.int(0, 255)}.${prng.int(0, 255)}.${prng.int(1, 254)}`;
    case 'duration':
      return `PT${prng.int(1, 59)}M`;
    default:
      return undefined;
  }
}

function genNumber(schema: Rec, prng: Prng, integer: boolean): number {
  const exMin = num(schema.exclusiveMinimum);
  const exMax = num(schema.exclusiveMaximum);
  let lo = num(schema.minimum) ?? -Infinity;
  let hi = num(schema.maximum) ?? Infinity;
  if (integer) {
    if (exMin !== undefined) lo = Math.max(lo, Math.floor(exMin) + 1);
    if (exMax !== undefined) hi = Math.min(hi, Math.ceil(exMax) - 1);
    lo = Math.ceil(lo);
    hi = Math.floor(hi);
  } else {
    const eps = 1e-6;
    if (exMin !== undefined) lo = Math.max(lo, exMin + eps);
    if (exMax !== undefined) hi = Math.min(hi, exMax - eps);
  }
  // Prefer small, human-looking numbers inside the allowed range rather than ±2^53 extremes.
  const niceLo = Math.min(Math.max(0, lo), hi);
  const niceHi = Math.max(Math.min(niceLo + 100, hi), niceLo);
  const multipleOf = num(schema.multipleOf);
  if (integer || multipleOf !== undefined) {
    const step = multipleOf ?? 1;
    const first = Math.ceil(niceLo / step);
    const last = Math.floor(niceHi / step);
    return last >= first ? prng.int(first, last) * step : first * step;
  }
  const value = niceLo + (niceHi - niceLo) * (0.1 + 0.8 * prng.next());
  const rounded = Math.round(value * 100) / 100;
  return rounded > lo && rounded < hi ? rounded : value;
}

/**
 * A number as a literal-minded provider gives it: inside the bounds the schema states, and where it
 * states none, outside any rating scale (99 or -7); for `number`, a fraction whenever the range has room.
 */
function strictNumber(schema: Rec, prng: Prng, integer: boolean): number {
  const lo =
    num(schema.minimum) ?? (num(schema.exclusiveMinimum) !== undefined ? num(schema.exclusiveMinimum)! + (integer ? 1 : 0.25) : undefined);
  const hi =
    num(schema.maximum) ?? (num(schema.exclusiveMaximum) !== undefined ? num(schema.exclusiveMaximum)! - (integer ? 1 : 0.25) : undefined);
  if (lo === undefined && hi === undefined) return prng.pick(integer ? [99, -7] : [99.5, -7.25]);
  if (lo === undefined) return hi! - 100;
  if (hi === undefined) return lo + 100;
  if (integer) return prng.int(Math.ceil(lo), Math.floor(hi));
  return hi - lo >= 1 ? Math.floor(lo + prng.next() * (hi - lo - 0.5)) + 0.5 : lo;
}
