import { overlaps, trimEdges, type Span } from './span';
import type { PiiKind } from './types';
import { neverPii } from './words';

// On equal length the more specific kind wins: an email holds a name, an address holds a place,
// a valid date ("2023-04-11") is not read as an identifier.
const rank: Record<PiiKind, number> = { email: 0, url: 1, address: 2, date: 3, phone: 4, id: 5, age: 6, name: 7, place: 8 };
const structured = (s: Span) => s.kind !== 'name' && s.kind !== 'place';

const byPriority = (a: Span, b: Span) => b.end - b.start - (a.end - a.start) || rank[a.kind] - rank[b.kind] || a.start - b.start;

function greedy(spans: Span[], taken: Span[]): Span[] {
  const kept: Span[] = [];
  for (const s of [...spans].sort(byPriority)) {
    if (![...taken, ...kept].some((t) => overlaps(s, t))) kept.push(s);
  }
  return kept;
}

const connector = /^(?:in|at|of|on|and|the|from|to|near)\s+|\s+(?:in|at|of|on|and|the|from|to|near)$/i;

/** The parts of a name or place span left after the structured spans are cut out of it. */
function clip(text: string, span: Span, taken: Span[]): Span[] {
  let parts = [{ start: span.start, end: span.end }];
  for (const t of taken) {
    parts = parts.flatMap((p) =>
      overlaps(p, t)
        ? [
            { start: p.start, end: t.start },
            { start: t.end, end: p.end },
          ]
        : [p],
    );
  }
  const out: Span[] = [];
  for (const p of parts) {
    let { start, end } = trimEdges(text, p.start, p.end);
    for (let m = connector.exec(text.slice(start, end)); m; m = connector.exec(text.slice(start, end))) {
      if (m.index === 0) start += m[0].length;
      else end -= m[0].length;
      ({ start, end } = trimEdges(text, start, end));
    }
    const words = text.slice(start, end).split(/\s+/);
    // A capital says a name; so does a cue around a lower-case one ("my coworker priya", "in tulsa").
    const named = words.some((w) => !neverPii.has(w.toLowerCase()) && (span.source === 'pattern' || /^\p{Lu}/u.test(w)));
    if (named && end > start) out.push({ ...span, start, end });
  }
  return out;
}

/**
 * One span per stretch of text. Structured kinds (emails, phones, addresses…) are placed first:
 * longer wins, then the more specific kind. Names and places then fill what is left, cut around
 * them, so that "42 Elm Street in Springfield" gives an address and a place, and the name inside
 * an email is not flagged twice.
 */
export function resolveOverlaps(text: string, spans: Span[]): Span[] {
  const fixed = greedy(spans.filter(structured), []);
  const words = spans.filter((s) => !structured(s)).flatMap((s) => clip(text, s, fixed));
  return [...fixed, ...greedy(words, fixed)].sort((a, b) => a.start - b.start || a.end - b.end);
}
