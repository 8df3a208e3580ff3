// Caption knowledge shared by WebVTT and SRT: who speaks in a cue, and how rolling auto-captions
// repeat themselves. The file parsers (webvtt.ts, srt.ts) turn files into cues with a library;
// this module only reads the text of one cue at a time.
import type { Utterance } from '../types';
import { countWeakLabels, isAcceptedLabel, readLabelledLine, type LabelledLine } from './labels';

export interface CaptionSegment {
  /** The WebVTT voice (`<v Name>`), when the cue names one. */
  voice?: string;
  text: string;
}

export interface CaptionCue {
  /** 1-based position of the cue in the file: the line number problems and utterances refer to. */
  number: number;
  startSec: number;
  endSec: number;
  segments: CaptionSegment[];
}

/** When no cue says who speaks. Whisper and caption tracks without voices use the same label. */
export const unnamedSpeaker = 'Speaker';
const anonymousSpeakers = ['Speaker 1', 'Speaker 2'] as const;

// "- text" (subtitle dash turn) or ">> text" (broadcast speaker change): a new speaker, unnamed.
const speakerChange = /^(?:[-–‐]|>>)\s*(.*)$/;

interface CueLine {
  change: boolean;
  read: LabelledLine;
}

function readCueLines(text: string): CueLine[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const m = speakerChange.exec(l);
      return m ? { change: true, read: readLabelledLine(m[1] ?? '') } : { change: false, read: readLabelledLine(l) };
    });
}

/**
 * One utterance per speaker turn in each cue, raw: nothing merged across cues, repetition kept.
 * A cue without a voice or label continues the previous cue's speaker.
 */
export function cuesToUtterances(cues: readonly CaptionCue[]): Utterance[] {
  const perCue = cues.map((cue) => cue.segments.map((s) => ({ voice: s.voice, lines: s.voice ? [] : readCueLines(s.text), text: s.text })));
  const weakCounts = countWeakLabels(perCue.flat().flatMap((s) => s.lines.map((l) => l.read)));
  const out: Utterance[] = [];
  let lastSpeaker: string | undefined;
  let lastAnonymous: string | undefined;

  cues.forEach((cue, i) => {
    const at = { startSec: cue.startSec, endSec: cue.endSec, line: cue.number };
    let current: Utterance | undefined;
    const begin = (speaker: string, text: string): void => {
      current = { speaker, text, ...at };
      out.push(current);
      lastSpeaker = speaker;
    };
    for (const segment of perCue[i] ?? []) {
      if (segment.voice) {
        begin(segment.voice, segment.text.replace(/\s*\n\s*/g, ' ').trim());
        current = undefined;
        continue;
      }
      for (const { change, read } of segment.lines) {
        if (read.sound) {
          out.push({ speaker: read.text, text: read.text, ...at });
        } else if (isAcceptedLabel(read, weakCounts)) {
          begin(read.label, read.text);
        } else if (change) {
          lastAnonymous = lastAnonymous === anonymousSpeakers[0] ? anonymousSpeakers[1] : anonymousSpeakers[0];
          begin(lastAnonymous, read.whole);
        } else if (current) {
          // Line breaks inside a cue are layout, not speech.
          current.text = `${current.text} ${read.whole}`.trim();
        } else {
          begin(lastSpeaker ?? unnamedSpeaker, read.whole);
        }
      }
    }
  });
  return out.filter((u) => u.text !== '');
}

const wordKey = (w: string): string => w.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');

/** Length of the longest run that ends `previous` and starts `next`. */
function overlap(previous: readonly string[], next: readonly string[]): number {
  for (let k = Math.min(previous.length, next.length); k > 0; k--) {
    let same = true;
    for (let j = 0; j < k && same; j++) same = previous[previous.length - k + j] === next[j];
    if (same) return k;
  }
  return 0;
}

/**
 * Rolling auto-captions (YouTube and most live captioners) show each line twice: a cue starts with
 * the tail of the previous cue, and short "hold" cues repeat it whole. This keeps only the words
 * each cue adds. A one-word overlap counts only when it is a whole cue, so that a speaker who
 * genuinely repeats a word ("no, no") keeps it.
 */
export function collapseRollingCaptions(utterances: readonly Utterance[]): Utterance[] {
  const out: Utterance[] = [];
  let previous: string[] = [];
  for (const u of utterances) {
    const words = u.text.split(/\s+/).filter((w) => w !== '');
    const keys = words.map(wordKey);
    let k = overlap(previous, keys);
    if (k === 1 && k < keys.length && k < previous.length) k = 0;
    previous = keys;
    const fresh = words.slice(k);
    const last = out.at(-1);
    if (fresh.length === 0) {
      // A hold cue: nothing new is said, but the words stay on screen longer.
      if (last && u.endSec !== undefined && (last.endSec ?? 0) < u.endSec) last.endSec = u.endSec;
      continue;
    }
    out.push({ ...u, text: fresh.join(' ') });
  }
  return out;
}
