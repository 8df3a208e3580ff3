import { describe, expect, it } from 'vitest';
import { parseTranscriptionJson } from '../../../src/main/core/imports/formats/transcriptionJson';
import { TranscriptFormatError } from '../../../src/main/core/imports/types';
import { fixtureText } from './fixtures';

const json = (name: string): unknown => JSON.parse(fixtureText(name)) as unknown;

describe('parseTranscriptionJson', () => {
  it('reads Whisper verbose JSON: one "Speaker", times in seconds, empty segments skipped', () => {
    const { transcripts, problems } = parseTranscriptionJson(json('whisper-verbose.json'));
    const [t] = transcripts;
    expect(t?.utterances).toEqual([
      { speaker: 'Speaker', text: 'Thanks for coming in. What would you like to talk about today?', line: 1, startSec: 0, endSec: 3.48 },
      { speaker: 'Speaker', text: 'I guess the drinking.', line: 2, startSec: 4.1, endSec: 6.02 },
      { speaker: 'Speaker', text: "My wife says it's getting out of hand.", line: 3, startSec: 6.5, endSec: 9.9 },
    ]);
    expect(t?.metadata).toEqual({ task: 'transcribe', language: 'english', duration: 14.62 });
    expect(problems).toEqual([{ line: 4, message: 'Segment 4 has no text; it was skipped.', severity: 'warning' }]);
  });

  it('reads diarized segments with speaker fields', () => {
    const t = parseTranscriptionJson(json('diarized.json')).transcripts[0];
    expect(t?.utterances.map((u) => u.speaker)).toEqual(['A', 'B', 'A', 'B', 'A', 'B']);
    expect(t?.utterances[2]).toMatchObject({
      startSec: 10.2,
      endSec: 14,
      text: "It sounds like you're feeling overwhelmed. How long has this been going on?",
    });
  });

  it('reads AssemblyAI utterances in milliseconds and says so', () => {
    const { transcripts, problems } = parseTranscriptionJson(json('assemblyai-utterances.json'));
    expect(transcripts[0]?.utterances.map((u) => [u.speaker, u.startSec, u.endSec])).toEqual([
      ['A', 0.24, 2.12],
      ['B', 2.89, 4.01],
      ['B', 4.3, 7.05],
    ]);
    expect(problems[0]?.message).toMatch(/read as milliseconds/);
  });

  it('reads Deepgram utterances (numbered speakers, seconds), a bare segment array, Rev.ai monologues and {text}', () => {
    const deepgram = {
      results: {
        utterances: [
          { speaker: 0, start: 0.5, end: 2.25, transcript: 'How can I help?' },
          { speaker: 1, start: 3, end: 5, transcript: 'I feel stuck.' },
        ],
      },
    };
    expect(parseTranscriptionJson(deepgram).transcripts[0]?.utterances.map((u) => [u.speaker, u.text, u.startSec])).toEqual([
      ['Speaker 0', 'How can I help?', 0.5],
      ['Speaker 1', 'I feel stuck.', 3],
    ]);
    const bare = [{ speaker: 'SPEAKER_00', start: 1, end: 2, text: ' Hello.' }];
    expect(parseTranscriptionJson(bare).transcripts[0]?.utterances).toEqual([
      { speaker: 'SPEAKER_00', text: 'Hello.', line: 1, startSec: 1, endSec: 2 },
    ]);
    const rev = {
      monologues: [
        {
          speaker: 1,
          speaker_name: 'Counselor',
          elements: [
            { type: 'text', value: 'Welcome', ts: 0.2, end_ts: 0.6 },
            { type: 'punct', value: ' ' },
            { type: 'text', value: 'back', ts: 0.7, end_ts: 1.1 },
            { type: 'punct', value: '.' },
          ],
        },
      ],
    };
    expect(parseTranscriptionJson(rev).transcripts[0]?.utterances).toEqual([
      { speaker: 'Counselor', text: 'Welcome back.', line: 1, startSec: 0.2, endSec: 1.1 },
    ]);
    expect(parseTranscriptionJson({ text: ' Just one block. ' }).transcripts[0]?.utterances).toEqual([
      { speaker: 'Speaker', text: 'Just one block.', line: 1 },
    ]);
  });

  it('refuses JSON with nothing to read', () => {
    expect(() => parseTranscriptionJson({ segments: [] })).toThrow(TranscriptFormatError);
    expect(() => parseTranscriptionJson({ foo: 1 })).toThrow(/no segments with text/);
  });
});
