// Word documents: mammoth extracts the raw text (paragraphs, no styling), then the plain-text parser
// finds the speaker labels. Bold names ("**Therapist:**") arrive as plain "Therapist:".
import mammoth from 'mammoth';
import { NotATranscriptError, TranscriptFormatError, type ParseProblem } from '../types';
import type { FormatResult } from './result';
import { parsePlainText } from './text';
import { checkUnpackedSize } from './zipBound';

// Library wording that means nothing to people: zip size checks, xmldom's parser notes.
function whyUnreadable(reason: string): string {
  if (/size mismatch|crc32|corrupted zip|end of data|invalid (?:stored|distance|code)/i.test(reason))
    return 'the archive is damaged (a part does not match its header); open it in Word or LibreOffice and save it again';
  if (/central directory|zip/i.test(reason)) return 'it is not a DOCX (zip) archive. Old .doc files must be saved as .docx first';
  if (/xmldom|xml/i.test(reason)) return 'its document XML is malformed; open it in Word or LibreOffice and save it again';
  if (/could not find (?:main|file)|word\/document\.xml/i.test(reason))
    return 'it has no Word document inside (it may be another kind of zip file)';
  return 'the file is damaged or not a Word document; open it in Word or LibreOffice and save it again';
}

export async function parseDocx(bytes: Uint8Array): Promise<FormatResult> {
  checkUnpackedSize(bytes);
  let extracted: Awaited<ReturnType<typeof mammoth.extractRawText>>;
  try {
    extracted = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new TranscriptFormatError(`This is not a readable Word document (.docx): ${whyUnreadable(reason)}.`);
  }
  // mammoth ends every paragraph with a blank line; without them, line numbers count paragraphs.
  const text = extracted.value.replace(/\r\n?/g, '\n').replace(/\n{2,}/g, '\n');
  if (text.trim() === '') throw new NotATranscriptError('The Word document has no text.');
  const result = parsePlainText(text);
  const xmlNotes = extracted.messages.filter((m) => /xmldom/i.test(m.message)).length;
  const notes: ParseProblem[] = extracted.messages
    .filter((m) => !/xmldom/i.test(m.message))
    .map((m) => ({ message: `Word document: ${m.message}`, severity: 'warning' }));
  if (xmlNotes > 0) {
    notes.unshift({
      message: `The Word document's XML has ${xmlNotes === 1 ? 'an error' : `${xmlNotes} errors`}, so some text may be missing; open it in Word or LibreOffice, save it again and re-import to be sure.`,
      severity: 'warning',
    });
  }
  return { transcripts: result.transcripts, problems: [...notes, ...result.problems] };
}
