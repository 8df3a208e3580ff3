// SRT through media-captions (vidstack's caption parser: typed, maintained, tolerant of the
// variations real SRT files have: missing numbers, CRLF, dots for commas).
import { parseText } from 'media-captions';
import { TranscriptFormatError, type ParseProblem } from '../types';
import { cuesToUtterances, type CaptionCue, type CaptionSegment } from './captions';
import type { FormatResult } from './result';

// SRT allows a little HTML (<i>, <b>, <u>, <font>) and ASS overrides such as {\an8}. Applied to one
// cue's text at a time.
const markup = /<\/?(?:i|b|u|s|font)(?:\s[^>]*)?>|\{\\[^}]*\}/gi;
// Some SRT files are converted from WebVTT and keep the voice span.
const voiceSpan = /^<v(?:\.[^\s>]+)?\s+([^>]+)>([\s\S]*?)(?:<\/v>)?$/;

function segmentOf(raw: string): CaptionSegment {
  const text = raw.replace(markup, '');
  const voice = voiceSpan.exec(text.trim());
  return voice?.[1] ? { voice: voice[1].trim(), text: voice[2] ?? '' } : { text };
}

export async function parseSrt(text: string): Promise<FormatResult> {
  const result = await parseText(text, { type: 'srt', errors: true });
  const problems: ParseProblem[] = result.errors.map((e) => ({ line: e.line, message: e.message, severity: 'warning' }));
  const cues: CaptionCue[] = result.cues.map((cue, i) => ({
    number: i + 1,
    startSec: cue.startTime,
    endSec: cue.endTime,
    segments: [segmentOf(cue.text)],
  }));
  // The parser skips a block it cannot read without saying so; a gap in the numbering shows it.
  result.cues.forEach((cue, i) => {
    const previous = result.cues[i - 1];
    const id = Number(cue.id);
    const before = Number(previous?.id);
    if (previous && Number.isInteger(id) && Number.isInteger(before) && id > before + 1) {
      const missing = id === before + 2 ? `Cue ${before + 1} was` : `Cues ${before + 1}–${id - 1} were`;
      problems.push({
        message: `${missing} skipped: the timing line could not be read (between cues ${before} and ${id}).`,
        severity: 'error',
      });
    }
  });
  const utterances = cuesToUtterances(cues);
  if (utterances.length === 0) {
    throw new TranscriptFormatError('No subtitle with a readable timing line ("00:00:01,000 --> 00:00:04,000") was found.');
  }
  return { transcripts: [{ key: '0', title: '', utterances, metadata: {} }], problems };
}
