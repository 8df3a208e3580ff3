/** A piece of text, marked when it is what was found (before) or what replaced it (after). */
export interface Segment {
  text: string;
  hit: boolean;
}

export interface FindOptions {
  find: string;
  matchCase: boolean;
  wholeWord: boolean;
}

/** The same literal search the backend runs (sessions.findReplace), to mark the matches it reports. */
export function findRegex({ find, matchCase, wholeWord }: FindOptions): RegExp {
  const escaped = find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const body = wholeWord ? `(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])` : escaped;
  return new RegExp(body, `gu${matchCase ? '' : 'i'}`);
}

/** A turn before and after replacing, split so each match and each replacement can be highlighted. */
export function replacementSegments(before: string, options: FindOptions, replacement: string): { before: Segment[]; after: Segment[] } {
  const re = findRegex(options);
  const b: Segment[] = [];
  const a: Segment[] = [];
  let last = 0;
  for (const m of before.matchAll(re)) {
    const start = m.index;
    if (start > last) {
      b.push({ text: before.slice(last, start), hit: false });
      a.push({ text: before.slice(last, start), hit: false });
    }
    b.push({ text: m[0], hit: true });
    if (replacement) a.push({ text: replacement, hit: true });
    last = start + m[0].length;
  }
  if (last < before.length) {
    b.push({ text: before.slice(last), hit: false });
    a.push({ text: before.slice(last), hit: false });
  }
  return { before: b, after: a };
}

/**
 * Shortens long unmarked stretches to some context around the marks, so a snippet shows the change
 * without the whole turn: "…the last forty characters [match] the next forty…".
 */
export function snippet(segments: Segment[], context = 48): Segment[] {
  return segments.map((s, i) => {
    if (s.hit) return s;
    const first = i === 0;
    const lastSeg = i === segments.length - 1;
    if (first && !lastSeg) return s.text.length > context ? { text: `…${s.text.slice(-context).trimStart()}`, hit: false } : s;
    if (lastSeg && !first) return s.text.length > context ? { text: `${s.text.slice(0, context).trimEnd()}…`, hit: false } : s;
    if (s.text.length > context * 2)
      return { text: `${s.text.slice(0, context).trimEnd()} … ${s.text.slice(-context).trimStart()}`, hit: false };
    return s;
  });
}

/**
 * Splits text at the given spans (UTF-16 offsets, as String.slice takes them). Overlapping or
 * out-of-range spans are skipped rather than mangling the text.
 */
export function splitAtSpans<T extends { start: number; end: number }>(
  text: string,
  spans: readonly T[],
): ({ text: string; span: null } | { text: string; span: T })[] {
  const sorted = [...spans].sort((x, y) => x.start - y.start);
  const out: ({ text: string; span: null } | { text: string; span: T })[] = [];
  let pos = 0;
  for (const span of sorted) {
    if (span.start < pos || span.end > text.length || span.end <= span.start) continue;
    if (span.start > pos) out.push({ text: text.slice(pos, span.start), span: null });
    out.push({ text: text.slice(span.start, span.end), span });
    pos = span.end;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), span: null });
  return out;
}
