// WebVTT through webvtt-parser, the W3C validator's parser: it follows the spec (NOTE, STYLE and
// REGION blocks, cue settings, entities) and hands back each cue's text as a tree, so voice spans
// (`<v Name>`) come out as nodes instead of being picked out of strings.
import webvtt, { type WebVttNode } from 'webvtt-parser';
import { TranscriptFormatError, type ParseProblem } from '../types';
import { cuesToUtterances, type CaptionCue, type CaptionSegment } from './captions';
import { parseClock } from './clock';
import type { FormatResult } from './result';

// The parser's built-in table has only the forms without ";", which leaves "&amp;" as "&;".
const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&nbsp;': '\u00a0',
  '&lrm;': '\u200e',
  '&rlm;': '\u200f',
  '&quot;': '"',
  '&apos;': "'",
  '&amp': '&',
  '&lt': '<',
  '&gt': '>',
  '&nbsp': '\u00a0',
};

// Header lines such as YouTube's "Kind: captions" are allowed by today's spec; this parser still
// reports them.
const ignoredErrors = ['No blank line after the signature.'];

function textOf(node: WebVttNode): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'timestamp' || node.name === 'rt') return '';
  return node.children.map(textOf).join('');
}

function segmentsOf(nodes: readonly WebVttNode[]): CaptionSegment[] {
  const segments: CaptionSegment[] = [];
  let loose = '';
  const flush = (): void => {
    if (loose.trim() !== '') segments.push({ text: loose });
    loose = '';
  };
  for (const node of nodes) {
    if (node.type === 'object' && node.name === 'v') {
      flush();
      const voice = node.value?.trim();
      segments.push({ ...(voice ? { voice } : {}), text: textOf(node) });
    } else {
      loose += textOf(node);
    }
  }
  flush();
  return segments;
}

const timing = /^\s*((?:\d+:)?\d{1,2}:\d{2}\.\d{3})\s+-->\s+((?:\d+:)?\d{1,2}:\d{2}\.\d{3})/;
const toMs = (clock: string): number => Math.round((parseClock(clock) ?? NaN) * 1000);

/**
 * The parser sorts cues by start, then by end (longest first); cues that start together (two people
 * talking over each other) must keep the order the file gives them. The file order of each timing
 * line puts them back.
 */
function inFileOrder<T extends { startTime: number; endTime: number }>(text: string, cues: readonly T[]): T[] {
  const positions = new Map<string, number[]>();
  let position = 0;
  for (const line of text.split('\n')) {
    const m = timing.exec(line);
    if (!m?.[1] || !m[2]) continue;
    const key = `${toMs(m[1])}|${toMs(m[2])}`;
    const list = positions.get(key);
    if (list) list.push(position++);
    else positions.set(key, [position++]);
  }
  const ms = (sec: number): number => Math.round(sec * 1000);
  const placed = cues.map((cue, i) => ({ cue, at: positions.get(`${ms(cue.startTime)}|${ms(cue.endTime)}`)?.shift() ?? i }));
  return placed.sort((a, b) => ms(a.cue.startTime) - ms(b.cue.startTime) || a.at - b.at).map((p) => p.cue);
}

export function parseWebVtt(text: string): FormatResult {
  const result = new webvtt.WebVTTParser(entities).parse(text);
  if (result.errors.some((e) => e.line === 1 && e.message.startsWith('No valid signature'))) {
    throw new TranscriptFormatError('This is not a WebVTT file: the first line must be "WEBVTT".', 1);
  }
  const problems: ParseProblem[] = result.errors
    .filter((e) => !ignoredErrors.includes(e.message))
    .map((e) => ({ line: e.line, message: `Line ${e.line}: ${e.message}`, severity: 'warning' }));
  const cues: CaptionCue[] = inFileOrder(text, result.cues).map((cue, i) => ({
    number: i + 1,
    // The parser adds up floats ("2.2800000000000002"); captions are exact to the millisecond.
    startSec: Math.round(cue.startTime * 1000) / 1000,
    endSec: Math.round(cue.endTime * 1000) / 1000,
    segments: segmentsOf(cue.tree.children),
  }));
  const utterances = cuesToUtterances(cues);
  if (utterances.length === 0) {
    throw new TranscriptFormatError(`No caption cue with text was found${problems[0] ? ` (${problems[0].message})` : ''}.`);
  }
  return { transcripts: [{ key: '0', title: '', utterances, metadata: {} }], problems };
}
