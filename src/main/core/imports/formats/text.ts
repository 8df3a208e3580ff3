// Plain-text transcripts: one labelled line starts a turn, unlabelled lines continue it, blank lines
// separate paragraphs without ending the turn. Lines before the first label are a preamble (title,
// date, consent note) and are kept as metadata rather than attributed to anyone.
import { NotATranscriptError, type ParsedTranscript, type ParseProblem, type Utterance } from '../types';
import { countWeakLabels, isAcceptedLabel, readLabelledLine, type LabelledLine } from './labels';
import type { FormatResult } from './result';
import { numberedAbbreviation } from './roleLabels';

// A closing line a transcriber or a tool adds: "End of transcript.", "[END]", "The end",
// "Transcribed by https://otter.ai", "[Recording ends]".
const closingLine =
  /^[[(]?\s*(?:(?:end(?: of (?:the )?(?:transcript|session|recording|interview|tape|audio))?|the end)\s*[.\])]*|(?:transcribed by|transcript(?:ion)? by|(?:recording|transcript|session) (?:ends|ended|stopped)).*)$/i;

/**
 * "T1:", "C1:", "T2:"… number the turns, not the people, when each number is used once per letter:
 * read as the speakers "T" and "C" (said in the report). "P1"/"P2" used again and again are people.
 */
function foldTurnNumbers(utterances: Utterance[]): ParseProblem | undefined {
  const numbers = new Map<string, number[]>();
  const prefixes = utterances.map((u) => {
    const n = numberedAbbreviation(u.speaker);
    if (n) (numbers.get(n.prefix) ?? numbers.set(n.prefix, []).get(n.prefix)!).push(n.number);
    return n?.prefix;
  });
  if (numbers.size < 2 || [...numbers.values()].some((list) => list.length < 2 || new Set(list).size !== list.length)) return undefined;
  const examples = utterances.slice(0, 2).map((u) => `"${u.speaker}"`);
  utterances.forEach((u, i) => (u.speaker = prefixes[i] ?? u.speaker));
  return {
    message: `Labels such as ${examples.join(', ')} number the turns (each number is used once), so they were read as the speakers ${[...numbers.keys()].map((p) => `"${p}"`).join(' and ')}.`,
    severity: 'warning',
  };
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * "Therapist: How are you? Client: Fine." on one line: a label of this file right after the end of a
 * sentence starts a new turn. Returns the turns (the same list when nothing was split) and how many were split.
 */
function splitJoinedTurns(utterances: Utterance[], labels: ReadonlySet<string>): { turns: Utterance[]; split: number; example?: string } {
  // Dozens of labels are names from a messy file, not two or three roles: leave such files alone.
  if (labels.size < 2 || labels.size > 50) return { turns: utterances, split: 0 };
  const alternatives = [...labels]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  const pattern = new RegExp(`(?<=[.?!…"”)\\]])\\s+(${alternatives})\\s*[:：]\\s+`, 'gu');
  let split = 0;
  let example: string | undefined;
  const turns: Utterance[] = [];
  for (const u of utterances) {
    const cuts = /[:：]/.test(u.text) ? [...u.text.matchAll(pattern)] : [];
    if (cuts.length === 0) {
      turns.push(u);
      continue;
    }
    split++;
    example ??= cuts[0]?.[1];
    turns.push({ ...u, text: u.text.slice(0, cuts[0]?.index).trim() });
    cuts.forEach((m, k) => {
      const text = u.text.slice(m.index + m[0].length, cuts[k + 1]?.index ?? u.text.length).trim();
      turns.push({ speaker: m[1] ?? u.speaker, text, ...(u.line === undefined ? {} : { line: u.line }) });
    });
  }
  return { turns, split, ...(example === undefined ? {} : { example }) };
}

export function parsePlainText(text: string): FormatResult {
  const lines = text.split('\n');
  // Two passes over the lines rather than one list of every line read: a large file then never holds
  // a parsed object per line (the first pass only counts which capitalised names recur).
  const readAll = function* (): Generator<LabelledLine | undefined> {
    for (const line of lines) yield line.trim() === '' ? undefined : readLabelledLine(line);
  };
  const weakCounts = countWeakLabels(readAll());

  const utterances: Utterance[] = [];
  const preamble: string[] = [];
  const problems: ParseProblem[] = [];
  let current: Utterance | undefined;
  // Who is labelled (caption sounds are not speakers): a session needs turns by two of them.
  const speakers = new Set<string>();
  // The speaker to resume after a caption sound ("[Music]") interrupted a turn.
  let resume: string | undefined;

  const start = (speaker: string, body: string, line: number, seconds?: number): Utterance => {
    const u: Utterance = { speaker, text: body, line, ...(seconds === undefined ? {} : { startSec: seconds }) };
    utterances.push(u);
    return u;
  };

  // Where a note after the transcript may start: a heading-like line after a blank line, inside the last turn.
  let tail: { turn: Utterance; keep: number; line: number } | undefined;
  // Lines that start like a name label ("Mother: …") used once: read as part of the turn, and said so.
  const unrepeated: { line: number; label: string }[] = [];
  // ">>" marks a change of speaker in copied captions; without a name the turn cannot be given to anyone.
  const unnamed: number[] = [];
  let afterBlank = false;
  let index = -1;
  for (const item of readAll()) {
    index++;
    if (!item) {
      afterBlank = true;
      continue;
    }
    const lineNo = index + 1;
    const blank = afterBlank;
    afterBlank = false;
    if (item.sound) {
      start(item.text, item.text, lineNo, item.seconds);
      resume = current?.speaker ?? resume;
      current = undefined;
    } else if (isAcceptedLabel(item, weakCounts)) {
      speakers.add(item.label);
      current = start(item.label, item.text, lineNo, item.seconds);
      tail = undefined;
    } else if (current) {
      // A Word file has no blank lines left (see docx.ts): a closing line counts without one.
      if (!tail && ((blank && item.label !== undefined) || closingLine.test(item.whole)))
        tail = { turn: current, keep: current.text.length, line: lineNo };
      if (item.label !== undefined) unrepeated.push({ line: lineNo, label: item.label });
      if (/^\s*>>/.test(lines[index] ?? '')) unnamed.push(lineNo);
      current.text = current.text === '' ? item.whole : `${current.text}\n${item.whole}`;
    } else if (resume !== undefined) {
      current = start(resume, item.whole, lineNo, item.seconds);
    } else {
      preamble.push(item.whole);
    }
  }

  // A README or notes file is text too: without turns by two labelled speakers it is not read as a
  // session (one line such as "NOTE: …" would otherwise become a session of one speaker).
  if (speakers.size === 0) {
    throw new NotATranscriptError(
      'No speaker turns found: no line starts with a speaker label, so it reads as a document, not a transcript. Each turn should start with a label such as "Therapist:", "T:", "[Client]" or "Speaker 1:".',
    );
  }
  if (speakers.size === 1) {
    throw new NotATranscriptError(
      `No speaker turns found between two people: only "${[...speakers][0]}" is labelled, so it reads as a document, not a transcript. Label the other speaker's turns too, e.g. "Client:".`,
    );
  }
  // "Summary: …", "Next session: …" or "End of transcript." after the last turn is the transcriber's, not the speaker's.
  let postscript: string | undefined;
  if (tail) {
    postscript = tail.turn.text.slice(tail.keep).trim();
    tail.turn.text = tail.turn.text.slice(0, tail.keep);
    problems.push({
      line: tail.line,
      message: `Line ${tail.line} and after, after the last turn, read as a note on the transcript rather than "${tail.turn.speaker}" speaking; kept as the transcript's postscript.`,
      severity: 'warning',
    });
  }
  const inTurns = unrepeated.filter((u) => tail === undefined || u.line < tail.line);
  if (inTurns.length > 0) {
    const lines = inTurns.map((u) => u.line);
    const labels = [...new Set(inTurns.map((u) => `"${u.label}:"`))].slice(0, 5);
    problems.push({
      line: lines[0],
      message: `${lines.length === 1 ? 'Line' : 'Lines'} ${lines.slice(0, 10).join(', ')}${lines.length > 10 ? '…' : ''} ${lines.length === 1 ? 'starts' : 'start'} with a name and a colon (${labels.join(', ')}) used only once, so ${lines.length === 1 ? 'it was' : 'they were'} read as part of the turn before, not as a new speaker. If it is a speaker, label each of their turns.`,
      severity: 'warning',
    });
  }
  if (unnamed.length > 0) {
    problems.push({
      line: unnamed[0],
      message: `${unnamed.length === 1 ? 'Line' : 'Lines'} ${unnamed.slice(0, 10).join(', ')}${unnamed.length > 10 ? '…' : ''} ${unnamed.length === 1 ? 'starts' : 'start'} with ">>", which marks a new speaker, but ${unnamed.length === 1 ? 'names' : 'name'} no one, so ${unnamed.length === 1 ? 'it was' : 'they were'} kept in the turn before. Add the speaker's label after ">>" to split ${unnamed.length === 1 ? 'it' : 'them'}, or import the captions as .vtt or .srt.`,
      severity: 'warning',
    });
  }
  const joined = splitJoinedTurns(utterances, speakers);
  if (joined.split > 0) {
    problems.push({
      message: `${joined.split === 1 ? 'One turn holds' : `${joined.split} turns hold`} a speaker's label after the end of a sentence ("… ${joined.example ?? ''}: …"), as text copied from a web page does; split there into separate turns.`,
      severity: 'warning',
    });
  }
  const numbered = foldTurnNumbers(joined.turns);
  if (numbered) problems.push(numbered);
  const kept = joined.turns.filter((u) => {
    if (u.text.trim() !== '') return true;
    problems.push({
      line: u.line,
      message: `Line ${u.line}: "${u.speaker}" has no text; the empty turn was skipped.`,
      severity: 'warning',
    });
    return false;
  });
  if (preamble.length > 0) {
    const last = (utterances[0]?.line ?? 2) - 1;
    const where = last <= 1 ? 'Line 1 comes' : `Lines 1–${last} come`;
    problems.push({ line: 1, message: `${where} before the first speaker label; kept as the transcript's preamble.`, severity: 'warning' });
  }
  const transcript: ParsedTranscript = {
    key: '0',
    title: '',
    utterances: kept,
    metadata: { ...(preamble.length > 0 ? { preamble: preamble.join('\n') } : {}), ...(postscript ? { postscript } : {}) },
  };
  return { transcripts: [transcript], problems };
}
