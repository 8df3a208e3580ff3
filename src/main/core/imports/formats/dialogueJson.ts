// Dialogue data sets as JSON: ESConv (an array of {emotion_type, problem_type, situation,
// survey_score, dialog:[{speaker, content, annotation}]}), generic {messages|turns|dialog|
// conversation: [{role|speaker|from, content|text|value}]}, ShareGPT {conversations:[{from, value}]},
// one dialogue or many (a top-level array, or {dialogues|data|sessions: [...]}); and records that
// hold a conversation in named fields (instruction/input/output, a labelled "dialogue" string, a
// list of labelled strings), read by records.ts.
import { NotATranscriptError, type ParsedTranscript, type ParseProblem } from '../types';
import { camelCase, camelKeys, firstKey, isArray, isObject, type JsonObject } from './json';
import { dialogueListKeys, dialoguesOf, isTurnList, turnListOf } from './jsonShape';
import {
  expandAnswers,
  isLabelledList,
  isRecord,
  isStringList,
  nonEmpty,
  readLabelledStrings,
  readRecord,
  recordTitle,
  type RecordRead,
} from './records';
import type { FormatResult } from './result';
import { readTurns } from './turns';

// Ratings arrive as strings in ESConv ("5"); anything under a key like these becomes a number.
const scoreKey = /score|rating/i;

function metadataOf(dialogue: JsonObject, used: readonly string[]): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(dialogue)) {
    if (used.includes(k)) continue;
    meta[camelCase(k)] = camelKeys(v, scoreKey.test(k));
  }
  return meta;
}

/** A conversation as its source holds it: turn objects, labelled strings, or named fields. */
const isConversation = (v: unknown): boolean =>
  (isObject(v) && (turnListOf(v) !== undefined || isRecord(v))) || isLabelledList(v) || isTurnList(v);

/** The items of a file, each meant to be one conversation; undefined when the file holds none. */
function itemsOf(value: unknown): unknown[] | undefined {
  if (isObject(value) && turnListOf(value)) return [value];
  // A bare array of turns, or of labelled strings, is one dialogue.
  if (isTurnList(value)) return [{ turns: value }];
  if (isLabelledList(value)) return [value];
  const dialogues = dialoguesOf(value);
  if (dialogues) return dialogues;
  const list = isArray(value) ? value : isObject(value) ? firstKey(value, dialogueListKeys, isArray) : undefined;
  // A list of records where some cannot be read: the readable ones are imported, the others reported.
  if (list && list.length > 0 && list.every((v) => isObject(v) || isArray(v)) && list.some(isConversation)) return list;
  if (isObject(value) && isRecord(value)) return [value];
  return undefined;
}

type ItemRead = Pick<RecordRead, 'utterances' | 'knownRoles' | 'systemPrompt' | 'used' | 'problems' | 'preamble'> & {
  reading?: string;
};

/** One conversation of any shape this module reads; undefined when the item holds none. */
export function readConversation(item: unknown, label: string): ItemRead | undefined {
  if (isLabelledList(item)) return { ...readLabelledStrings(item, label), used: [] };
  if (isTurnList(item)) return { ...readTurns(item, (i) => `${label}, turn ${i + 1}`), used: [] };
  if (!isObject(item)) return undefined;
  const turns = turnListOf(item);
  if (turns) {
    const turnsKey = Object.keys(item).find((k) => item[k] === turns) ?? 'turns';
    // Turns have no file line (JSON is often one line); messages say "Dialogue 3, turn 5" instead.
    const read = readTurns(turns, (i) => `${label}, turn ${i + 1}`);
    // ShareGPT as LLaMA-Factory writes it keeps the system prompt beside the turns.
    const systemKey = read.systemPrompt ? undefined : Object.keys(item).find((k) => /^system(?:_?prompt)?$/i.test(k) && nonEmpty(item[k]));
    if (systemKey === undefined) return { ...read, used: [turnsKey] };
    return { ...read, systemPrompt: String(item[systemKey]).trim(), used: [turnsKey, systemKey] };
  }
  return readRecord(item, label);
}

export function parseDialogueJson(value: unknown): FormatResult {
  const found = itemsOf(value);
  if (!found) {
    const probe = isArray(value) && !isStringList(value) ? value[0] : value;
    const strings = isStringList(probe) ? probe : isObject(probe) ? Object.values(probe).find(isStringList) : undefined;
    if (strings) {
      throw new NotATranscriptError(
        `The turns in this JSON are plain strings without speaker labels (the first: "${strings[0]?.slice(0, 60) ?? ''}"), so who said what cannot be told. Give each turn a speaker ({"speaker": "Client", "text": "…"}) or start each with a label ("Client: …").`,
      );
    }
    const keys = isObject(value) ? Object.keys(value) : isArray(value) && isObject(value[0]) ? Object.keys(value[0]) : [];
    const found = keys.length > 0 ? ` It has the keys ${keys.map((k) => `"${k}"`).join(', ')}.` : '';
    throw new NotATranscriptError(
      `This JSON has no dialogue: expected a list of turns under "dialog", "messages", "turns", "conversation" or "conversations", each with a speaker (role/speaker/from) and text (content/text/value); or records with a client and a counselor field (input/output, question/answer, Context/Response), or a transcript of labelled lines ("Counselor: …").${found}`,
    );
  }
  const problems: ParseProblem[] = [];
  const readings = new Set<string>();
  const items = found.flatMap((item) => {
    const expanded = isObject(item) ? expandAnswers(item) : undefined;
    if (!expanded) return [item];
    readings.add(expanded.reading);
    return expanded.records;
  });
  const many = items.length > 1;
  const transcripts: ParsedTranscript[] = [];
  items.forEach((item, index) => {
    const label = many ? `Dialogue ${index + 1}` : 'The dialogue';
    const read = readConversation(item, label);
    if (!read) {
      problems.push({
        message: `${label} holds no conversation (no turn list, no client and counselor fields); it was skipped.`,
        severity: 'error',
      });
      return;
    }
    problems.push(...read.problems);
    if (read.reading) readings.add(read.reading);
    if (read.utterances.length === 0) {
      problems.push({ message: `${label} has no turns with text; it was skipped.`, severity: 'error' });
      return;
    }
    const record = isObject(item) ? item : {};
    const metadata = metadataOf(record, read.used);
    if (read.systemPrompt) metadata.systemPrompt = read.systemPrompt;
    if (read.preamble) metadata.preamble = read.preamble;
    const title = recordTitle(record);
    transcripts.push({
      key: String(index),
      title: title === '' ? '' : `${title}${many ? ` #${index + 1}` : ''}`,
      utterances: read.utterances,
      metadata,
      ...(read.knownRoles ? { knownRoles: read.knownRoles } : {}),
    });
  });
  for (const reading of readings) problems.unshift({ message: `${reading}.`, severity: 'warning' });
  return { transcripts, problems };
}
