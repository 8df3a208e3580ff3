import { describe, expect, it } from 'vitest';
import { collapseRollingCaptions } from '../../../src/main/core/imports/formats/captions';
import { parseSrt } from '../../../src/main/core/imports/formats/srt';
import { parseWebVtt } from '../../../src/main/core/imports/formats/webvtt';
import { TranscriptFormatError, type Utterance } from '../../../src/main/core/imports/types';
import { fixtureText } from './fixtures';

describe('parseWebVtt', () => {
  it('reads voice tags, cue settings, entities and skips NOTE and STYLE blocks', () => {
    const { transcripts, problems } = parseWebVtt(fixtureText('captions.vtt'));
    expect(problems).toEqual([]);
    expect(transcripts[0]?.utterances).toEqual([
      { speaker: 'Counselor', text: 'Thanks for coming in today. What would you like to focus on?', startSec: 1, endSec: 4.2, line: 1 },
      { speaker: 'Client', text: "I keep thinking everyone at work is judging me & it's exhausting.", startSec: 4.6, endSec: 9, line: 2 },
      { speaker: 'Counselor', text: 'It sounds exhausting.', startSec: 9.2, endSec: 12, line: 3 },
      { speaker: 'Client', text: 'It really is.', startSec: 9.2, endSec: 12, line: 3 },
      { speaker: '[laughter]', text: '[laughter]', startSec: 12.5, endSec: 13, line: 4 },
      { speaker: 'Counselor', text: 'What goes through your mind when you walk into the office?', startSec: 13.2, endSec: 17.8, line: 5 },
    ]);
  });

  it('keeps rolling auto-captions raw, each cue as it stands', () => {
    const utterances = parseWebVtt(fixtureText('rolling.vtt')).transcripts[0]?.utterances ?? [];
    expect(utterances).toHaveLength(7);
    expect(new Set(utterances.map((u) => u.speaker))).toEqual(new Set(['Speaker']));
    expect(utterances[2]?.text).toBe('so how have you been since we last spoke');
  });

  it('reports broken cues with their line and keeps the good ones', () => {
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:0x\n<v T>Lost cue\n\n00:00:02.000 --> 00:00:03.000\n<v T>Kept cue\n';
    const { transcripts, problems } = parseWebVtt(vtt);
    expect(transcripts[0]?.utterances.map((u) => u.text)).toEqual(['Kept cue']);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ line: 3, severity: 'warning' });
    expect(problems[0]?.message).toMatch(/^Line 3: /);
  });

  it('refuses a file without the WEBVTT header, and one without cues', () => {
    expect(() => parseWebVtt('1\n00:00:01,000 --> 00:00:02,000\nhello\n')).toThrow(/not a WebVTT file: the first line must be "WEBVTT"/);
    expect(() => parseWebVtt('WEBVTT\n\nNOTE nothing here\n')).toThrow(TranscriptFormatError);
  });
});

describe('parseSrt', () => {
  it('reads Name: prefixes, dash turns, [Speaker] brackets and strips markup', async () => {
    const { transcripts, problems } = await parseSrt(fixtureText('session.srt'));
    expect(problems).toEqual([]);
    expect(transcripts[0]?.utterances.map((u) => [u.speaker, u.text, u.startSec, u.endSec, u.line])).toEqual([
      ['THERAPIST', 'How have you been sleeping since our last session?', 1, 3.5, 1],
      ['CLIENT', 'Not well. I wake up at four and my mind starts racing.', 4, 7.25, 2],
      ['Speaker 1', 'What goes through your mind?', 7.5, 10, 3],
      ['Speaker 2', 'Work, mostly. Always work.', 7.5, 10, 3],
      ['Therapist', "Let's look at one of those thoughts together.", 10.2, 13, 4],
      ['Client', "Okay. The big one is that I'll mess up the report.", 13.4, 16, 5],
      ['Client', 'And then everyone will know.', 16.1, 18, 6],
    ]);
  });

  it('reports a cue whose timing line is broken, by the gap in the numbering', async () => {
    const srt =
      '1\n00:00:01,000 --> 00:00:02,000\nT: One.\n\n2\n00:00:03,000 -> 00:00:04,000\nT: Lost.\n\n3\n00:00:05,000 --> 00:00:06,000\nC: Three.\n';
    const { transcripts, problems } = await parseSrt(srt);
    expect(transcripts[0]?.utterances.map((u) => u.text)).toEqual(['One.', 'Three.']);
    expect(problems).toEqual([
      { message: 'Cue 2 was skipped: the timing line could not be read (between cues 1 and 3).', severity: 'error' },
    ]);
  });

  it('refuses text that has no subtitle cues', async () => {
    await expect(parseSrt('Therapist: hello\nClient: hi\n')).rejects.toThrow(/No subtitle with a readable timing line/);
  });
});

describe('collapseRollingCaptions', () => {
  it('keeps only the words each YouTube-style cue adds and drops hold cues', () => {
    const raw = parseWebVtt(fixtureText('rolling.vtt')).transcripts[0]?.utterances ?? [];
    const collapsed = collapseRollingCaptions(raw);
    expect(collapsed.map((u) => u.text)).toEqual([
      'so how have you been',
      'since we last spoke',
      'um not great honestly',
      'no no sleep at all',
    ]);
    // A hold cue extends the time its words stay on screen.
    expect(collapsed[0]).toMatchObject({ startSec: 0.16, endSec: 2.28, line: 1 });
    expect(raw[0]?.endSec).toBe(2.27);
  });

  it('leaves captions that do not repeat alone, including a genuinely repeated word', () => {
    const u = (text: string): Utterance => ({ speaker: 'Speaker', text });
    const plain = [u('How are you?'), u('you know, fine.'), u('Fine is fine.')];
    expect(collapseRollingCaptions(plain).map((x) => x.text)).toEqual(['How are you?', 'you know, fine.', 'Fine is fine.']);
  });
});
