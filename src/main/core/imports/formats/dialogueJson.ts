// Dialogue data sets as JSON: ESConv (an array of {emotion_type, problem_type, situation,
// survey_score, dialog:[{speaker, content, annotation}]}), generic {messages|turns|dialog|
// conversation: [{role|speaker|from, content|text|value}]}, ShareGPT {conversations:[{from, value}]},
// one dialogue or many (a top-level array, or {dialogues|data|sessions: [...]}).
import { NotATranscriptError, type ParsedTranscript, type ParseProblem } from '../types';
import { camelCase, camelKeys, isObject, isString, type JsonObject } from './json';
import { dialoguesOf, isTurn, turnListOf } from './jsonShape';
import type { FormatResult } from './result';
import { readTurns } from './turns';

// Ratings arrive as strings in ESConv ("5"); anything under a key like these becomes a number.
const scoreKey = /score|rating/i;

function metadataOf(dialogue: JsonObject, turnsKey: string): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(dialogue)) {
    if (k === turnsKey) continue;
    meta[camelCase(k)] = camelKeys(v, scoreKey.test(k));
  }
  return meta;
}

function titleOf(dialogue: JsonObject, index: number, many: boolean): string {
  const suffix = many ? ` #${index + 1}` : '';
  for (const k of ['title', 'name', 'topic', 'problem_type', 'problemType']) {
    const v = dialogue[k];
    if (isString(v) && v.trim() !== '') return `${v.trim()}${suffix}`;
  }
  return '';
}

export function parseDialogueJson(value: unknown): FormatResult {
  const single = isObject(value) && turnListOf(value) ? [value] : undefined;
  // A bare array of turns is one dialogue.
  const bare = Array.isArray(value) && value.length > 0 && value.every(isTurn) ? [{ turns: value }] : undefined;
  const dialogues = single ?? bare ?? dialoguesOf(value);
  if (!dialogues) {
    throw new NotATranscriptError(
      'This JSON has no dialogue: expected a list of turns under "dialog", "messages", "turns", "conversation" or "conversations", each with a speaker (role/speaker/from) and text (content/text/value).',
    );
  }
  const many = dialogues.length > 1;
  const problems: ParseProblem[] = [];
  const transcripts: ParsedTranscript[] = [];
  dialogues.forEach((dialogue, index) => {
    const turnsKey = Object.keys(dialogue).find((k) => dialogue[k] === turnListOf(dialogue)) ?? 'turns';
    const label = many ? `Dialogue ${index + 1}` : 'The dialogue';
    // Turns have no file line (JSON is often one line); messages say "Dialogue 3, turn 5" instead.
    const read = readTurns(turnListOf(dialogue) ?? [], (i) => `${label}, turn ${i + 1}`);
    problems.push(...read.problems);
    if (read.utterances.length === 0) {
      problems.push({ message: `${label} has no turns with text; it was skipped.`, severity: 'error' });
      return;
    }
    const metadata = metadataOf(dialogue, turnsKey);
    if (read.systemPrompt) metadata.systemPrompt = read.systemPrompt;
    transcripts.push({
      key: String(index),
      title: titleOf(dialogue, index, many),
      utterances: read.utterances,
      metadata,
      ...(read.knownRoles ? { knownRoles: read.knownRoles } : {}),
    });
  });
  return { transcripts, problems };
}
