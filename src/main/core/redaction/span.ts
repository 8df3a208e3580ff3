import type { PiiKind } from './types';

/** A candidate found in one turn's text, before overlaps are resolved and ids are given. */
export interface Span {
  start: number;
  end: number;
  kind: PiiKind;
  source: 'nlp' | 'pattern';
  confidence: number;
}

export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

/** Every match of a global pattern; with `group`, the offsets of that capture (the pattern needs the `d` flag). */
export function* matches(re: RegExp, text: string, group = 0): Generator<{ start: number; end: number; m: RegExpExecArray }> {
  if (!re.global || (group > 0 && !re.hasIndices)) throw new Error('matches() needs a global pattern, with the d flag for groups');
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') re.lastIndex++;
    const at: [number, number] | undefined = group === 0 ? [m.index, m.index + m[0].length] : m.indices?.[group];
    if (!at) continue;
    yield { start: at[0], end: at[1], m };
  }
}

/** Pulls punctuation a pattern or the language library caught at either edge off a span. */
export function trimEdges(text: string, start: number, end: number, edge = /[\s.,;:!?'"“”‘’()[\]{}<>—–-]/): { start: number; end: number } {
  while (start < end && edge.test(text[start] ?? '')) start++;
  while (end > start && edge.test(text[end - 1] ?? '')) end--;
  return { start, end };
}
