// Records that hold a conversation in named fields rather than in a list of turn objects, as many
// public counseling data sets do: one exchange per record (instruction/input/output as in Alpaca-style
// instruction data, Context/Response, questionText/answerText as in counsel-chat, prompt/completion),
// a whole transcript as labelled lines in one string field ("dialogue": "Counselor: …\nClient: …",
// "text": "User: … Assistant: …"), or a list of labelled strings (["求助者：…", "支持者：…"]).
// Shared by dialogue JSON, JSON Lines and CSV, so that each reads such records alike.
import { NotATranscriptError, type ParsedTranscript, type ParseProblem, type Utterance } from '../types';
import { isArray, isObject, isString, type JsonObject } from './json';
import { countWeakLabels, isAcceptedLabel, readLabelledLine } from './labels';
import { isRoleWordLabel } from './roleLabels';
import { parsePlainText } from './text';

/** A record's key reduced for comparison: "questionText", "question_text" and "Question Text" are one. */
/**
 * Each record's keys, normalised ("Question Text" → "questiontext") once per record: every key is matched
 * against some 30 wanted names, and a CSV or JSON Lines file has a record per row.
 */
const normalisedKeys = new WeakMap<JsonObject, (readonly [normal: string, key: string])[]>();
function keysOf(record: JsonObject): (readonly [normal: string, key: string])[] {
  let keys = normalisedKeys.get(record);
  if (!keys) normalisedKeys.set(record, (keys = Object.keys(record).map((k) => [k.toLowerCase().replace(/[^a-z0-9]/g, ''), k] as const)));
  return keys;
}

// Checked in order: the first key with text wins on each side.
const clientKeys = [
  'input',
  'question',
  'questiontext',
  'questionbody',
  'context',
  'prompt',
  'query',
  'request',
  'patient',
  'client',
  'seeker',
  'user',
  'human',
];
const counselorKeys = [
  'output',
  'answer',
  'answertext',
  'response',
  'completion',
  'reply',
  'therapist',
  'counselor',
  'counsellor',
  'doctor',
  'supporter',
  'listener',
  'assistant',
];
const instructionKeys = ['instruction', 'system', 'systemprompt'];
// Fields that may hold a whole transcript as labelled lines, or a list of labelled strings.
const transcriptKeys = [
  'dialogue',
  'dialog',
  'conversation',
  'conversations',
  'transcript',
  'session',
  'chat',
  'messages',
  'utterances',
  'turns',
  'log',
  'history',
  'text',
  'content',
];
const titleKeys = ['title', 'questiontitle', 'name', 'topic', 'problemtype'];

export interface RecordRead {
  utterances: Utterance[];
  knownRoles?: ParsedTranscript['knownRoles'];
  systemPrompt?: string;
  /** The record's keys that became turns or the system prompt; the others are metadata. */
  used: string[];
  title: string;
  /** How the record was read, said once per file so that a person can check the reading. */
  reading: string;
  /** Lines of a transcript field before its first label, kept as metadata. */
  preamble?: string;
  problems: ParseProblem[];
}

/** A string with more than whitespace in it. */
export const nonEmpty = (v: unknown): v is string => isString(v) && v.trim() !== '';

function findKey(record: JsonObject, wanted: readonly string[], test: (v: unknown) => boolean): string | undefined {
  const keys = keysOf(record);
  for (const w of wanted) {
    const found = keys.find(([normal, k]) => normal === w && test(record[k]));
    if (found) return found[1];
  }
  return undefined;
}

/** The record's title field, if it has one. */
export function recordTitle(record: JsonObject): string {
  const key = findKey(record, titleKeys, nonEmpty);
  return key === undefined ? '' : String(record[key]).trim();
}

/** One exchange: the client's field, the counselor's field, and an instruction that frames them. */
function readPair(record: JsonObject): RecordRead | undefined {
  const counselor = findKey(record, counselorKeys, nonEmpty);
  if (counselor === undefined) return undefined;
  const client = findKey(record, clientKeys, nonEmpty);
  const instruction = findKey(record, instructionKeys, nonEmpty);
  // Alpaca's convention: with an input, the instruction frames the exchange (a system prompt);
  // without one, the instruction is what the person asked.
  const asker = client ?? instruction;
  if (asker === undefined) return undefined;
  const text = (key: string): string => String(record[key]).trim();
  const system = client !== undefined && instruction !== undefined ? text(instruction) : undefined;
  const framed = system === undefined ? '' : `, "${instruction}" as the system prompt`;
  return {
    utterances: [
      { speaker: asker, text: text(asker) },
      { speaker: counselor, text: text(counselor) },
    ],
    knownRoles: { [asker]: 'user', [counselor]: 'assistant' },
    ...(system === undefined ? {} : { systemPrompt: system }),
    used: [asker, counselor, ...(system === undefined || instruction === undefined ? [] : [instruction])],
    title: recordTitle(record),
    reading: `Each record was read as one exchange: "${asker}" as the client's turn, "${counselor}" as the counselor's${framed}`,
    problems: [],
  };
}

/** Labelled strings, one turn each; a string without a label is joined to the turn before it, and said so. */
export function readLabelledStrings(items: readonly string[], where: string): { utterances: Utterance[]; problems: ParseProblem[] } {
  const lines = items.map((s) => readLabelledLine(s.split('\n')[0] ?? ''));
  const weak = countWeakLabels(lines);
  const utterances: Utterance[] = [];
  const problems: ParseProblem[] = [];
  items.forEach((item, i) => {
    const first = lines[i];
    const rest = item.split('\n').slice(1).join('\n');
    const body = (head: string): string => (rest.trim() === '' ? head : `${head}\n${rest}`).trim();
    if (first && isAcceptedLabel(first, weak)) {
      utterances.push({ speaker: first.label, text: body(first.text) });
      return;
    }
    const previous = utterances.at(-1);
    if (item.trim() === '') {
      problems.push({ message: `${where}, item ${i + 1} is empty; it was skipped.`, severity: 'warning' });
    } else if (previous) {
      previous.text = `${previous.text}\n${body(first?.whole ?? '')}`;
      problems.push({
        message: `${where}, item ${i + 1} has no speaker label; it was joined to the turn of "${previous.speaker}" before it.`,
        severity: 'warning',
      });
    } else {
      problems.push({
        message: `${where}, item ${i + 1} has no speaker label and no turn before it; it was skipped.`,
        severity: 'warning',
      });
    }
  });
  return { utterances, problems };
}

export const isStringList = (v: unknown): v is string[] => isArray(v) && v.length >= 2 && v.every(isString);

/** Strings that start with speaker labels; a list of plain strings says nothing of who speaks. */
export const isLabelledList = (v: unknown): v is string[] => {
  if (!isStringList(v)) return false;
  const first = readLabelledLine(v[0] ?? '');
  return isAcceptedLabel(first, countWeakLabels(v.map((s) => readLabelledLine(s.split('\n')[0] ?? ''))));
};

/** A list of exchanges, each a record with a client and a counselor field ([{patient, doctor}, …]). */
function readExchanges(value: unknown): (TextRead & { knownRoles: NonNullable<RecordRead['knownRoles']> }) | undefined {
  if (!isArray(value) || value.length === 0) return undefined;
  const pairs = value.map((v) => (isObject(v) ? readPair(v) : undefined));
  if (!pairs.every((p) => p !== undefined && p.systemPrompt === undefined)) return undefined;
  const read = pairs as RecordRead[];
  return { utterances: read.flatMap((p) => p.utterances), knownRoles: Object.assign({}, ...read.map((p) => p.knownRoles)), problems: [] };
}

/** A transcript in one field: labelled lines in a string, a list of labelled strings, or a list of exchanges. */
function readTranscriptField(record: JsonObject, where: string): RecordRead | undefined {
  for (const wanted of transcriptKeys) {
    for (const [, key] of keysOf(record).filter(([normal]) => normal === wanted)) {
      const value = record[key];
      const exchanges = readExchanges(value);
      const read: TextRead | undefined = isString(value)
        ? readTextTranscript(value, `${where}, "${key}"`)
        : isLabelledList(value)
          ? readLabelledStrings(value, where)
          : exchanges;
      if (!read || new Set(read.utterances.map((u) => u.speaker)).size < 2) continue;
      return {
        utterances: read.utterances,
        ...(exchanges ? { knownRoles: exchanges.knownRoles } : {}),
        used: [key],
        title: recordTitle(record),
        reading: exchanges
          ? `Each record's "${key}" was read as a list of exchanges, each field's role given by its name`
          : `Each record's transcript was read from the speaker labels in its "${key}" field`,
        problems: read.problems,
        ...(read.preamble === undefined ? {} : { preamble: read.preamble }),
      };
    }
  }
  return undefined;
}

interface TextRead {
  utterances: Utterance[];
  problems: ParseProblem[];
  preamble?: string;
}

// "User: … Assistant: …" or "### Human: … ### Assistant: …" on one line, as instruction data sets
// write a chat. Only role words count ("User", "Patient", "Counselor"), so a name with a colon in a
// sentence never splits a turn.
const inlineLabel = /(?:^|\s)((?:#{1,3}\s*)?<?(\p{Lu}[\p{L}]{0,20})>?\s*:)(?=\s)/gu;

/** The text with a line break before each inline role label; undefined when it has fewer than two roles or text before the first. */
function splitInlineTurns(text: string): string | undefined {
  const cuts: number[] = [];
  const labels = new Set<string>();
  for (const m of text.matchAll(inlineLabel)) {
    const [whole, marked = '', label = ''] = m;
    if (!isRoleWordLabel(label)) continue;
    labels.add(label.toLowerCase());
    cuts.push(m.index + whole.length - marked.length);
  }
  if (labels.size < 2 || text.slice(0, cuts[0]).trim() !== '') return undefined;
  return cuts
    .map((at, i) =>
      text
        .slice(at, cuts[i + 1])
        .trim()
        .replace(/^#{1,3}\s*/, ''),
    )
    .join('\n');
}

/** Labelled lines in one string, read as a plain-text transcript; undefined when they hold no turns by two speakers. */
function readTextTranscript(text: string, where: string): TextRead | undefined {
  if (!/[:：\t]/.test(text)) return undefined;
  const read = (lines: string): TextRead | undefined => {
    try {
      const parsed = parsePlainText(lines);
      // Line numbers inside a field are not lines of the file: the messages name the field instead.
      const utterances = (parsed.transcripts[0]?.utterances ?? []).map(({ line: _line, ...u }) => u);
      const problems = parsed.problems.map((p) => ({ message: `${where}: ${p.message}`, severity: p.severity }));
      const preamble = parsed.transcripts[0]?.metadata.preamble;
      return { utterances, problems, ...(isString(preamble) ? { preamble } : {}) };
    } catch (e) {
      if (e instanceof NotATranscriptError) return undefined;
      throw e;
    }
  };
  const byLines = read(text);
  if (byLines && new Set(byLines.utterances.map((u) => u.speaker)).size >= 2) return byLines;
  const inline = splitInlineTurns(text);
  return inline === undefined ? byLines : read(inline);
}

/** A record's conversation, or undefined when it holds none in a shape this module knows. */
export function readRecord(record: JsonObject, where: string): RecordRead | undefined {
  return readPair(record) ?? readTranscriptField(record, where);
}

// PsyQA-style: one question, several answers ({question, description, answers: [{answer_text}, …]}).
const answerListKeys = ['answers', 'responses', 'replies'];
const answerTextKeys = ['answertext', 'answer', 'text', 'content', 'response', 'body'];

/** One record per answer when the record holds a client field and a list of answers; else undefined. */
export function expandAnswers(record: JsonObject): { records: JsonObject[]; reading: string } | undefined {
  const listKey = findKey(record, answerListKeys, (v) => isArray(v) && v.length > 0);
  if (listKey === undefined || findKey(record, clientKeys, nonEmpty) === undefined) return undefined;
  const records: JsonObject[] = [];
  for (const answer of record[listKey] as unknown[]) {
    const textKey = isObject(answer) ? findKey(answer, answerTextKeys, nonEmpty) : undefined;
    const text = isString(answer) ? answer : textKey === undefined || !isObject(answer) ? undefined : answer[textKey];
    if (!nonEmpty(text)) return undefined;
    const { [listKey]: _list, ...rest } = record;
    const others = isObject(answer) ? Object.entries(answer).filter(([k]) => k !== textKey) : [];
    records.push({ ...rest, ...Object.fromEntries(others.map(([k, v]) => [`answer_${k}`, v])), answer: text });
  }
  return { records, reading: `Each record's "${listKey}" list was read as one session per answer` };
}

export const isRecord = (v: unknown): v is JsonObject => isObject(v) && (readRecord(v, '') !== undefined || expandAnswers(v) !== undefined);
