// WebVTT through webvtt-parser, the W3C validator's parser: it follows the spec (NOTE, STYLE and
// REGION blocks, cue settings, entities) and hands back each cue's text as a tree, so voice spans
// (`<v Name>`) come out as nodes instead of being picked out of strings.
import webvtt, { type WebVttNode } from 'webvtt-parser';
import { TranscriptFormatError, type ParseProblem } from '../types';
import { cuesToUtterances, type CaptionCue, type CaptionSegment } from './captions';
import type { FormatResult } from './result';

// The parser's built-in table has only the forms without ";", which leaves "&amp;" as "&;".
const entities: Record<string, string> = {
  '&amp;': '&', '&lt;': '<', '&gt;': '>', '&nbsp;': '\u00a0', '&lrm;': '\u200e', '&rlm;': '\u200f',
  '&quot;': '"', '&apos;': "'", '&amp': '&', '&lt': '<', '&gt': '>', '&nbsp': '\u00a0',
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

export function parseWebVtt(text: string): FormatResult {
  const result = new webvtt.WebVTTParser(entities).parse(text);
  if (result.errors.some((e) => e.line === 1 && e.message.startsWith('No valid signature'))) {
    throw new TranscriptFormatError('This is not a WebVTT file: the first line must be "WEBVTT".', 1);
  }
  const problems: ParseProblem[] = result.errors
    .filter((e) => !ignoredErrors.includes(e.message))
    .map((e) => ({ line: e.line, message: `Line ${e.line}: ${e.message}`, severity: 'warning' }));
  const cues: CaptionCue[] = result.cues.map((cue, i) => ({
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
