/** The part of a detected detail that says who or what it is. */
export interface MentionLike {
  id: string;
  text: string;
  kind: string;
}

export type MentionDecision = 'accepted' | 'rejected';

const entityWords = (d: MentionLike) =>
  d.text
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/^(?:dr|mr|mrs|ms|mx|prof)\.?\s+/, '')
    .split(/\s+/);

/**
 * Two detections of the same person or place, as the backend groups them: the same words in any case
 * ("Maria", "MARIA", "maria's"), or a first name of a full name ("Maria" and "Maria Lopez").
 */
export function sameEntity(a: MentionLike, b: MentionLike): boolean {
  if (a.kind !== b.kind) return false;
  const x = entityWords(a);
  const y = entityWords(b);
  if (x.join(' ') === y.join(' ')) return true;
  return a.kind === 'name' && (x.length === 1 || y.length === 1) && x[0] === y[0];
}

/**
 * A decision on one mention holds for every mention of the same entity that has no decision of its
 * own yet; a mention decided on its own keeps its decision (so each can still be overridden).
 */
export function decideMention(
  detections: readonly MentionLike[],
  current: Record<string, MentionDecision>,
  id: string,
  decision: MentionDecision,
): Record<string, MentionDecision> {
  const target = detections.find((d) => d.id === id);
  const next = { ...current, [id]: decision };
  if (!target) return next;
  for (const d of detections) if (d.id !== id && next[d.id] === undefined && sameEntity(d, target)) next[d.id] = decision;
  return next;
}
