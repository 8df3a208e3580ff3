import { describe, expect, it } from 'vitest';
import { parseClock, takeLeadingClock } from '../../../src/main/core/imports/formats/clock';
import { labelShape, readLabelledLine } from '../../../src/main/core/imports/formats/labels';
import { guessRoles } from '../../../src/main/core/imports/formats/roleGuess';
import { parsePlainText } from '../../../src/main/core/imports/formats/text';
import { TranscriptFormatError } from '../../../src/main/core/imports/types';
import { fixtureText } from './fixtures';

describe('speaker labels on one line', () => {
  it.each([
    ['Therapist: How are you?', 'Therapist', 'How are you?'],
    ['T: How are you?', 'T', 'How are you?'],
    ['COUNSELOR - How are you?', 'COUNSELOR', 'How are you?'],
    ['COUNSELOR – How are you?', 'COUNSELOR', 'How are you?'],
    ['[Client] Fine.', 'Client', 'Fine.'],
    ['[Client]: Fine.', 'Client', 'Fine.'],
    ['Speaker 1: Fine.', 'Speaker 1', 'Fine.'],
    ['SPEAKER_00: Fine.', 'SPEAKER_00', 'Fine.'],
    ['Dr. Smith: Let us begin.', 'Dr. Smith', 'Let us begin.'],
    ['JANE: Okay.', 'JANE', 'Okay.'],
    ['**Therapist:** Welcome back.', 'Therapist', 'Welcome back.'],
    ['>> CLIENT: I guess.', 'CLIENT', 'I guess.'],
    ['therapist: lower case works too', 'therapist', 'lower case works too'],
    ['<HUMAN>: What is anxiety?', 'HUMAN', 'What is anxiety?'],
    ['<ASSISTANT>: A feeling of worry.', 'ASSISTANT', 'A feeling of worry.'],
    ['Therapist\tHow are you?', 'Therapist', 'How are you?'],
    ['12  T: How are you?', 'T', 'How are you?'],
    ['3. Client: Fine.', 'Client', 'Fine.'],
    ['104\tCLIENT: Fine.', 'CLIENT', 'Fine.'],
  ])('%s', (line, label, text) => {
    const read = readLabelledLine(line);
    expect(read.label).toBe(label);
    expect(read.strength).toBe('strong');
    expect(read.text).toBe(text);
  });

  it('reads timestamps before and after the label as seconds', () => {
    expect(readLabelledLine('[00:01:23] Therapist: Hello')).toMatchObject({ seconds: 83, label: 'Therapist', text: 'Hello' });
    expect(readLabelledLine('00:01:23 T: Hello')).toMatchObject({ seconds: 83, label: 'T', text: 'Hello' });
    expect(readLabelledLine('(1:05) Client: Hi')).toMatchObject({ seconds: 65, label: 'Client' });
    expect(readLabelledLine('Therapist [00:02:03.5]: Hi')).toMatchObject({ seconds: 123.5, label: 'Therapist', text: 'Hi' });
    expect(readLabelledLine('Speaker 1  0:03')).toMatchObject({ seconds: 3, label: 'Speaker 1', text: '' });
  });

  it('does not take sentence text for a label', () => {
    for (const line of [
      'I told him: no way.',
      'So: what now?',
      'Well - I think so.',
      'At 10:30 we met.',
      'See https://example.org',
      'Meet at 10:30am',
    ]) {
      expect(readLabelledLine(line).label, line).toBeUndefined();
    }
    expect(labelShape('Maria')).toBe('weak');
    expect(labelShape('Mary Ann Jones')).toBe('weak');
    expect(labelShape('the client said')).toBeUndefined();
  });

  it('parses clocks, including AnnoMI-style malformed ones', () => {
    expect(parseClock('01:02:03')).toBe(3723);
    expect(parseClock('2:03')).toBe(123);
    expect(parseClock('00:00:01,250')).toBe(1.25);
    expect(parseClock('00:09:025')).toBe(565);
    expect(parseClock('soon')).toBeUndefined();
    expect(takeLeadingClock('10:30am is early')).toEqual({ rest: '10:30am is early' });
  });
});

describe('parsePlainText', () => {
  it('reads mixed label styles, continuation lines, timestamps and a preamble', () => {
    const { transcripts, problems } = parsePlainText(fixtureText('session.txt'));
    expect(transcripts).toHaveLength(1);
    const [t] = transcripts;
    expect(t?.utterances.map((u) => u.speaker)).toEqual([
      'Therapist',
      'Client',
      'T',
      'C',
      'COUNSELOR',
      'Client',
      '[Music]',
      'Dr. Smith',
      'JANE',
      'Dr. Smith',
      'JANE',
      'Speaker 1',
      'Speaker 2',
    ]);
    expect(t?.utterances[1]).toEqual({
      speaker: 'Client',
      text: "Honestly, it's been rough. I had two panic attacks at work,\nand one on the bus home on Thursday.",
      line: 5,
      startSec: 11,
    });
    expect(t?.utterances[3]).toMatchObject({
      speaker: 'C',
      startSec: 31,
      text: "My manager asked to see me, and I was sure I was about to be fired.\nI couldn't breathe properly.",
    });
    expect(t?.utterances[7]?.text).toBe('Let\'s write that thought down: "I\'m about to be fired." How much do you believe it right now?');
    expect(t?.metadata).toEqual({ preamble: 'Session 4 – anxiety follow-up\nRecorded with consent, 12 March' });
    expect(problems).toEqual([
      { line: 1, message: "Lines 1–3 come before the first speaker label; kept as the transcript's preamble.", severity: 'warning' },
    ]);
  });

  it('takes a capitalised name as a label only when it recurs', () => {
    const once = parsePlainText('Therapist: What happened next?\nClient: I said to him\nMaria: you never listen.\nTherapist: And then?');
    expect(once.transcripts[0]?.utterances.map((u) => u.speaker)).toEqual(['Therapist', 'Client', 'Therapist']);
    expect(once.transcripts[0]?.utterances[1]?.text).toBe('I said to him\nMaria: you never listen.');
    const twice = parsePlainText('Maria: Hello.\nTom: Hi.\nMaria: How are you?\nTom: Fine.');
    expect(twice.transcripts[0]?.utterances.map((u) => u.speaker)).toEqual(['Maria', 'Tom', 'Maria', 'Tom']);
  });

  it('reads "label on its own line" exports and resumes the speaker after a caption sound', () => {
    const { transcripts } = parsePlainText(
      'Speaker 1  0:00\nHi, thanks for coming.\n\nSpeaker 2  0:04\nThanks for having me.\n[Laughter]\nIt has been a week.',
    );
    expect(transcripts[0]?.utterances).toEqual([
      { speaker: 'Speaker 1', text: 'Hi, thanks for coming.', line: 1, startSec: 0 },
      { speaker: 'Speaker 2', text: 'Thanks for having me.', line: 4, startSec: 4 },
      { speaker: '[Laughter]', text: '[Laughter]', line: 6 },
      { speaker: 'Speaker 2', text: 'It has been a week.', line: 7 },
    ]);
  });

  it('skips a label with no text, with a warning that names the line', () => {
    const { transcripts, problems } = parsePlainText('T: Hello.\nC:\nT: Still there?');
    expect(transcripts[0]?.utterances.map((u) => u.text)).toEqual(['Hello.', 'Still there?']);
    expect(problems).toEqual([{ line: 2, message: 'Line 2: "C" has no text; the empty turn was skipped.', severity: 'warning' }]);
  });

  it('refuses text without any speaker label', () => {
    expect(() => parsePlainText('Dear diary,\ntoday was long.\nI went to work.')).toThrow(TranscriptFormatError);
    expect(() => parsePlainText('Dear diary,\ntoday was long.')).toThrow(/^No speaker turns found: no line starts with a speaker label/);
  });

  it('refuses a document whose only label-like lines name one speaker (a README with "NOTE:" in it)', () => {
    const readme =
      '# Session notes\n\nThese files hold the transcripts of the spring study.\n\nNOTE: names are changed.\nRun the script to convert them.\n';
    expect(() => parsePlainText(readme)).toThrow(/^No speaker turns found between two people: only "NOTE" is labelled/);
    // One person labelled twice is no more a session.
    expect(() => parsePlainText('Therapist: Hello.\nHow are you?\nTherapist: Take your time.')).toThrow(/only "Therapist" is labelled/);
    // A caption sound is not a second speaker.
    expect(() => parsePlainText('Speaker 1: Hello.\n[Music]\nSpeaker 1: Welcome back.')).toThrow(TranscriptFormatError);
  });
});

describe('numbered and tabbed transcripts', () => {
  it('reads every turn of a transcript with line numbers, and keeps a numbered line without a label as text', () => {
    const { transcripts } = parsePlainText(
      '1. Therapist: How are you?\n2. Client: Tired.\n3. I slept 10 hours.\n4. Therapist: Tell me more.\n',
    );
    expect(transcripts[0]?.utterances.map((u) => [u.speaker, u.text])).toEqual([
      ['Therapist', 'How are you?'],
      ['Client', 'Tired.\n3. I slept 10 hours.'],
      ['Therapist', 'Tell me more.'],
    ]);
  });
});

describe('a name label used once', () => {
  it('keeps the line in the turn before it and says which line looked like a speaker', () => {
    const { transcripts, problems } = parsePlainText(
      'Therapist: What did she say?\nClient: She said it twice.\nMother: Why do you never call?\nTherapist: How did that feel?\n',
    );
    expect(transcripts[0]?.utterances.map((u) => [u.speaker, u.text])).toEqual([
      ['Therapist', 'What did she say?'],
      ['Client', 'She said it twice.\nMother: Why do you never call?'],
      ['Therapist', 'How did that feel?'],
    ]);
    expect(problems).toEqual([
      {
        line: 3,
        message:
          'Line 3 starts with a name and a colon ("Mother:") used only once, so it was read as part of the turn before, not as a new speaker. If it is a speaker, label each of their turns.',
        severity: 'warning',
      },
    ]);
  });
});

describe('a note after the last turn', () => {
  it('keeps a summary or closing line set apart after the last turn out of that turn, as the postscript, and says so', () => {
    const summary = parsePlainText(
      'Counselor: How did the homework go?\nClient: I did it twice.\nIt helped.\n\nSummary: Homework done. Next session: an experiment.\n',
    );
    expect(summary.transcripts[0]?.utterances.map((u) => u.text)).toEqual(['How did the homework go?', 'I did it twice.\nIt helped.']);
    expect(summary.transcripts[0]?.metadata).toEqual({ postscript: 'Summary: Homework done. Next session: an experiment.' });
    expect(summary.problems).toEqual([
      {
        line: 5,
        message:
          'Line 5 and after, after the last turn, read as a note on the transcript rather than "Client" speaking; kept as the transcript\'s postscript.',
        severity: 'warning',
      },
    ]);
    const closing = parsePlainText('Therapist: Where were we?\nClient: At my sister.\n\nEnd of transcript.\n');
    expect(closing.transcripts[0]?.utterances.at(-1)?.text).toBe('At my sister.');
    expect(closing.transcripts[0]?.metadata).toEqual({ postscript: 'End of transcript.' });
    const tool = parsePlainText('Speaker 1  0:03\nHow are you?\nSpeaker 2  0:05\nFine.\n\nTranscribed by https://otter.ai\n');
    expect(tool.transcripts[0]?.utterances.at(-1)?.text).toBe('Fine.');
    expect(tool.transcripts[0]?.metadata).toEqual({ postscript: 'Transcribed by https://otter.ai' });
    const word = parsePlainText('Therapist: See you next week.\nClient: Thank you.\nEnd of session\n');
    expect(word.transcripts[0]?.utterances.at(-1)?.text).toBe('Thank you.');
    expect(word.transcripts[0]?.metadata).toEqual({ postscript: 'End of session' });
  });

  it('leaves a paragraph of the speaker alone: no heading, or more turns after it', () => {
    const paragraph = parsePlainText('Therapist: Go on.\nClient: I did it.\n\nAnd then I cried.\n');
    expect(paragraph.transcripts[0]?.utterances.at(-1)?.text).toBe('I did it.\nAnd then I cried.');
    expect(paragraph.problems).toEqual([]);
    const middle = parsePlainText(
      'Therapist: Go on.\nClient: I said it.\n\nMother: why do you never call?\nTherapist: How did that feel?\n',
    );
    expect(middle.transcripts[0]?.utterances.map((u) => u.text)).toEqual([
      'Go on.',
      'I said it.\nMother: why do you never call?',
      'How did that feel?',
    ]);
    expect(middle.transcripts[0]?.metadata).toEqual({});
  });
});

describe('a label alone on its line', () => {
  it('reads screenplay-style turns (a role, an anonymous tag or a titled name above the text), and leaves other lone words as text', () => {
    const { transcripts } = parsePlainText(
      'THERAPIST\nHow are you?\n\nCLIENT\nNot bad.\nYeah\nI\nmean it.\nPatient.\nDr. Lee\nGood.\nSpeaker 2\nThanks.\n',
    );
    expect(transcripts[0]?.utterances.map((u) => [u.speaker, u.text])).toEqual([
      ['THERAPIST', 'How are you?'],
      ['CLIENT', 'Not bad.\nYeah\nI\nmean it.\nPatient.'],
      ['Dr. Lee', 'Good.'],
      ['Speaker 2', 'Thanks.'],
    ]);
  });
});

describe('numbered and parenthesised labels', () => {
  it('reads T1/C1/T2… as turn numbers of "T" and "C", and says so', () => {
    const { transcripts, problems } = parsePlainText('T1: How are you?\nC1: Tired.\nT2: Say more.\nC2: Work is hard.\n');
    expect(transcripts[0]?.utterances.map((u) => [u.speaker, u.text])).toEqual([
      ['T', 'How are you?'],
      ['C', 'Tired.'],
      ['T', 'Say more.'],
      ['C', 'Work is hard.'],
    ]);
    expect(problems).toEqual([
      {
        message: 'Labels such as "T1", "C1" number the turns (each number is used once), so they were read as the speakers "T" and "C".',
        severity: 'warning',
      },
    ]);
  });

  it('keeps P1 and P2 apart when they speak again and again (people in a group), with their roles', () => {
    const { transcripts, problems } = parsePlainText('T: Welcome.\nP1: Hi.\nP2: Hello.\nP1: I am nervous.\nT: That is normal.\n');
    expect(transcripts[0]?.utterances.map((u) => u.speaker)).toEqual(['T', 'P1', 'P2', 'P1', 'T']);
    expect(problems).toEqual([]);
    const roles = guessRoles(transcripts[0]!);
    expect([roles.T?.role, roles.P1?.role, roles.P2?.role]).toEqual(['assistant', 'user', 'user']);
  });

  it('reads "(Therapist) text", and leaves a stage direction in parentheses as text', () => {
    const { transcripts } = parsePlainText('(Therapist) How are you?\n(Client) Tired.\n(Laughs) I mean it.\n(Therapist) Say more.\n');
    expect(transcripts[0]?.utterances.map((u) => [u.speaker, u.text])).toEqual([
      ['Therapist', 'How are you?'],
      ['Client', 'Tired.\n(Laughs) I mean it.'],
      ['Therapist', 'Say more.'],
    ]);
  });
});

describe('turns joined on one line', () => {
  it('splits at a label of the file after the end of a sentence, and says so; a label inside a sentence stays', () => {
    const { transcripts, problems } = parsePlainText(
      'Therapist: How are you? Client: Tired. Therapist: Say more.\nClient: I told my Therapist: no more. It was hard.\nTherapist: Okay.\n',
    );
    expect(transcripts[0]?.utterances.map((u) => [u.speaker, u.text])).toEqual([
      ['Therapist', 'How are you?'],
      ['Client', 'Tired.'],
      ['Therapist', 'Say more.'],
      ['Client', 'I told my Therapist: no more. It was hard.'],
      ['Therapist', 'Okay.'],
    ]);
    expect(problems).toEqual([
      {
        message:
          'One turn holds a speaker\'s label after the end of a sentence ("… Client: …"), as text copied from a web page does; split there into separate turns.',
        severity: 'warning',
      },
    ]);
  });
});

describe('">>" without a name in a text file', () => {
  it('keeps the line in the turn before it and says that a speaker change was not named', () => {
    const { transcripts, problems } = parsePlainText('>> THERAPIST: What brings you in?\n>> I have been drinking.\n>> CLIENT: Too much.\n');
    expect(transcripts[0]?.utterances.map((u) => [u.speaker, u.text])).toEqual([
      ['THERAPIST', 'What brings you in?\nI have been drinking.'],
      ['CLIENT', 'Too much.'],
    ]);
    expect(problems).toEqual([
      {
        line: 2,
        message:
          'Line 2 starts with ">>", which marks a new speaker, but names no one, so it was kept in the turn before. Add the speaker\'s label after ">>" to split it, or import the captions as .vtt or .srt.',
        severity: 'warning',
      },
    ]);
  });
});
