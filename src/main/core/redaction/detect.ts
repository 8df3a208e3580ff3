import { findNamesAndPlaces } from './nlp';
import { findAddresses } from './patterns/address';
import { findAges, findAnsweredAges } from './patterns/ages';
import { findEmails, findUrls } from './patterns/contact';
import { findContextNames, findContextPlaces } from './patterns/context';
import { findCuedNames, findInstitutions } from './patterns/cues';
import { findDates } from './patterns/dates';
import { findCodes, findNumbers } from './patterns/numbers';
import { propagateNames } from './propagate';
import { resolveOverlaps } from './resolve';
import type { Span } from './span';
import type { Detection, DetectOptions, RedactionTurn } from './types';
import { publicNumbers, publicSites } from './words';

const finders: ((text: string) => Span[])[] = [
  findEmails,
  findUrls,
  findNumbers,
  findCodes,
  findDates,
  findAges,
  findAddresses,
  findCuedNames,
  findContextNames,
  findContextPlaces,
  findInstitutions,
  findNamesAndPlaces,
];

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** True when a span is a word or phrase the project chose never to flag. */
function allowed(text: string, allow: Set<string>): boolean {
  if (allow.size === 0) return false;
  const t = norm(text);
  return allow.has(t) || t.split(' ').every((w) => allow.has(w.replace(/[.,'’]+$/, '')));
}

/** A crisis line or public help site: never personal, and must survive redaction. */
function publicResource(s: Span, text: string): boolean {
  if (s.kind === 'phone' || s.kind === 'id') return publicNumbers.has(text.replace(/\D/g, ''));
  if (s.kind !== 'url') return false;
  const host =
    text
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/^www\./, '')
      .split('/')[0] ?? '';
  return publicSites.some((site) => host === site || host.endsWith(`.${site}`));
}

// "we met in Savannah", "she comes from Charlotte": a first name in the position of a place is a place.
const beforePlace = /\b(?:in|near|(?:comes?|came|moved|moving|drove|drive|flew|lives?|lived|down|up|back|over)\s+from)\s+$/i;
const placeByPosition = (text: string, s: Span) =>
  beforePlace.test(text.slice(0, s.start)) && !/^['’]s\b/.test(text.slice(s.end)) && !/\s/.test(text.slice(s.start, s.end));

/**
 * Finds personal details in every turn. Offsets are UTF-16 positions in each turn's own text; the
 * result is ordered by turn, then position, and the same text always gives the same detections.
 */
export function detectPii(turns: readonly RedactionTurn[], options: DetectOptions = {}): Detection[] {
  const kinds = options.kinds ? new Set(options.kinds) : null;
  const allow = new Set((options.allowList ?? []).map(norm));
  const texts = turns.map((t) => t.text);
  const spans = texts.map((text, i) => {
    const found = [...finders.flatMap((find) => find(text)), ...(i > 0 ? findAnsweredAges(texts[i - 1] ?? '', text) : [])];
    const candidates = found.filter((s) => {
      const t = text.slice(s.start, s.end);
      return s.end > s.start && !allowed(t, allow) && !publicResource(s, t);
    });
    return resolveOverlaps(text, candidates).map((s) =>
      s.kind === 'name' && s.source === 'nlp' && placeByPosition(text, s) ? { ...s, kind: 'place' as const } : s,
    );
  });
  propagateNames(texts, spans, options.known ?? []);
  const out: Detection[] = [];
  spans.forEach((turnSpans, turnIndex) => {
    const text = texts[turnIndex] ?? '';
    // Kinds are filtered after overlaps are settled so that asking for fewer kinds never turns
    // the inside of an email into a name.
    for (const s of turnSpans) {
      if (kinds && !kinds.has(s.kind)) continue;
      out.push({
        id: `${turnIndex}:${s.start}:${s.end}`,
        turnIndex,
        start: s.start,
        end: s.end,
        text: text.slice(s.start, s.end),
        kind: s.kind,
        source: s.source,
        confidence: s.confidence,
      });
    }
  });
  return out;
}
