// Which of the JSON shapes we read a parsed value has. The file extension says only "JSON"; the
// shape decides between transcription output (timed segments) and dialogue data (turns).
import { firstKey, isArray, isNumber, isObject, isString, type JsonObject } from './json';

export const speakerKeys = [
  'role',
  'speaker',
  'from',
  'author',
  'speaker_label',
  'speaker_name',
  'speaker_id',
  'interlocutor',
  'sender',
  'name',
] as const;
export const textKeys = ['content', 'text', 'value', 'utterance', 'message', 'transcript', 'sentence'] as const;
export const turnListKeys = ['dialog', 'dialogue', 'messages', 'turns', 'conversation', 'conversations', 'utterances', 'chat'] as const;
export const segmentListKeys = ['segments', 'utterances', 'monologues'] as const;
export const dialogueListKeys = ['dialogues', 'dialogs', 'conversations', 'sessions', 'data', 'items', 'transcripts'] as const;
export const startKeys = ['start', 'start_time', 'startTime', 'start_ms', 'startMs', 'begin', 'ts'] as const;

/** Text of a message content: a string, or OpenAI's list of parts ({type: 'text', text}). */
export function contentText(value: unknown): string | undefined {
  if (isString(value)) return value;
  if (isArray(value)) {
    const parts = value.map((p) => (isString(p) ? p : isObject(p) && isString(p.text) ? p.text : undefined)).filter(isString);
    return parts.length > 0 ? parts.join('\n') : undefined;
  }
  return undefined;
}

export const isTurn = (v: unknown): v is JsonObject => isObject(v) && textKeys.some((k) => contentText(v[k]) !== undefined);
const isTimed = (v: unknown): boolean => isObject(v) && startKeys.some((k) => isNumber(v[k]));
// Rev.ai: {monologues: [{speaker, elements: [{type, value, ts, end_ts}]}]}
const isMonologue = (v: unknown): boolean => isObject(v) && isArray(v.elements);

/** A non-empty list of turn objects. */
export const isTurnList = (v: unknown): v is unknown[] => isArray(v) && v.length > 0 && v.every(isTurn);

/**
 * The turn list of a dialogue object ({dialog|messages|turns|…: [turn…]}); under another name
 * ("log", "utterance_list") when it is the object's only list of turns, so that a data set's own
 * naming does not hide its dialogue.
 */
export function turnListOf(obj: JsonObject): unknown[] | undefined {
  const known = firstKey(obj, turnListKeys, isTurnList);
  if (known) return known;
  const others = Object.values(obj).filter(isTurnList);
  return others.length === 1 ? others[0] : undefined;
}

const isDialogue = (v: unknown): boolean => isObject(v) && turnListOf(v) !== undefined;

/** The dialogue objects of a file: a top-level array, or {dialogues|data|…: [...]}. */
export function dialoguesOf(value: unknown): JsonObject[] | undefined {
  const list = isArray(value) ? value : isObject(value) ? firstKey(value, dialogueListKeys, isArray) : undefined;
  return list && list.length > 0 && list.every(isDialogue) ? (list as JsonObject[]) : undefined;
}

export type JsonTranscriptShape = 'whisper-json' | 'dialogue-json';

export function classifyJson(value: unknown): JsonTranscriptShape | undefined {
  if (isArray(value)) {
    if (value.length > 0 && value.every(isTurn)) return value.some(isTimed) ? 'whisper-json' : 'dialogue-json';
    return dialoguesOf(value) ? 'dialogue-json' : undefined;
  }
  if (!isObject(value)) return undefined;
  // Deepgram nests its utterances under "results".
  const root = isObject(value.results) && isArray(value.results.utterances) ? value.results : value;
  const segments = firstKey(root, segmentListKeys, isArray);
  if (segments && segments.length > 0 && segments.every((s) => (isTurn(s) && isTimed(s)) || isMonologue(s))) return 'whisper-json';
  if (isString(value.text) && (isArray(value.segments) || 'language' in value || 'duration' in value)) return 'whisper-json';
  if (turnListOf(value) || dialoguesOf(value)) return 'dialogue-json';
  return undefined;
}
