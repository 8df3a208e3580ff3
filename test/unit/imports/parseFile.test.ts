import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../src/main/core/imports/parseFile';
import { TranscriptFormatError, type ParseResult } from '../../../src/main/core/imports/types';
import { fixtureBytes } from './fixtures';

const parse = (name: string, options?: Parameters<typeof parseFile>[2]): Promise<ParseResult> =>
  parseFile(name, fixtureBytes(name), options);

async function formatError(promise: Promise<unknown>): Promise<TranscriptFormatError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(TranscriptFormatError);
    return e as TranscriptFormatError;
  }
  throw new Error('expected a TranscriptFormatError');
}

describe('parseFile', () => {
  it.each([
    ['session.txt', 'text', 13],
    ['captions.vtt', 'webvtt', 6],
    ['rolling.vtt', 'webvtt', 7],
    ['session.srt', 'srt', 7],
    ['whisper-verbose.json', 'whisper-json', 3],
    ['diarized.json', 'whisper-json', 6],
    ['assemblyai-utterances.json', 'whisper-json', 3],
    ['utterances.csv', 'csv', 5],
    ['sharegpt.json', 'dialogue-json', 6],
    ['dialogue-messages.json', 'dialogue-json', 3],
    ['chat.jsonl', 'chat-jsonl', 6],
    ['session.docx', 'docx', 5],
    ['utf16.txt', 'text', 2],
    ['cp1252.txt', 'text', 2],
    ['bom.txt', 'text', 3],
  ])('%s → %s with %i utterances', async (name, format, utterances) => {
    const result = await parse(name);
    expect(result.format).toBe(format);
    expect(result.transcripts.reduce((n, t) => n + t.utterances.length, 0)).toBe(utterances);
    for (const t of result.transcripts) {
      expect(t.title).not.toBe('');
      for (const u of t.utterances) expect(u.text.trim()).not.toBe('');
    }
  });

  it('titles untitled transcripts from the file name, numbered when the file holds several', async () => {
    expect((await parse('session.txt')).transcripts[0]?.title).toBe('session');
    expect((await parse('utterances.csv')).transcripts.map((t) => t.title)).toEqual(['utterances #s1', 'utterances #s2']);
    expect((await parse('chat.jsonl')).transcripts.map((t) => [t.key, t.title])).toEqual([
      ['1', 'chat #1'],
      ['3', 'chat #2'],
    ]);
  });

  it('says when a file was not UTF-8', async () => {
    const result = await parse('cp1252.txt');
    expect(result.problems[0]).toEqual({ message: 'The file is not UTF-8; it was read as windows-1252.', severity: 'warning' });
    expect(result.transcripts[0]?.utterances[0]?.text).toContain('Renée');
  });

  it('uses a forced format and a CSV mapping', async () => {
    const bytes = new TextEncoder().encode('a|b\nT|Hello there\nC|Hi\n');
    const result = await parseFile('odd.dat', bytes, { format: 'csv', csvMapping: { speaker: 'a', text: 'b' } });
    expect(result.format).toBe('csv');
    expect(result.transcripts[0]?.utterances.map((u) => u.speaker)).toEqual(['T', 'C']);
  });

  it('detects audio without reading it', async () => {
    const result = await parseFile('session.m4a', new Uint8Array([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70]));
    expect(result).toEqual({
      format: 'audio',
      transcripts: [],
      problems: [{ message: 'Audio or video: it is transcribed by a transcription job, not parsed here.', severity: 'warning' }],
    });
  });

  describe('malformed files answer with clear errors', () => {
    it('a truncated JSON file names the line where it ends', async () => {
      const error = await formatError(parse('truncated.json'));
      expect(error.message).toBe(
        'This JSON file ends before the JSON is complete (line 10); it may have been cut off while saving or copying.',
      );
      expect(error.line).toBe(10);
    });

    it('invalid JSON gives line and column, never a raw SyntaxError', async () => {
      const error = await formatError(
        parseFile('x.json', new TextEncoder().encode('{\n  "segments": [\n    {"start": 1, "end": 2 "text": "hi"}\n  ]\n}')),
      );
      expect(error.message).toMatch(/^This JSON file is not valid JSON: Expected ',' or '}' after property value \(line 3, column 27\)\.$/);
      expect(error).not.toBeInstanceOf(SyntaxError);
    });

    it('JSON of an unknown shape', async () => {
      const error = await formatError(parseFile('x.json', new TextEncoder().encode('{"hello": "world"}')));
      expect(error.message).toMatch(/has no dialogue/);
    });

    it('a JSONL file with a bad line keeps the good ones', async () => {
      const result = await parse('chat-bad-line.jsonl');
      expect(result.transcripts).toHaveLength(2);
      expect(result.problems.filter((p) => p.severity === 'error').map((p) => p.line)).toEqual([2, 3]);
    });

    it('a CSV of unknown layout, a binary file, an empty file, a .doc file', async () => {
      expect((await formatError(parse('unknown-layout.csv'))).message).toMatch(
        /^This CSV's columns were not recognised\. Found: "id", "date"/,
      );
      expect((await formatError(parse('binary.txt'))).message).toMatch(/^binary\.txt looks like a binary file/);
      expect((await formatError(parse('empty.txt'))).message).toBe('empty.txt is empty.');
      expect((await formatError(parseFile('empty.docx', new Uint8Array()))).message).toBe('empty.docx is empty.');
      expect((await formatError(parseFile('old.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])))).message).toMatch(
        /old Word \(\.doc\) file; .* save it as \.docx/,
      );
    });

    it('a DOCX that is not one, and a text file with no labels', async () => {
      expect((await formatError(parseFile('fake.docx', new TextEncoder().encode('hello')))).message).toMatch(
        /not a readable Word document/,
      );
      expect((await formatError(parseFile('notes.txt', new TextEncoder().encode('just some notes\nwith no speakers')))).message).toMatch(
        /No speaker turns found/,
      );
    });
  });
});
