// Output of transcription and diarization tools (format 'whisper-json'):
//  - Whisper verbose JSON {text, segments:[{start, end, text}]}: no speakers → "Speaker";
//  - diarized segments {segments:[{speaker, start, end, text}]} (WhisperX, OpenAI diarized_json,
//    pyannote merges), or a bare array of such segments;
//  - {utterances:[{speaker, start, end, text}]} (AssemblyAI, in milliseconds) and Deepgram's
//    {results:{utterances:[{speaker: 0, start, end, transcript}]}} (in seconds);
//  - Rev.ai {monologues:[{speaker, speaker_name?, elements:[{value, ts, end_ts}]}]};
//  - {text} alone: one utterance.
import { TranscriptFormatError, type ParseProblem, type Utterance } from '../types';
import { unnamedSpeaker } from './captions';
import { firstKey, isArray, isNumber, isObject, isString, type JsonObject } from './json';
import { contentText, segmentListKeys, startKeys, textKeys } from './jsonShape';
import type { FormatResult } from './result';

const endKeys = ['end', 'end_time', 'endTime', 'end_ms', 'endMs', 'stop', 'end_ts'] as const;
const segmentSpeakerKeys = ['speaker_name', 'speaker', 'speaker_label', 'speaker_id', 'spk', 'channel_speaker'] as const;

function speakerOf(segment: JsonObject): string {
  const v = firstKey(segment, segmentSpeakerKeys, (x): x is string | number => isString(x) || isNumber(x));
  if (v === undefined || v === '') return unnamedSpeaker;
  // Deepgram and Rev number their speakers; a bare number is no label for a person to map.
  return typeof v === 'number' ? `Speaker ${v}` : v;
}

function textOf(segment: JsonObject): string {
  if (isArray(segment.elements)) {
    // Rev.ai: words and punctuation as elements; their values carry the spacing.
    return segment.elements.map((e) => (isObject(e) && isString(e.value) ? e.value : '')).join('');
  }
  for (const k of textKeys) {
    const t = contentText(segment[k]);
    if (t !== undefined) return t;
  }
  return '';
}

function timesOf(segment: JsonObject): { start?: number; end?: number } {
  const elements = isArray(segment.elements) ? segment.elements.filter(isObject) : [];
  const start = firstKey(segment, startKeys, isNumber) ?? firstKey(elements[0] ?? {}, ['ts'], isNumber);
  const timedElements = elements.filter((e) => isNumber(e.end_ts));
  const end = firstKey(segment, endKeys, isNumber) ?? firstKey(timedElements.at(-1) ?? {}, ['end_ts'], isNumber);
  return { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) };
}

/**
 * Milliseconds or seconds? Keys ending in "ms" say so; otherwise whole numbers with a median
 * segment longer than 100 are milliseconds (a 100-second utterance is not plausible, a 100 ms one
 * is not in these files).
 */
function inMilliseconds(segments: readonly JsonObject[]): boolean {
  if (segments.some((s) => 'start_ms' in s || 'startMs' in s)) return true;
  const spans = segments.map(timesOf).filter((t) => t.start !== undefined && t.end !== undefined);
  if (spans.length === 0 || !spans.every((t) => Number.isInteger(t.start) && Number.isInteger(t.end))) return false;
  const lengths = spans.map((t) => (t.end ?? 0) - (t.start ?? 0)).sort((a, b) => a - b);
  return (lengths[Math.floor(lengths.length / 2)] ?? 0) >= 100;
}

function metadataOf(root: JsonObject): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(root)) {
    if (k !== 'text' && (isString(v) || isNumber(v) || typeof v === 'boolean')) meta[k] = v;
  }
  return meta;
}

export function parseTranscriptionJson(value: unknown): FormatResult {
  const root: JsonObject = isArray(value) ? { segments: value } : isObject(value) ? value : {};
  const holder = isObject(root.results) && isArray(root.results.utterances) ? root.results : root;
  const list = firstKey(holder, segmentListKeys, isArray);
  const problems: ParseProblem[] = [];
  const segments = (list ?? []).filter(isObject);
  const utterances: Utterance[] = [];
  const scale = inMilliseconds(segments) ? 1000 : 1;
  if (scale === 1000)
    problems.push({ message: 'Segment times are whole numbers in the thousands; they were read as milliseconds.', severity: 'warning' });

  segments.forEach((segment, i) => {
    const text = textOf(segment).trim();
    if (text === '') {
      problems.push({ line: i + 1, message: `Segment ${i + 1} has no text; it was skipped.`, severity: 'warning' });
      return;
    }
    const { start, end } = timesOf(segment);
    utterances.push({
      speaker: speakerOf(segment),
      text,
      line: i + 1,
      ...(start === undefined ? {} : { startSec: start / scale }),
      ...(end === undefined ? {} : { endSec: end / scale }),
    });
  });
  if (utterances.length === 0 && isString(root.text) && root.text.trim() !== '') {
    utterances.push({ speaker: unnamedSpeaker, text: root.text.trim(), line: 1 });
  }
  if (utterances.length === 0) {
    throw new TranscriptFormatError('This transcription JSON has no segments with text (expected "segments", "utterances" or "text").');
  }
  return { transcripts: [{ key: '0', title: '', utterances, metadata: metadataOf(root) }], problems };
}
