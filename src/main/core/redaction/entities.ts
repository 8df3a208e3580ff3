import type { Detection, PiiKind, RedactionTurn } from './types';
import { honorifics } from './words';

/** Whose name it is, when the conversation says so; null for anyone else. */
export type NameRole = 'client' | 'counselor' | null;

/** One person, place, number… that several detections refer to. */
export interface Entity {
  kind: PiiKind;
  /** Position in order of first appearance, per kind; used for stable numbering. */
  order: number;
  /** Lower-case name words without titles, from the longest mention ("sarah jones"). */
  tokens: string[];
  /** A title came with a one-word name ("Dr. Patel"): the word is a surname. */
  titled: boolean;
  role: NameRole;
  key: string;
  mentions: Detection[];
}

const stripWord = (w: string) =>
  w
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/[.,]+$/, '');

export function nameTokens(text: string): { tokens: string[]; titled: boolean } {
  const words = text.split(/\s+/).filter(Boolean).map(stripWord);
  const tokens = words.filter((w) => !honorifics.has(w));
  return { tokens, titled: tokens.length < words.length };
}

/** The form under which two mentions of a structured detail count as the same one. */
export function entityKey(kind: PiiKind, text: string): string {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (kind === 'phone' || kind === 'id') return t.replace(/[^0-9a-z]/g, '');
  if (kind === 'url')
    return t
      .replace(/^https?:\/\//, '')
      .replace(/^www\./, '')
      .replace(/\/+$/, '');
  return t;
}

// "I'm Sarah", "my name is Sarah": the speaker's own name. "Hi Sarah", "Thank you, Dr. Patel", or a
// name opening a sentence followed by a comma ("Of course. Aoife, I'd like…"): the person spoken to.
const selfIntro = /\b(?:I'm|I’m|I am|my name is|my name's|my name’s|call me|I go by)\s+$/i;
const greeting = /\b(?:hi|hello|hey|thanks|thank you|welcome|bye|goodbye|good (?:morning|afternoon|evening)|nice to meet you)[,!]?\s+$/i;

function mentionRole(turn: RedactionTurn, d: Detection): NameRole {
  if (turn.role === 'system') return null;
  const before = turn.text.slice(0, d.start);
  const after = turn.text.slice(d.end);
  const self = selfIntro.test(before) && !/^['’]s\b/.test(after);
  const addressed = greeting.test(before) || (/(?:^|[.!?]\s+)$/.test(before) && /^\s*,/.test(after));
  if (!self && !addressed) return null;
  const speakerIsClient = turn.role === 'user';
  return self === speakerIsClient ? 'client' : 'counselor';
}

/** Same person: same words, or a first name (or a titled surname) that a longer name begins or ends with. */
function samePerson(e: Entity, tokens: string[], titled: boolean): boolean {
  const known = e.tokens;
  if (known.join(' ') === tokens.join(' ')) return true;
  if (tokens.length === 1) return known[0] === tokens[0] || ((titled || e.titled) && known[known.length - 1] === tokens[0]);
  if (known.length === 1) return known[0] === tokens[0] || (e.titled && known[0] === tokens[tokens.length - 1]);
  return known[0] === tokens[0] && known[known.length - 1] === tokens[tokens.length - 1];
}

/**
 * Groups detections (already known not to overlap) into entities, in order of appearance. A name's
 * role is the first one any of its mentions shows, so "Sarah" said early is the client's name when
 * the counselor greets "Hi Sarah" later.
 */
export function groupEntities(turns: readonly RedactionTurn[], detections: readonly Detection[]): Map<string, Entity> {
  const byId = new Map<string, Entity>();
  const entities: Entity[] = [];
  const ordered = [...detections].sort((a, b) => a.turnIndex - b.turnIndex || a.start - b.start);
  for (const d of ordered) {
    let entity: Entity | undefined;
    if (d.kind === 'name') {
      const { tokens, titled } = nameTokens(d.text);
      entity = entities.find((e) => e.kind === 'name' && samePerson(e, tokens, titled));
      if (entity && tokens.length > entity.tokens.length) entity.tokens = tokens;
      if (entity) entity.titled ||= titled && tokens.length === 1;
      entity ??= { kind: 'name', order: 0, tokens, titled: titled && tokens.length === 1, role: null, key: tokens.join(' '), mentions: [] };
      const turn = turns[d.turnIndex];
      entity.role ??= turn ? mentionRole(turn, d) : null;
    } else {
      const key = entityKey(d.kind, d.text);
      entity = entities.find((e) => e.kind === d.kind && e.key === key);
      entity ??= { kind: d.kind, order: 0, tokens: [], titled: false, role: null, key, mentions: [] };
    }
    if (!entities.includes(entity)) {
      entity.order = entities.filter((e) => e.kind === d.kind).length;
      entities.push(entity);
    }
    entity.mentions.push(d);
    byId.set(d.id, entity);
  }
  return byId;
}
