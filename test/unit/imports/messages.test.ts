import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../../src/main/core/imports/formats/json';
import { readSource } from '../../../src/main/core/imports/readSource';

describe('messages that name the real cause', () => {
  it('calls HTML in a .json file a web page, not a cut-off file', () => {
    expect(() => parseJsonText('<!DOCTYPE html>\n<html><body>404 Not Found</body></html>\n', 'This JSON file')).toThrow(
      /^This JSON file holds a web page \(HTML\), not JSON.*Download the raw \.json file/,
    );
  });

  it('names NaN and Infinity with their line instead of calling the file cut off', () => {
    const text = '[\n  {"speaker": "listener", "content": "Hi", "score": NaN},\n  {"speaker": "speaker", "content": "Hello"}\n]\n';
    expect(() => parseJsonText(text, 'This JSON file')).toThrow(
      /^This JSON file has NaN on line 2, which JSON does not allow.*Replace it with null/,
    );
    expect(() => parseJsonText('{"a": -Infinity}', 'This JSON file')).toThrow(/has -Infinity on line 1/);
  });

  it('still calls a truly truncated file cut off, and names an unexpected token by its line', () => {
    expect(() => parseJsonText('[\n {"a": 1},\n {"b": ', 'This JSON file')).toThrow(/ends before the JSON is complete/);
    expect(() => parseJsonText('[\n {"a": 1},\n {"b": True}\n]', 'This JSON file')).toThrow(/is not valid JSON: .*\(line 3, column/);
  });

  it('calls /dev/null a device and a FIFO a named pipe, never a folder', async () => {
    await expect(readSource('/dev/null')).rejects.toThrow(
      /^null is a device, not a transcript file; save the transcript to a regular file/,
    );
    const fifo = join(mkdtempSync(join(tmpdir(), 'hds-fifo-')), 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    await expect(readSource(fifo)).rejects.toThrow(/^pipe\.txt is a named pipe \(FIFO\), not a transcript file/);
    await expect(readSource(tmpdir())).rejects.toThrow(/is a folder; choose the files inside it/);
  });
});
