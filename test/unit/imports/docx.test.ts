import { describe, expect, it } from 'vitest';
import { parseDocx } from '../../../src/main/core/imports/formats/docx';
import { TranscriptFormatError } from '../../../src/main/core/imports/types';
import { fixtureBytes } from './fixtures';
import { docx, documentXml } from '../../support/zip';
import { checkUnpackedSize } from '../../../src/main/core/imports/formats/zipBound';

describe('parseDocx', () => {
  it('extracts the text with mammoth and finds bold speaker labels and continuation paragraphs', async () => {
    const { transcripts } = await parseDocx(fixtureBytes('session.docx'));
    const [t] = transcripts;
    expect(t?.utterances.map((u) => u.speaker)).toEqual(['Therapist', 'Client', 'Therapist', 'Client', 'Therapist']);
    expect(t?.utterances[1]?.text).toBe(
      'I filled it in most nights. I’m getting about five hours.\nIt’s worse on Sundays, before the week starts.',
    );
    expect(t?.metadata).toEqual({ preamble: 'Session 2 — sleep and worry' });
  });

  it('reads a transcript laid out as a table, speaker in one column and text in the other', async () => {
    const cell = (t: string) => `<w:tc><w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:tc>`;
    const rows = [
      ['Therapist', 'How was your week?'],
      ['Client', 'Hard. I argued with my sister.'],
      ['Therapist', 'What happened?'],
    ];
    const table = `<w:tbl>${rows.map(([who, said]) => `<w:tr>${cell(who!)}${cell(said!)}</w:tr>`).join('')}</w:tbl>`;
    const xml = documentXml([]).replace('<w:body>', `<w:body>${table}`);
    const { transcripts } = await parseDocx(docx(xml));
    expect(transcripts[0]?.utterances.map((u) => [u.speaker, u.text])).toEqual(rows);
  });

  it('refuses bytes that are not a DOCX archive', async () => {
    const attempt = parseDocx(new TextEncoder().encode('Therapist: this is plain text'));
    await expect(attempt).rejects.toBeInstanceOf(TranscriptFormatError);
    await expect(parseDocx(new TextEncoder().encode('x'))).rejects.toThrow(
      /not a readable Word document \(\.docx\): it is not a DOCX \(zip\) archive/,
    );
  });

  it('reads a DOCX built here, so the hostile ones below differ from it in one way only', async () => {
    const { transcripts } = await parseDocx(docx(documentXml(['Therapist: How are you?', 'Client: Tired.'])));
    expect(transcripts[0]!.utterances.map((u) => u.speaker)).toEqual(['Therapist', 'Client']);
  });

  it('refuses a zip bomb (a small DOCX that unpacks to more than the bound) before the Word library unpacks it', async () => {
    const bomb = docx(Buffer.alloc(101 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect(parseDocx(bomb)).rejects.toThrow(/^This DOCX unpacks to more than 100 MB/);
    expect(checkUnpackedSize(docx(documentXml(['Therapist: hi'])))).toBeLessThan(2000);
  });

  it("says what is wrong with a damaged archive or malformed XML in words, not the library's", async () => {
    const lying = docx(documentXml(['Therapist: hi', 'Client: hello']), { declaredSize: 12 });
    const damaged = await parseDocx(lying).catch((e: Error) => e);
    expect(damaged).toBeInstanceOf(TranscriptFormatError);
    expect((damaged as Error).message).toMatch(/archive is damaged .*save it again/);
    expect((damaged as Error).message).not.toMatch(/Bug|mismatch/);

    const malformed = docx(
      '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Therapist: hi</w:t></w:r></w:p><w:p><w:r><w:t>Client: fine &nope; </w:t></w:r></w:p></w:body></w:document>',
    );
    const result = await parseDocx(malformed).catch((e: Error) => e);
    const text = result instanceof Error ? result.message : result.problems.map((p) => p.message).join('\n');
    expect(text).not.toMatch(/xmldom|\[/);
    expect(text).toMatch(/XML/);
  });
});
