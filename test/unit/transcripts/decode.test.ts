import { describe, expect, it } from 'vitest';
import { decodeText, decodeTextWithEncoding, maxFileBytes } from '../../../src/main/core/transcripts/decode';
import { TranscriptFormatError } from '../../../src/main/core/transcripts/types';
import { fixtureBytes } from './fixtures';

const expectFormatError = (fn: () => unknown, message: RegExp): void => {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(TranscriptFormatError);
  expect((caught as Error).message).toMatch(message);
};

describe('decodeText', () => {
  it('reads UTF-8 with a BOM and normalises CRLF and lone CR to LF', () => {
    const text = decodeText(fixtureBytes('bom.txt'), 'bom.txt');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).toBe('Counselor: Shall we start with how you’re feeling today?\nClient: Tired, but okay.\nCounselor: Tired how?\n');
  });

  it('reads UTF-16 LE with a BOM', () => {
    const { text, encoding } = decodeTextWithEncoding(fixtureBytes('utf16.txt'), 'utf16.txt');
    expect(encoding).toBe('utf-16le');
    expect(text).toContain('Bonjour Zoë, it’s good');
    expect(text).not.toContain('\r');
  });

  it('recognises UTF-16 BE without a BOM by its NUL pattern', () => {
    const { text, encoding } = decodeTextWithEncoding(fixtureBytes('utf16be-nobom.txt'), 'x.txt');
    expect(encoding).toBe('utf-16be');
    expect(text.startsWith('Therapist: Bonjour Zoë')).toBe(true);
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8 (é and ’ as 0x92)', () => {
    const { text, encoding } = decodeTextWithEncoding(fixtureBytes('cp1252.txt'), 'cp1252.txt');
    expect(encoding).toBe('windows-1252');
    expect(text).toBe('Therapist: Renée, you said the café felt “unbearable” on Monday. What’s changed since?\nClient: I went back on Wednesday… it wasn’t as bad.\n');
  });

  it('refuses an empty file and a file of blank lines', () => {
    expectFormatError(() => decodeText(fixtureBytes('empty.txt'), 'empty.txt'), /^empty\.txt is empty/);
    expectFormatError(() => decodeText(new TextEncoder().encode('\n \r\n\t\n'), 'blank.txt'), /is empty/);
  });

  it('refuses binary data: NUL bytes, or many control characters without NULs', () => {
    expectFormatError(() => decodeText(fixtureBytes('binary.txt'), 'binary.txt'), /binary\.txt looks like a binary file/);
    const controls = new Uint8Array(200).map((_, i) => (i % 5 === 0 ? 0x01 : 0x41));
    expectFormatError(() => decodeText(controls, 'odd.txt'), /looks like a binary file/);
  });

  it('refuses a file over 200 MB by its byte length, before decoding', () => {
    // A view that claims the size without 200 MB of work: the check must come first.
    const huge = new Uint8Array(maxFileBytes + 1);
    expectFormatError(() => decodeText(huge, 'huge.txt'), /huge\.txt is larger than 200 MB; split it/);
  });

  it('keeps a few stray control characters in otherwise normal text', () => {
    const text = `Therapist: hello\f\n${'Client: fine, thanks. '.repeat(20)}`;
    expect(decodeText(new TextEncoder().encode(text), 'ok.txt')).toBe(text);
  });
});
