import { describe, expect, it } from 'vitest';
import { audioExtensions, detectFormat } from '../../../src/main/core/imports/detectFormat';
import { fixtureText } from './fixtures';

describe('detectFormat', () => {
  it('trusts specific extensions', () => {
    expect(detectFormat('a.vtt', '')).toBe('webvtt');
    expect(detectFormat('a.SRT', '')).toBe('srt');
    expect(detectFormat('a.tsv', '')).toBe('csv');
    expect(detectFormat('a.jsonl', '')).toBe('chat-jsonl');
    expect(detectFormat('dir/Session.DOCX', '')).toBe('docx');
  });

  it('sends every audio and video extension to transcription', () => {
    expect(audioExtensions).toEqual(['mp3', 'm4a', 'wav', 'ogg', 'flac', 'webm', 'mp4', 'mov', 'mpeg', 'mpga']);
    for (const ext of audioExtensions) expect(detectFormat(`session.${ext}`, '')).toBe('audio');
  });

  it('sniffs the content of .txt and extension-less files', () => {
    expect(detectFormat('captions.txt', fixtureText('captions.vtt'))).toBe('webvtt');
    expect(detectFormat('subs.txt', fixtureText('session.srt'))).toBe('srt');
    expect(detectFormat('export', fixtureText('chat.jsonl'))).toBe('chat-jsonl');
    expect(detectFormat('table.txt', fixtureText('utterances.csv'))).toBe('csv');
    expect(detectFormat('notes.txt', fixtureText('session.txt'))).toBe('text');
    expect(detectFormat('WEBVTT-notes.txt', 'WEBVTTish: not a header\nT: hi')).toBe('text');
  });

  it('reads a text transcript whose first line starts with a bracket as text, not JSON', () => {
    expect(detectFormat('session.txt', '[00:01:02] Counselor: Welcome back.\n[00:01:05] Patient: Thanks.')).toBe('text');
    expect(detectFormat('session.txt', '[Client] I could not sleep.\n[Therapist] Tell me more.')).toBe('text');
    expect(detectFormat('notes', '{Therapist} hello\n{Client} hi')).toBe('text');
    expect(detectFormat('export', '[\n  {"role": "user", "content": "hi"}]')).toBe('dialogue-json');
    expect(detectFormat('export', '{ "messages": [] }')).toBe('dialogue-json');
  });

  it('tells transcription JSON from dialogue JSON by shape', () => {
    expect(detectFormat('a.json', fixtureText('whisper-verbose.json'))).toBe('whisper-json');
    expect(detectFormat('a.json', fixtureText('diarized.json'))).toBe('whisper-json');
    expect(detectFormat('a.json', fixtureText('assemblyai-utterances.json'))).toBe('whisper-json');
    expect(detectFormat('a.json', fixtureText('sharegpt.json'))).toBe('dialogue-json');
    expect(detectFormat('a.json', fixtureText('dialogue-messages.json'))).toBe('dialogue-json');
    expect(detectFormat('a.json', fixtureText('chat.jsonl'))).toBe('chat-jsonl');
  });

  it('decides from the first keys when only the head of a large JSON file is given', () => {
    const whisperHead = fixtureText('whisper-verbose.json').slice(0, 400);
    expect(() => JSON.parse(whisperHead) as unknown).toThrow();
    expect(detectFormat('big.json', whisperHead)).toBe('whisper-json');
    expect(detectFormat('big.json', '[\n {"emotion_type": "anxiety", "dialog": [{"speaker": "seeker", "content": "hi')).toBe(
      'dialogue-json',
    );
  });
});

describe('detectFormat on long lines', () => {
  it('recognises JSON Lines whose first line is longer than the sniffed window', () => {
    const line = JSON.stringify({
      messages: [
        { role: 'user', content: 'x'.repeat(70_000) },
        { role: 'assistant', content: 'ok' },
      ],
    });
    expect(detectFormat('export', `${line}\n${line}\n`)).toBe('chat-jsonl');
  });
});
