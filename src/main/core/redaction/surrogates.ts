import type { Entity } from './entities';
import { nameTokens } from './entities';
import { pickIndex, seededRandom } from './random';
import { nameGender } from './nlpTerms';
import { cities, femaleNames, firstNames, maleNames, neutralNames, streets, surnames, urlPaths } from './surrogateData';
import { shiftDateText } from './surrogateDates';
import type { Detection } from './types';
import { honorifics, placeLikeOrgWords, streetTypes } from './words';

/** Everything one session's surrogates share: the seed, the date shift, and what is already used. */
export interface SurrogateContext {
  seed: string;
  /** Days added to every date of the session (never 0). */
  dateShiftDays: number;
  /** Where a detail cannot be rewritten in shape (a date in an unknown format), its placeholder. */
  fallback: (e: Entity) => string;
  used: Set<string>;
  names: Map<Entity, Map<string, string>>;
  values: Map<Entity, string>;
}

export function surrogateContext(seed: string, fallback: (e: Entity) => string): SurrogateContext {
  const r = seededRandom(seed, 'date-shift');
  const days = 14 + pickIndex(r, 150);
  return { seed, dateShiftDays: r() < 0.5 ? -days : days, fallback, used: new Set(), names: new Map(), values: new Map() };
}

/** A list entry not yet given to another entity of the session and not the original word itself. */
function pickFresh(ctx: SurrogateContext, list: readonly string[], avoid: string[], ...key: string[]): string {
  const r = seededRandom(ctx.seed, ...key);
  const start = pickIndex(r, list.length);
  for (let i = 0; i < list.length; i++) {
    const v = list[(start + i) % list.length] ?? '';
    if (!ctx.used.has(v) && !avoid.includes(v.toLowerCase())) {
      ctx.used.add(v);
      return v;
    }
  }
  return list[start] ?? '';
}

/** Name words of the entity mapped to surrogate words: first name to a first name, surname to a surname. */
function nameMap(e: Entity, ctx: SurrogateContext): Map<string, string> {
  const cached = ctx.names.get(e);
  if (cached) return cached;
  const map = new Map<string, string>();
  e.tokens.forEach((t, i) => {
    const isSurname = (e.titled && e.tokens.length === 1) || (i > 0 && i === e.tokens.length - 1);
    const gender = nameGender(t);
    const list = isSurname ? surnames : gender === 'female' ? femaleNames : gender === 'male' ? maleNames : neutralNames;
    map.set(t, pickFresh(ctx, list, e.tokens, 'name', e.key, String(i)));
  });
  ctx.names.set(e, map);
  return map;
}

function nameSurrogate(e: Entity, d: Detection, ctx: SurrogateContext): string {
  const map = nameMap(e, ctx);
  const fallback = [...map.values()][0] ?? 'Alex';
  return d.text.replace(/[\p{L}'’.-]+/gu, (word) => {
    if (honorifics.has(word.toLowerCase().replace(/\.$/, ''))) return word;
    const { tokens } = nameTokens(word);
    const s = map.get(tokens[0] ?? '') ?? fallback;
    return word.length > 1 && word === word.toUpperCase() ? s.toUpperCase() : s;
  });
}

/** Every digit (and letter, for codes) replaced by a seeded one; separators and a leading +cc or 0 kept. */
function reshape(text: string, ctx: SurrogateContext, key: string, keepPrefix: RegExp | null): string {
  const r = seededRandom(ctx.seed, 'shape', key);
  const prefix = keepPrefix?.exec(text)?.[0] ?? '';
  const body = text.slice(prefix.length).replace(/[0-9]/g, () => String(pickIndex(r, 10)));
  return (
    prefix +
    body
      .replace(/[A-Z]/g, () => String.fromCharCode(65 + pickIndex(r, 26)))
      .replace(/[a-z]/g, () => String.fromCharCode(97 + pickIndex(r, 26)))
  );
}

const numberWords: Record<string, number> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
const ageValue = (text: string) =>
  /^\d+$/.test(text)
    ? Number(text)
    : text
        .toLowerCase()
        .split(/[- ]/)
        .reduce((n, w) => n + (numberWords[w] ?? 0), 0);

/** An age moved by 1 to 3 years, never across 18: a minor stays a minor, which matters for safeguarding. */
function ageSurrogate(e: Entity, d: Detection, ctx: SurrogateContext): string {
  const age = ageValue(d.text);
  const r = seededRandom(ctx.seed, 'age', e.key);
  const delta = (1 + pickIndex(r, 3)) * (r() < 0.5 ? -1 : 1);
  let out = Math.max(1, age + delta);
  if (age < 18 && out >= 18) out = Math.max(1, age - Math.abs(delta));
  if (age >= 18 && out < 18) out = age + Math.abs(delta);
  return String(out);
}

const typeWord = new RegExp(`\\s(${streetTypes.join('|')})\\b`);

function placeSurrogate(e: Entity, d: Detection, ctx: SurrogateContext): string {
  const city = pickFresh(ctx, cities, [e.key], 'place', e.key);
  const of = /^(University|College|Hospital) of /.exec(d.text);
  if (of) return `${of[0]}${city}`;
  const last = d.text.split(/\s+/).pop() ?? '';
  return placeLikeOrgWords.has(last.toLowerCase()) ? `${city} ${last}` : city;
}

function addressSurrogate(e: Entity, d: Detection, ctx: SurrogateContext): string {
  const digits = reshape(d.text, ctx, e.key, null).replace(/[A-Za-z]/g, (c, i: number) => d.text[i] ?? c);
  const m = typeWord.exec(digits);
  const numberEnd = /\d[A-Za-z]?,?\s+/.exec(digits);
  if (!m || !numberEnd) return digits;
  const streetStart = numberEnd.index + numberEnd[0].length;
  return `${digits.slice(0, streetStart)}${pickFresh(ctx, streets, [], 'street', e.key)}${digits.slice(m.index)}`;
}

function valueSurrogate(e: Entity, d: Detection, ctx: SurrogateContext): string {
  switch (e.kind) {
    case 'phone':
      return reshape(d.text, ctx, e.key, /^(?:\+\d{1,3}|0|1(?=[ .-]))/);
    case 'id':
      return reshape(d.text, ctx, e.key, null);
    case 'email': {
      const r = seededRandom(ctx.seed, 'email', e.key);
      return `${firstNames[pickIndex(r, firstNames.length)]}.${surnames[pickIndex(r, surnames.length)]}${e.order + 1}@example.org`.toLowerCase();
    }
    case 'url': {
      const path = `${urlPaths[pickIndex(seededRandom(ctx.seed, 'url', e.key), urlPaths.length)]}-${e.order + 1}`;
      if (/^https?:\/\//i.test(d.text)) return `https://example.org/${path}`;
      return `${/^www\./i.test(d.text) ? 'www.' : ''}example.org/${path}`;
    }
    case 'date':
      return shiftDateText(d.text, ctx.dateShiftDays) ?? ctx.fallback(e);
    case 'age':
      return ageSurrogate(e, d, ctx);
    case 'place':
      return placeSurrogate(e, d, ctx);
    case 'address':
      return addressSurrogate(e, d, ctx);
    default:
      return ctx.fallback(e);
  }
}

/** A realistic stand-in, the same for every mention of the entity within the session. */
export function surrogateFor(e: Entity, d: Detection, ctx: SurrogateContext): string {
  if (e.kind === 'name') return nameSurrogate(e, d, ctx);
  // Dates and ages are rewritten per mention (formats differ); the rest is one value per entity.
  if (e.kind === 'date' || e.kind === 'age') return valueSurrogate(e, d, ctx);
  const known = ctx.values.get(e);
  if (known !== undefined) return known;
  const v = valueSurrogate(e, d, ctx);
  ctx.values.set(e, v);
  return v;
}
