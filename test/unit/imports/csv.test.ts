import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/main/core/imports/formats/csv';
import { TranscriptFormatError } from '../../../src/main/core/imports/types';
import { fixtureText } from './fixtures';

describe('parseCsv', () => {
  it('detects custom headers and a semicolon delimiter, sorts by turn, and splits metadata from annotations', () => {
    const { transcripts, problems } = parseCsv(fixtureText('utterances.csv'));
    expect(transcripts.map((t) => t.key)).toEqual(['s1', 's2']);
    const [s1, s2] = transcripts;
    expect(s1?.utterances).toEqual([
      { speaker: 'Counsellor', text: 'How have you been since last week?', line: 3, startSec: 0.8, annotations: { code: 'open question' } },
      { speaker: 'Patient', text: "I've been sleeping badly; maybe four hours a night.", line: 2, startSec: 5.5 },
      {
        speaker: 'Counsellor',
        text: "That's not much. What keeps you up?",
        line: 4,
        startSec: 11.2,
        annotations: { code: 'open question' },
      },
    ]);
    // "Client age" is constant within each session: per-transcript metadata. "Code" varies: annotation.
    expect(s1?.metadata).toEqual({ clientAge: '34', transcriptId: 's1' });
    expect(s2?.utterances).toHaveLength(2);
    expect(problems).toEqual([{ line: 7, message: 'Line 7: no text; the row was skipped.', severity: 'warning' }]);
  });

  it('uses an explicit mapping for headers it cannot guess', () => {
    const csv = 'conv,who,what was said,n,mood\n7,B,I feel better.,2,ok\n7,A,How was the week?,1,n/a\n';
    expect(() => parseCsv(csv)).toThrow(/Missing: a text column/);
    const { transcripts } = parseCsv(csv, {
      transcriptId: 'conv',
      speaker: 'who',
      text: 'what was said',
      order: 'n',
      annotations: ['mood'],
    });
    expect(transcripts[0]).toEqual({
      key: '7',
      title: '',
      utterances: [
        { speaker: 'A', text: 'How was the week?', line: 3 },
        { speaker: 'B', text: 'I feel better.', line: 2, annotations: { mood: 'ok' } },
      ],
      metadata: { transcriptId: '7' },
    });
  });

  it('reads quoted fields with commas, quotes and line breaks, and counts lines through them', () => {
    const csv = 'speaker,text\nTherapist,"She said ""enough"", then left,\nand I stayed."\nClient,Right.\n';
    const { transcripts } = parseCsv(csv);
    expect(transcripts[0]?.utterances).toEqual([
      { speaker: 'Therapist', text: 'She said "enough", then left,\nand I stayed.', line: 2 },
      { speaker: 'Client', text: 'Right.', line: 4 },
    ]);
  });

  it('names the columns found and what is missing when the layout is unknown', () => {
    let error: unknown;
    try {
      parseCsv(fixtureText('unknown-layout.csv'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TranscriptFormatError);
    expect((error as Error).message).toBe(
      'This CSV\'s columns were not recognised. Found: "id", "date", "duration_minutes", "notes". Missing: a speaker column (speaker/role/interlocutor) and a text column (text/utterance/utterance_text/content). Choose the columns in the import window\'s column mapping, or on the CLI with --columns speaker=COLUMN,text=COLUMN (also session=, order=).',
    );
  });

  it('refuses a mapping that names absent columns, a header-only file, and an unclosed quote', () => {
    expect(() => parseCsv('a,b\n1,2\n', { speaker: 'who', text: 'b' })).toThrow(
      /names "who", which this CSV does not have\. Found: "a", "b"/,
    );
    expect(() => parseCsv('speaker,text\n')).toThrow(/header row but no utterance rows/);
    expect(() => parseCsv('speaker,text\nT,"Hello\nC,Hi\n')).toThrow(/quoted field that starts on line 2 is never closed/);
  });

  it('folds rows repeated once per annotator (AnnoMI-full shape) into one utterance and says how many', () => {
    const { transcripts, problems } = parseCsv(fixtureText('annomi-full.csv'));
    expect(transcripts.map((t) => [t.key, t.utterances.length])).toEqual([
      ['7', 4],
      ['27', 3],
    ]);
    const texts = transcripts[0]!.utterances.map((u) => u.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts[1]).toBe('My doctor said I should talk about my drinking, "just a few" beers, really.');
    expect(problems[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/^14 rows repeat an utterance already read .*kept once/),
    });
  });

  it('folds any CSV whose transcript and utterance key repeat, but keeps different turns that share a number', () => {
    const csv =
      'dialog_id,turn,speaker,text,rater\na,1,T,Hello.,x\na,1,T,Hello.,y\na,1,C,Hi.,x\na,2,T,How are you?,x\na,2,T,How are you?,y\nb,1,T,Hello.,x\n';
    const { transcripts, problems } = parseCsv(csv);
    expect(transcripts.map((t) => t.utterances.map((u) => `${u.speaker}:${u.text}`))).toEqual([
      ['T:Hello.', 'C:Hi.', 'T:How are you?'],
      ['T:Hello.'],
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^2 rows repeat/);
  });

  it('recognises numbered speaker and turn columns (speaker_idx, utterance_idx) and orders the turns by them', () => {
    const { transcripts } = parseCsv(
      'conv_id,utterance_idx,speaker_idx,utterance\nc1,2,0,Was it a friend?\nc1,1,1,I saw the fireworks.\nc1,3,1,A best friend.\n',
    );
    expect(transcripts[0]?.utterances.map((u) => [u.speaker, u.text])).toEqual([
      ['1', 'I saw the fireworks.'],
      ['0', 'Was it a friend?'],
      ['1', 'A best friend.'],
    ]);
    expect(transcripts[0]?.metadata).toEqual({ transcriptId: 'c1' });
  });

  it("recognises HOPE's layout (ID,Type,Utterance,Dialog_Act) without a mapping", () => {
    const csv =
      'ID,Type,Utterance,Dialog_Act\n1_0,T,Hi. How are you feeling today?,gt\n1_1,P,Not great; I barely slept.,id\n1_2,T,What kept you up?,yq\n';
    const { transcripts } = parseCsv(csv);
    expect(transcripts).toHaveLength(1);
    expect(transcripts[0]!.utterances.map((u) => [u.speaker, u.text, u.annotations?.dialogAct])).toEqual([
      ['T', 'Hi. How are you feeling today?', 'gt'],
      ['P', 'Not great; I barely slept.', 'id'],
      ['T', 'What kept you up?', 'yq'],
    ]);
  });
});
