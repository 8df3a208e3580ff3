import { describe, expect, it } from 'vitest';
import { decodeText, decodeTextWithEncoding, maxFileBytes } from '../../../src/main/core/imports/decode';
import { TranscriptFormatError } from '../../../src/main/core/imports/types';
import { fixtureBytes } from './fixtures';

const expectFormatError = async (fn: () => Promise<unknown>, message: RegExp): Promise<void> => {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(TranscriptFormatError);
  expect((caught as Error).message).toMatch(message);
};

describe('decodeText', () => {
  it('reads UTF-8 with a BOM and normalises CRLF and lone CR to LF', async () => {
    const text = await decodeText(fixtureBytes('bom.txt'), 'bom.txt');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).toBe('Counselor: Shall we start with how you’re feeling today?\nClient: Tired, but okay.\nCounselor: Tired how?\n');
  });

  it('reads UTF-16 LE with a BOM', async () => {
    const { text, encoding } = await decodeTextWithEncoding(fixtureBytes('utf16.txt'), 'utf16.txt');
    expect(encoding).toBe('utf-16le');
    expect(text).toContain('Bonjour Zoë, it’s good');
    expect(text).not.toContain('\r');
  });

  it('recognises UTF-16 BE without a BOM by its NUL pattern', async () => {
    const { text, encoding } = await decodeTextWithEncoding(fixtureBytes('utf16be-nobom.txt'), 'x.txt');
    expect(encoding).toBe('utf-16be');
    expect(text.startsWith('Therapist: Bonjour Zoë')).toBe(true);
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8 (é and ’ as 0x92)', async () => {
    const { text, encoding } = await decodeTextWithEncoding(fixtureBytes('cp1252.txt'), 'cp1252.txt');
    expect(encoding).toBe('windows-1252');
    expect(text).toBe(
      'Therapist: Renée, you said the café felt “unbearable” on Monday. What’s changed since?\nClient: I went back on Wednesday… it wasn’t as bad.\n',
    );
  });

  it('refuses an empty file and a file of blank lines', async () => {
    await expectFormatError(() => decodeText(fixtureBytes('empty.txt'), 'empty.txt'), /^empty\.txt is empty/);
    await expectFormatError(() => decodeText(new TextEncoder().encode('\n \r\n\t\n'), 'blank.txt'), /is empty/);
  });

  it('names a Parquet file, a spreadsheet or a PDF and says how to convert it, by name or by its first bytes', async () => {
    const parquet = new Uint8Array([...new TextEncoder().encode('PAR1'), 0x15, 0x04, 0, 0, 0, 0x01, 0x02, 0, 0, 0]);
    await expectFormatError(
      () => decodeText(parquet, 'train.parquet'),
      /^train\.parquet is a Parquet file \(how Hugging Face data sets download\); convert it to JSON Lines first, e\.g\. python -c .*read_parquet/,
    );
    await expectFormatError(() => decodeText(parquet, 'download'), /^download is a Parquet file/);
    const pdf = new Uint8Array([...new TextEncoder().encode('%PDF-1.4\n'), 0, 0, 1, 2, 0, 0]);
    await expectFormatError(() => decodeText(pdf, 'session-notes'), /^session-notes is a PDF; copy its text into a \.txt file/);
    await expectFormatError(
      () => decodeText(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 1, 2]), 'sessions.xlsx'),
      /^sessions\.xlsx is a spreadsheet; save each sheet as "CSV UTF-8"/,
    );
  });

  it('refuses binary data: NUL bytes, or many control characters without NULs', async () => {
    await expectFormatError(() => decodeText(fixtureBytes('binary.txt'), 'binary.txt'), /binary\.txt looks like a binary file/);
    const controls = new Uint8Array(200).map((_, i) => (i % 5 === 0 ? 0x01 : 0x41));
    await expectFormatError(() => decodeText(controls, 'odd.txt'), /looks like a binary file/);
  });

  it('refuses a file over 200 MB by its byte length, before decoding', async () => {
    // A view that claims the size without 200 MB of work: the check must come first.
    const huge = new Uint8Array(maxFileBytes + 1);
    await expectFormatError(() => decodeText(huge, 'huge.txt'), /huge\.txt is larger than 200 MB; split it/);
  });

  it('keeps a few stray control characters in otherwise normal text', async () => {
    const text = `Therapist: hello\f\n${'Client: fine, thanks. '.repeat(20)}`;
    expect(await decodeText(new TextEncoder().encode(text), 'ok.txt')).toBe(text);
  });

  it('replaces only the invalid bytes of a UTF-8 file with U+FFFD, reports their lines, and keeps every other character', async () => {
    const lines = [
      'Therapist: It’s good to see you, Renée.',
      'Client: The café was “fine”.',
      'Therapist: And then?',
      'Client: I don’t know.',
    ];
    const good = Buffer.from(lines.join('\n'), 'utf8');
    // One stray Windows-1252 byte (0x92) in the third line.
    const at = good.indexOf('then');
    const bytes = Buffer.concat([good.subarray(0, at), Buffer.from([0x92]), good.subarray(at)]);
    const { text, encoding, problems } = await decodeTextWithEncoding(bytes, 'mixed.txt');
    expect(encoding).toBe('utf-8');
    expect(text).toBe(lines.join('\n').replace('then', '\uFFFDthen'));
    expect(text).not.toMatch(/â€|Ã©/);
    expect(problems).toEqual([
      { line: 3, message: expect.stringMatching(/^Line 3: bytes that are not valid UTF-8 were replaced/), severity: 'warning' },
    ]);
  });

  it('recognises UTF-16 without a BOM in Cyrillic and Chinese, little- and big-endian, instead of calling it binary', async () => {
    const texts = [
      'Терапевт: Здравствуйте, как вы себя чувствуете сегодня?\nКлиент: Честно говоря, плохо сплю.\n',
      '治疗师：你好，今天感觉怎么样？\n来访者：我最近睡得不好，一直很焦虑。\n',
    ];
    for (const source of texts) {
      const le = Buffer.from(source, 'utf16le');
      const be = Buffer.from(le).swap16();
      expect(await decodeTextWithEncoding(le, 'x.txt')).toMatchObject({ encoding: 'utf-16le', text: source });
      expect(await decodeTextWithEncoding(be, 'x.txt')).toMatchObject({ encoding: 'utf-16be', text: source });
    }
  });
});
