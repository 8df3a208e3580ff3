import type { Turn } from '../../../shared/domain/session';
import type { CleaningOptions } from './cleaningOptions';
import { countTokens, TOKENS_PER_MESSAGE } from './tokens';

export interface CleaningStats {
  timestampsStripped: number;
  artifactsStripped: number;
  fillersRemoved: number;
  turnsMerged: number;
  emptyDropped: number;
}

const TIMESTAMP = /^\s*[[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?\s*[-–:]?\s*/;
const INLINE_TIMESTAMP = /[[(]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]/g;
/** Bracketed sound and transcription notes: [inaudible], (laughs), [music], [crosstalk]… */
const ARTIFACT =
  /[[(](?:inaudible|unintelligible|indistinct|crosstalk|music|applause|laughter|laughs|laughing|silence|pause|sighs|coughs|background noise|noise|no audio|blank_audio|foreign|speaking foreign language)[^\])]*[\])]/gi;
/** Caption speaker-change markers: ">>" and a leading "- " (SRT dash turns). */
const SPEAKER_CHANGE = /(^|\s)>>\s*|^\s*-\s+/g;
const FILLERS = /(^|[\s,])(?:um+|uh+|uhm+|erm+|er|ah+|hmm+)(?=[\s,.!?]|$)[,]?|,?\s*\byou know\b\s*,/gi;

/**
 * A text of printable ASCII and ASCII whitespace in which no step of `normalize` would change anything: no
 * tab, no double space, no space beside a line break, no three line breaks, no space before punctuation,
 * nothing to trim (NFC and the Unicode space and zero-width steps leave ASCII alone). Most turns are like
 * this, and skip the seven passes.
 */
const NEEDS_NORMALIZING = /[^\t\n\v\f\r -~]|\t| {2}| \n|\n |\n{3}|\s[,.!?;:]|^\s|\s$/;

function normalize(text: string): string {
  if (!NEEDS_NORMALIZING.test(text)) return text;
  return text
    .normalize('NFC')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\s+([,.!?;:])/g, '$1')
    .trim();
}

/** The global form of each pattern, made once: a new RegExp per turn was a large share of cleaning. */
const globalForms = new Map<RegExp, RegExp>();

function count(re: RegExp, text: string): number {
  let global = globalForms.get(re);
  if (!global) globalForms.set(re, (global = re.flags.includes('g') ? re : new RegExp(re.source, `${re.flags}g`)));
  return text.match(global)?.length ?? 0;
}

/**
 * Cleans role-assigned turns as the person chose: every step is optional and counted, so the preview
 * and the session's record can say what changed. Work is linear in the text: a run of turns by one
 * speaker is collected and joined once at its end, never re-normalised as it grows.
 */
export function cleanTurns(turns: readonly Turn[], options: CleaningOptions): { turns: Turn[]; stats: CleaningStats } {
  const stats: CleaningStats = { timestampsStripped: 0, artifactsStripped: 0, fillersRemoved: 0, turnsMerged: 0, emptyDropped: 0 };
  const cleaned: Turn[] = [];
  let run: string[] = [];
  const closeRun = (): void => {
    const last = cleaned.at(-1);
    if (!last || run.length < 2) return;
    const joined = run
      .filter((piece) => piece.trim() !== '')
      .join(' ')
      .trim();
    // Normalise the joint too, so cleaning an already-clean session changes nothing (re-imports match).
    last.text = options.normalizeText ? normalize(joined) : joined;
  };
  for (const turn of turns) {
    let text = turn.text;
    if (options.stripTimestamps) {
      const leading = text.replace(TIMESTAMP, '');
      stats.timestampsStripped += (leading !== text ? 1 : 0) + count(INLINE_TIMESTAMP, leading);
      text = leading.replace(INLINE_TIMESTAMP, ' ');
    }
    if (options.stripCaptionArtifacts) {
      stats.artifactsStripped += count(ARTIFACT, text) + count(SPEAKER_CHANGE, text);
      text = text.replace(ARTIFACT, ' ').replace(SPEAKER_CHANGE, '$1');
    }
    if (options.removeFillers) {
      stats.fillersRemoved += count(FILLERS, text);
      text = text.replace(FILLERS, '$1');
    }
    if (options.normalizeText) text = normalize(text);
    if (options.dropEmpty && !/[\p{L}\p{N}]/u.test(text)) {
      stats.emptyDropped++;
      continue;
    }
    const previous = cleaned.at(-1);
    if (options.mergeConsecutive && previous && previous.role === turn.role) {
      run.push(text);
      stats.turnsMerged++;
      continue;
    }
    closeRun();
    run = [text];
    cleaned.push({ role: turn.role, text });
  }
  closeRun();
  return { turns: cleaned, stats };
}

/** Windows of a long session, and the turns no window could hold (reported, never dropped silently). */
export interface WindowSplit {
  windows: Turn[][];
  /** Counselor turns before the first client turn. */
  droppedLeading: number;
  /** Client turns after the last counselor turn (or every turn from the first client turn, when no window forms). */
  droppedTrailing: number;
  /** Counselor turns that followed a full window's last counselor turn when merging was off. */
  droppedBetween: number;
  /** Each window's tokens as OpenAI's chat format counts them, system prompt included (every turn is counted once). */
  tokens: number[];
}

/**
 * Splits a session longer than `maxTokens` into windows that each start with a user turn and end with an
 * assistant turn, as chat fine-tuning expects; the system prompt counts against every window.
 */
export function splitIntoWindows(
  turns: readonly Turn[],
  systemPrompt: string | null,
  maxTokens: number,
  count: (text: string) => number = countTokens,
): WindowSplit {
  const dialogue = turns.filter((t) => t.role !== 'system');
  const overhead = systemPrompt ? count(systemPrompt) + TOKENS_PER_MESSAGE : 0;
  const cost = dialogue.map((t) => count(t.text) + TOKENS_PER_MESSAGE);
  const total = overhead + cost.reduce((a, b) => a + b, 0);
  if (total <= maxTokens) return { windows: [[...dialogue]], droppedLeading: 0, droppedTrailing: 0, droppedBetween: 0, tokens: [total] };

  const nextUser = (from: number): number => {
    for (let k = from; k < dialogue.length; k++) if (dialogue[k]!.role === 'user') return k;
    return -1;
  };
  const windows: Turn[][] = [];
  const tokens: number[] = [];
  const first = nextUser(0);
  let i = first;
  let end = -1;
  while (i >= 0) {
    let used = overhead;
    let lastAssistant = -1;
    // Take turns while they fit; a first exchange longer than the limit still forms one window.
    for (let k = i; k < dialogue.length; k++) {
      if (used + cost[k]! > maxTokens && lastAssistant >= 0) break;
      used += cost[k]!;
      if (dialogue[k]!.role === 'assistant') lastAssistant = k;
    }
    if (lastAssistant < 0) break;
    windows.push(dialogue.slice(i, lastAssistant + 1));
    let windowTokens = overhead;
    for (let k = i; k <= lastAssistant; k++) windowTokens += cost[k]!;
    tokens.push(windowTokens);
    end = lastAssistant;
    i = nextUser(lastAssistant + 1);
  }
  const droppedLeading = first < 0 ? dialogue.length : first;
  const droppedTrailing = first < 0 ? 0 : dialogue.length - 1 - Math.max(end, first - 1);
  const kept = windows.reduce((n, w) => n + w.length, 0);
  return { windows, droppedLeading, droppedTrailing, droppedBetween: dialogue.length - kept - droppedLeading - droppedTrailing, tokens };
}
