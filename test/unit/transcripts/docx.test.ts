import { describe, expect, it } from 'vitest';
import { parseDocx } from '../../../src/main/core/transcripts/formats/docx';
import { TranscriptFormatError } from '../../../src/main/core/transcripts/types';
import { fixtureBytes } from './fixtures';

describe('parseDocx', () => {
  it('extracts the text with mammoth and finds bold speaker labels and continuation paragraphs', async () => {
    const { transcripts } = await parseDocx(fixtureBytes('session.docx'));
    const [t] = transcripts;
    expect(t?.utterances.map((u) => u.speaker)).toEqual(['Therapist', 'Client', 'Therapist', 'Client', 'Therapist']);
    expect(t?.utterances[1]?.text).toBe('I filled it in most nights. I’m getting about five hours.\nIt’s worse on Sundays, before the week starts.');
    expect(t?.metadata).toEqual({ preamble: 'Session 2 — sleep and worry' });
  });

  it('refuses bytes that are not a DOCX archive', async () => {
    const attempt = parseDocx(new TextEncoder().encode('Therapist: this is plain text'));
    await expect(attempt).rejects.toBeInstanceOf(TranscriptFormatError);
    await expect(parseDocx(new TextEncoder().encode('x'))).rejects.toThrow(/not a readable Word document \(\.docx\): it is not a DOCX \(zip\) archive/);
  });
});
