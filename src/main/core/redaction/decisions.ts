import { groupEntities } from './entities';
import type { Decision, Decisions, Detection, PiiKind, RedactionTurn } from './types';

/** One entity of a session as the review screens show it: what it is, how it is written, where. */
export interface SessionEntity {
  kind: PiiKind;
  /** Lower-case words it is matched by across sessions ("maria lopez"). */
  key: string;
  /** The longest way it is written in the session ("Maria Lopez"). */
  label: string;
  mentionIds: string[];
}

/** The entities of a session's detections, in order of first appearance. */
export function sessionEntities(turns: readonly RedactionTurn[], detections: readonly Detection[]): SessionEntity[] {
  const out = new Map<object, SessionEntity>();
  for (const [id, e] of groupEntities(turns, detections)) {
    const d = e.mentions.find((m) => m.id === id)!;
    const text = d.text.replace(/['’]s$/, '');
    const entry = out.get(e) ?? { kind: e.kind, key: e.kind === 'name' ? e.tokens.join(' ') : e.key, label: text, mentionIds: [] };
    if (text.length > entry.label.length) entry.label = text;
    entry.key = e.kind === 'name' ? e.tokens.join(' ') : e.key;
    entry.mentionIds.push(id);
    out.set(e, entry);
  }
  return [...out.values()];
}

/**
 * A person's decision on one mention holds for every mention of the same entity ("Maria" rejected
 * keeps "MARIA" and "maria's" too), unless another mention has its own decision: the first decided
 * mention speaks for the undecided ones.
 */
export function spreadDecisions(turns: readonly RedactionTurn[], detections: readonly Detection[], decisions: Decisions): Decisions {
  const out: Decisions = { ...decisions };
  for (const entity of sessionEntities(turns, detections)) {
    const first = entity.mentionIds.map((id) => decisions[id]).find((d): d is Decision => d !== undefined);
    if (!first) continue;
    for (const id of entity.mentionIds) out[id] ??= first;
  }
  return out;
}
