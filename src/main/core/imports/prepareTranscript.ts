import { createHash } from 'node:crypto';
import type { SpeakerGuess, SpeakerRole } from '../../../shared/domain/importing';
import type { Turn } from '../../../shared/domain/session';
import { sessionSignature } from '../sessions/minhash';
import { sessionTokens } from '../sessions/sessionEditing';
import { cleanTurns, splitIntoWindows, type CleaningStats, type WindowSplit } from './cleaning';
import type { CleaningOptions } from './cleaningOptions';
import { messageTokensAtMost } from './tokens';
import { guessRoles } from './formats/roleGuess';
import type { ParsedTranscript } from './types';
import { groupedCount } from '../util/count';

export interface RoleSources {
  /** Chosen for this file in the wizard (or `--map` on the CLI). */
  file?: Record<string, SpeakerRole> | undefined;
  /** Chosen for every file in this import. */
  all?: Record<string, SpeakerRole> | undefined;
  /** Remembered from earlier imports, by lower-cased speaker name. */
  remembered: ReadonlyMap<string, SpeakerRole>;
}

export interface PreparedSession {
  key: string;
  title: string;
  turns: Turn[];
  systemPrompt: string | null;
  metadata: Record<string, unknown>;
  /** Absent for an import when no split needed a count: the session is stored uncounted (see sessions/tokenCounts). */
  tokenCount?: number | undefined;
  contentHash: string;
  /** The MinHash signature of the turns, made for an import (its near-duplicate check) beside the parsing, off the answering thread. */
  signature?: Uint32Array | undefined;
  cleaning: CleaningStats & { options: CleaningOptions; part: number | null; parts: number };
}

/**
 * What the prepared sessions are for. A preview shows each transcript's tokens. An import needs each
 * session's signature for its near-duplicate check, and leaves tokens uncounted (a split still counts):
 * loading the tokenizer took most of a short import's time, and they are counted before any read shows them.
 */
export type PreparePurpose = 'preview' | 'import';

export interface PreparedTranscript {
  key: string;
  title: string;
  utterances: number;
  speakers: SpeakerGuess[];
  sessions: PreparedSession[];
  /** What the token-window split left out, for the file's report (warnings). */
  notes: string[];
  /** Why no session came out, when none did. */
  emptyReason?: string;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Says what the split into token windows left out, so nothing disappears without a word. */
function splitNotes(split: WindowSplit, maxTokens: number): { notes: string[]; emptyReason?: string } {
  const limit = () => `the token limit (${groupedCount(maxTokens)} tokens)`;
  const fix = 'raise the token limit or turn splitting off in the cleaning options to keep them';
  if (split.windows.length === 0) {
    return {
      notes: [],
      emptyReason: `is longer than ${limit()}, and it has no client turn followed by a counselor turn to split it at (a window must start with the client and end with the counselor); ${fix}, or check the speaker roles`,
    };
  }
  const left: string[] = [];
  if (split.droppedLeading > 0)
    left.push(`${plural(split.droppedLeading, 'counselor turn', 'counselor turns')} before the first client turn`);
  if (split.droppedBetween > 0) left.push(`${plural(split.droppedBetween, 'counselor turn', 'counselor turns')} that did not fit a window`);
  if (split.droppedTrailing > 0) left.push(`${plural(split.droppedTrailing, 'client turn', 'client turns')} after the last counselor turn`);
  if (left.length === 0) return { notes: [] };
  return {
    notes: [
      `It is longer than ${limit()} and was split into ${plural(split.windows.length, 'window', 'windows')} that start with the client and end with the counselor; left out: ${left.join(', ')}. To keep them, ${fix}.`,
    ],
  };
}

// Below this a guessed role is said in the report: the labels did not settle it, only the words did.
const UNSURE_GUESS = 0.75;
const roleName = (role: SpeakerGuess['role']): string => (role === 'assistant' ? 'counselor' : role === 'user' ? 'client' : role);

/**
 * Says which speakers' turns were left out because their role is "drop" (a "Notes:" line, a narrator,
 * a caption sound), and which roles are only a weak guess, so that neither goes by without a word.
 */
function speakerNotes(speakers: readonly SpeakerGuess[]): string[] {
  const notes: string[] = [];
  const dropped = speakers.filter((s) => s.role === 'drop');
  if (dropped.length > 0) {
    const who = dropped.map((s) => `${plural(s.utterances, 'turn', 'turns')} by "${s.speaker}" (${s.reason})`);
    const example = dropped[0]?.speaker ?? '';
    notes.push(
      `Left out, as the role "drop" says: ${who.join('; ')}. To keep them, give the speaker a role (on the CLI: --map "${example}=user").`,
    );
  }
  const unsure = speakers.filter((s) => s.basis === 'guess' && s.role !== 'drop' && s.confidence < UNSURE_GUESS);
  if (unsure.length > 0) {
    const who = unsure.map((s) => `"${s.speaker}" as the ${roleName(s.role)} (${Math.round(s.confidence * 100)}%: ${s.reason})`);
    const first = unsure[0];
    const other = first?.role === 'assistant' ? 'user' : 'assistant';
    notes.push(
      `The labels do not say who is the counselor, so the roles were guessed from the words: ${who.join('; ')}. Check them, and set them if wrong (on the CLI, --map "${first?.speaker ?? ''}=${other}" makes "${first?.speaker ?? ''}" the ${roleName(other)}).`,
    );
  }
  return notes;
}

export const speakerKey = (speaker: string) => speaker.trim().toLowerCase();

/** Who plays which role: the person's choice for this file, then for all files, the file itself, memory, a guess. */
export function resolveSpeakers(transcript: ParsedTranscript, roles: RoleSources): SpeakerGuess[] {
  // Guessed only when some speaker has no role from a person, the file or memory.
  let guesses: ReturnType<typeof guessRoles> | undefined;
  const counts = new Map<string, number>();
  for (const u of transcript.utterances) counts.set(u.speaker, (counts.get(u.speaker) ?? 0) + 1);
  return [...counts.keys()].map((speaker) => {
    const utterances = counts.get(speaker) ?? 0;
    const chosen = roles.file?.[speaker] ?? roles.all?.[speaker];
    if (chosen) return { speaker, role: chosen, confidence: 1, reason: 'chosen by you', basis: 'remembered' as const, utterances };
    const known = transcript.knownRoles?.[speaker];
    if (known)
      return {
        speaker,
        role: known === 'system' ? ('drop' as const) : known,
        confidence: 1,
        reason: 'given in the file',
        basis: 'source' as const,
        utterances,
      };
    const remembered = roles.remembered.get(speakerKey(speaker));
    if (remembered)
      return {
        speaker,
        role: remembered,
        confidence: 0.95,
        reason: 'remembered from an earlier import',
        basis: 'remembered' as const,
        utterances,
      };
    guesses ??= guessRoles(transcript);
    const guess = guesses[speaker] ?? { role: 'drop' as const, confidence: 0, reason: 'no evidence' };
    return { speaker, role: guess.role, confidence: guess.confidence, reason: guess.reason, basis: 'guess' as const, utterances };
  });
}

/**
 * Per-utterance annotations (AnnoMI's behaviour codes, a JSON turn's labels) as counts per column and
 * value, over the speakers kept: cleaning merges and splits turns, so an annotation cannot stay on its
 * turn, and it was dropped without a word. The counts are the whole transcript's (every part of a split
 * one carries them, and the editor says so). Built in Maps: a column or value named like an Object
 * property ("constructor", "__proto__") is data here, never a key that reaches a prototype.
 */
function annotationCounts(
  utterances: ParsedTranscript['utterances'],
  kept: (speaker: string) => boolean,
): Record<string, Record<string, number>> | undefined {
  const counts = new Map<string, Map<string, number>>();
  for (const u of utterances) {
    if (!u.annotations || !kept(u.speaker)) continue;
    for (const [column, value] of Object.entries(u.annotations)) {
      const values = counts.get(column) ?? counts.set(column, new Map()).get(column)!;
      values.set(value, (values.get(value) ?? 0) + 1);
    }
  }
  if (counts.size === 0) return undefined;
  return Object.fromEntries([...counts].map(([column, values]) => [column, Object.fromEntries(values)]));
}

/** Whitespace that collapsing changes: any but a plain space, or two spaces together. Cleaned turns seldom have it. */
const LOOSE_WHITESPACE = /[^\S ]| {2}/;

/** Identity of a conversation: its turns, not the system prompt (which a project may change later). */
export function contentHash(turns: readonly Turn[]): string {
  const collapsed = (text: string) => (LOOSE_WHITESPACE.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
  // One update of the joined parts: the same digest as one update per turn, without a native call per turn.
  const parts = turns.map((t) => `\u0000${t.role}\u0000${collapsed(t.text.toLowerCase())}`);
  return createHash('sha256').update(parts.join('')).digest('hex');
}

/**
 * One transcript as sessions: speakers mapped to roles (dropped speakers left out), cleaned as chosen,
 * the project's system prompt added, and split into windows when longer than the token limit; counted or
 * signed as its purpose needs (see PreparePurpose).
 */
export function prepareTranscript(
  transcript: ParsedTranscript,
  roles: RoleSources,
  options: CleaningOptions,
  projectSystemPrompt: string,
  purpose: PreparePurpose = 'preview',
): PreparedTranscript {
  const countTokens = purpose === 'preview';
  const speakers = resolveSpeakers(transcript, roles);
  const roleOf = new Map(speakers.map((s) => [s.speaker, s.role]));
  const mapped: Turn[] = transcript.utterances.flatMap((u) => {
    const role = roleOf.get(u.speaker);
    return role === 'user' || role === 'assistant' ? [{ role, text: u.text }] : [];
  });
  const { turns, stats } = cleanTurns(mapped, options);
  const annotations = annotationCounts(transcript.utterances, (speaker) => {
    const role = roleOf.get(speaker);
    return role === 'user' || role === 'assistant';
  });
  const metadata = annotations ? { ...transcript.metadata, annotationCounts: annotations } : transcript.metadata;
  const fileSystemPrompt = typeof transcript.metadata.systemPrompt === 'string' ? transcript.metadata.systemPrompt : null;
  const systemPrompt = fileSystemPrompt ?? (options.addSystemPrompt ? projectSystemPrompt : null);
  const { maxTokens } = options;
  // Splitting counts every turn; a session surely under the limit is split only when its count is wanted anyway.
  const mayPassLimit = (limit: number) => messageTokensAtMost(systemPrompt ? [{ text: systemPrompt }, ...turns] : turns) > limit;
  const split = maxTokens && (countTokens || mayPassLimit(maxTokens)) ? splitIntoWindows(turns, systemPrompt, maxTokens) : undefined;
  const windows = split?.windows ?? [turns];
  const { notes, emptyReason } = split && maxTokens && turns.length > 0 ? splitNotes(split, maxTokens) : { notes: [] };
  const parts = windows.length;
  // Only a session with no turns at all makes an empty window; a split never does, so indexes match the split's.
  const sessions = windows
    .filter((w) => w.length > 0)
    .map((windowTurns, i) => ({
      key: parts > 1 ? `${transcript.key}#${i + 1}` : transcript.key,
      title: parts > 1 ? `${transcript.title} (part ${i + 1} of ${parts})` : transcript.title,
      turns: windowTurns,
      systemPrompt,
      metadata,
      // The split counted every turn once already; a session kept whole is counted here, once.
      tokenCount: split?.tokens[i] ?? (countTokens ? sessionTokens(systemPrompt, windowTurns) : undefined),
      contentHash: contentHash(windowTurns),
      ...(purpose === 'import' ? { signature: sessionSignature(windowTurns) } : {}),
      cleaning: { ...stats, options, part: parts > 1 ? i + 1 : null, parts },
    }));
  return {
    key: transcript.key,
    title: transcript.title,
    utterances: transcript.utterances.length,
    speakers,
    sessions,
    notes: [...speakerNotes(speakers), ...notes],
    ...(emptyReason ? { emptyReason } : {}),
  };
}
