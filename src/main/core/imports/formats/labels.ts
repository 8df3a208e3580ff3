// Finds a speaker label at the start of one line, in the forms people write them:
// "Therapist: …", "T: …", "COUNSELOR - …", "[Client] …", "Speaker 1: …", "Dr. Smith: …", "JANE: …",
// with an optional timestamp before ("[00:01:23] T: …") or after the label ("Speaker 1  0:03").
// Patterns are anchored on one line; the file-level decisions live in the parsers.
import { parseClock, takeLeadingClock } from './clock';
import { captionSounds, isRoleWordLabel, normaliseLabel, numberedAbbreviation, roleFromLabel } from './roleLabels';

/** strong: certainly a label. weak: a capitalised name, a label only if it recurs in the file. */
export type LabelStrength = 'strong' | 'weak';

export interface LabelledLine {
  seconds?: number;
  label?: string;
  strength?: LabelStrength;
  /** A caption sound alone on its line ("[Music]"): its own utterance, never a turn to continue. */
  sound?: boolean;
  /** The line without its timestamp and label. */
  text: string;
  /** The line without its timestamp: what a continuation keeps when the label is not accepted. */
  whole: string;
}

// Words that start sentences with a colon or dash after them ("So: …", "OK - …"); never labels.
const notLabels = new Set([
  'so',
  'well',
  'and',
  'but',
  'yes',
  'no',
  'ok',
  'okay',
  'now',
  'then',
  'also',
  'example',
  'question',
  'answer',
  'time',
  'date',
  'location',
  're',
  'subject',
  'from',
  'to',
  'tip',
  'warning',
  'important',
  'update',
  'step',
  'part',
  'chapter',
  'session',
  'transcript',
  'title',
  'duration',
  'topic',
  'http',
  'https',
]);

const anonymous = /^(?:speaker|spk|person|participant|voice|guest|unknown)[\s_-]*\d{1,3}$/i;
const titled = /^(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\.?\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?$/u;
const allCaps = /^\p{Lu}[\p{Lu}\s.'’-]*\p{Lu}\.?(?:\s*\d{1,3})?$/u;
const capitalised = /^\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}(?:\s*\d{1,3})?$/u;

/** Whether a candidate (the text before ":" or " - ", or inside "[…]") looks like a speaker label. */
export function labelShape(candidate: string): LabelStrength | undefined {
  const label = candidate.trim();
  if (label.length === 0 || label.length > 40 || label.split(/\s+/).length > 4) return undefined;
  if (notLabels.has(normaliseLabel(label))) return undefined;
  if (isRoleWordLabel(label) || anonymous.test(label) || titled.test(label) || numberedAbbreviation(label)) return 'strong';
  if (/^\p{Lu}$/u.test(label) || allCaps.test(label)) return 'strong';
  if (capitalised.test(label)) return 'weak';
  return undefined;
}

const clock = String.raw`(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
// "Therapist [00:01:23]: text", "Therapist (1:23) text"
const labelThenBracketedClock = new RegExp(String.raw`^(.{1,40}?)\s*[[(](${clock})[\])]\s*:?\s*(.*)$`);
// "Speaker 1  0:03" alone on its line (Otter.ai and similar exports put the text below).
const labelThenBareClock = new RegExp(String.raw`^(.{1,40}?)\s+(${clock})\s*$`);
const parenLabel = /^\(([^()]{1,40})\)\s*[:：]?\s*(.*)$/;
const bracketLabel = /^[[【]([^\]】]{1,40})[\]】]\s*[:：]?\s*(.*)$/;
// Chinese and Japanese text uses the full-width colon (治疗师：…).
const colonLabel = /^([^:：]{1,40}?)\s*[:：]\s*(.*)$/;
const dashLabel = /^(.{1,40}?)\s+[-–—]\s+(.*)$/;
// "Therapist<TAB>text": a table pasted from a word processor or a spreadsheet.
const tabLabel = /^([^\t]{1,40}?)\t+(.*)$/;
// A line number in front of the label, as qualitative-research transcripts have ("12  T: …", "3. Client: …").
const lineNumber = /^\d{1,5}(?:[.)]\s+|\t+|\s{2,})/;

type Found = Omit<LabelledLine, 'whole'>;

function labelled(label: string, text: string, seconds?: number, strongOnly = false): Found | undefined {
  const strength = labelShape(label);
  if (!strength || (strongOnly && strength !== 'strong')) return undefined;
  return { label: label.trim(), strength, text: text.trim(), ...(seconds === undefined ? {} : { seconds }) };
}

function findLabel(line: string): Found | undefined {
  for (const pattern of [labelThenBracketedClock, labelThenBareClock]) {
    const m = pattern.exec(line);
    if (m?.[1] && m[2]) {
      const found = labelled(m[1].replace(/:$/, ''), m[3] ?? '', parseClock(m[2]));
      if (found) return found;
    }
  }
  const bracket = bracketLabel.exec(line);
  if (bracket?.[1] !== undefined) {
    if (captionSounds.has(normaliseLabel(bracket[1]))) {
      // "[Music]" alone is its own item; "[inaudible] and then…" is just text.
      return bracket[2] ? undefined : { label: line, strength: 'strong', sound: true, text: line };
    }
    const found = labelled(bracket[1], bracket[2] ?? '');
    if (found) return found;
  }
  // "(Therapist) text": parentheses hold stage directions too ("(Laughs) I know"), so only a speaker counts.
  const paren = parenLabel.exec(line);
  if (paren?.[1] && namesSpeaker(paren[1])) return { label: paren[1].trim(), strength: 'strong', text: (paren[2] ?? '').trim() };
  const colon = colonLabel.exec(line);
  // "At 10:30 we met": digits on both sides of the colon are a time, not a label.
  if (colon?.[1] && !(/\d$/.test(colon[1]) && /^\d/.test(colon[2] ?? ''))) {
    const found = labelled(colon[1], colon[2] ?? '');
    if (found) return found;
  }
  // A dash is common inside sentences, so only a certain label counts before it.
  const dash = dashLabel.exec(line);
  if (dash?.[1]) {
    const found = labelled(dash[1], dash[2] ?? '', undefined, true);
    if (found) return found;
  }
  const tab = tabLabel.exec(line);
  if (tab?.[1]) return labelled(tab[1], tab[2] ?? '');
  return aloneLabel(line);
}

/**
 * A label alone on its line, the text below it: screenplay-style transcripts, and Word tables with a
 * speaker column (each cell becomes its own line). Only a role ("THERAPIST", "Client"), an anonymous
 * tag ("Speaker 2") or a titled name ("Dr. Lee") counts: a word alone such as "Yeah" or "[Pause]"
 * stays text.
 */
function aloneLabel(line: string): Found | undefined {
  const label = line.trim();
  // A letter alone ("I", "A") is more often a broken line than a speaker, and "Patient." is a word said.
  return label.length >= 2 && !/[.!?,;…]$/.test(label) && namesSpeaker(label) ? { label, strength: 'strong', text: '' } : undefined;
}

/** A role, an anonymous tag or a titled name: never a sound or a stage direction ("Laughs", "Pause"). */
function namesSpeaker(label: string): boolean {
  // The shape first: it turns most lines of text away at once, before the role lookup's replaces and splits.
  if (labelShape(label) !== 'strong') return false;
  const role = roleFromLabel(label)?.role;
  return role === 'user' || role === 'assistant' || anonymous.test(label) || titled.test(label);
}

/** The label of a line, after a line number when the line has one and no label without it. */
function findNumberedLabel(line: string): Found | undefined {
  const found = findLabel(line);
  if (found) return found;
  const number = lineNumber.exec(line);
  return number ? findLabel(line.slice(number[0].length)) : undefined;
}

/** Reads one line: timestamp, label and text. A line without a label keeps all its text. */
export function readLabelledLine(raw: string): LabelledLine {
  // ">>" marks a change of speaker in broadcast captions; "**Name:**" is Markdown bold; "<HUMAN>:"
  // is how some instruction data sets write their roles (only before a colon, so markup stays text).
  const line = raw
    .trim()
    .replace(/^>>\s*/, '')
    .replace(/^\*\*([^*]{1,40})\*\*/, '$1')
    .replace(/^<([^<>/\s][^<>/]{0,39})>(?=\s*[:：])/, '$1');
  const { seconds, rest } = takeLeadingClock(line);
  const found = findNumberedLabel(rest);
  const at = seconds === undefined ? {} : { seconds };
  const whole = rest.trim();
  if (!found) return { ...at, text: whole, whole };
  return { ...at, ...found, whole };
}

/** Counts the weak labels of a file: a capitalised name is taken as a label once it recurs. */
export function countWeakLabels(lines: Iterable<LabelledLine | undefined>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    if (line?.label && line.strength === 'weak') counts.set(line.label, (counts.get(line.label) ?? 0) + 1);
  }
  return counts;
}

export function isAcceptedLabel(line: LabelledLine, weakCounts: ReadonlyMap<string, number>): line is LabelledLine & { label: string } {
  if (!line.label) return false;
  return line.strength === 'strong' || (weakCounts.get(line.label) ?? 0) >= 2;
}
