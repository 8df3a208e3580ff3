// Word documents: mammoth extracts the raw text (paragraphs, no styling), then the plain-text parser
// finds the speaker labels. Bold names ("**Therapist:**") arrive as plain "Therapist:".
import mammoth from 'mammoth';
import { TranscriptFormatError, type ParseProblem } from '../types';
import type { FormatResult } from './result';
import { parsePlainText } from './text';

export async function parseDocx(bytes: Uint8Array): Promise<FormatResult> {
  let extracted: Awaited<ReturnType<typeof mammoth.extractRawText>>;
  try {
    extracted = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    // JSZip's own message points to its documentation; a person needs to know what to do instead.
    const why = /central directory|zip/i.test(reason) ? 'it is not a DOCX (zip) archive' : reason;
    throw new TranscriptFormatError(`This is not a readable Word document (.docx): ${why}. Old .doc files must be saved as .docx first.`);
  }
  // mammoth ends every paragraph with a blank line; without them, line numbers count paragraphs.
  const text = extracted.value.replace(/\r\n?/g, '\n').replace(/\n{2,}/g, '\n');
  if (text.trim() === '') throw new TranscriptFormatError('The Word document has no text.');
  const result = parsePlainText(text);
  const notes: ParseProblem[] = extracted.messages.map((m) => ({ message: `Word document: ${m.message}`, severity: 'warning' }));
  return { transcripts: result.transcripts, problems: [...notes, ...result.problems] };
}
