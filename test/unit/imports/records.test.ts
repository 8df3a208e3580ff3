// Shapes of public counseling data sets that hold a conversation in named fields rather than in a
// list of turn objects: each read turn by turn, in order, with its role and its text unchanged, and
// every record that cannot be read reported with its reason.
import { describe, expect, it } from 'vitest';
import { parseDialogueJson } from '../../../src/main/core/imports/formats/dialogueJson';
import { parseFile } from '../../../src/main/core/imports/parseFile';
import type { ParsedTranscript, ParseResult } from '../../../src/main/core/imports/types';
import { fixtureBytes } from './fixtures';

const parse = (name: string): Promise<ParseResult> => parseFile(name, fixtureBytes(name));
const turns = (t: ParsedTranscript | undefined): string[][] => (t?.utterances ?? []).map((u) => [u.speaker, u.text]);

describe('records with a client and a counselor field', () => {
  it('reads a question/answer CSV (one answer per row) as one exchange per row, and says how', async () => {
    const { format, transcripts, problems } = await parse('qa-rows.csv');
    expect(format).toBe('csv');
    expect(transcripts.map(turns)).toEqual([
      [
        ['questionText', "I barely sleep, and I keep thinking I'm worthless."],
        ['answerText', 'That sounds painful.\n\nWhat do you notice just before the thought comes?'],
      ],
      [
        ['questionText', "I barely sleep, and I keep thinking I'm worthless."],
        ['answerText', 'Thank you for asking about this.'],
      ],
    ]);
    expect(transcripts[0]?.knownRoles).toEqual({ questionText: 'user', answerText: 'assistant' });
    expect(transcripts[0]?.title).toBe('Why do I feel worthless?');
    expect(transcripts[1]?.metadata).toMatchObject({ therapistinfo: 'B. Chen, LCSW', upvotes: '1', topic: 'depression' });
    expect(problems).toEqual([
      {
        message:
          'Each record was read as one exchange: "questionText" as the client\'s turn, "answerText" as the counselor\'s; one session per row.',
        severity: 'warning',
      },
      { line: 6, message: "Line 6 lacks the client's or the counselor's text; the row was skipped.", severity: 'error' },
    ]);
  });

  it('reads instruction data: the instruction frames an input, or is the question when there is none', async () => {
    const { transcripts, problems } = await parse('instruction-records.json');
    expect(transcripts.map(turns)).toEqual([
      [
        ['input', "I've been anxious about work."],
        ['output', 'What part of work feels heaviest?'],
      ],
      [
        ['instruction', 'How can I sleep better when I worry at night?'],
        ['output', 'A short wind-down routine can help.'],
      ],
    ]);
    expect(transcripts[0]?.metadata).toEqual({
      systemPrompt: "You are a counselling assistant. Answer based on the patient's description.",
    });
    expect(transcripts[1]?.knownRoles).toEqual({ instruction: 'user', output: 'assistant' });
    expect(transcripts[1]?.metadata).toEqual({ input: '' });
    expect(problems.map((p) => p.message)).toEqual([
      'Each record was read as one exchange: "instruction" as the client\'s turn, "output" as the counselor\'s.',
      'Each record was read as one exchange: "input" as the client\'s turn, "output" as the counselor\'s, "instruction" as the system prompt.',
      'Dialogue 3 holds no conversation (no turn list, no client and counselor fields); it was skipped.',
    ]);
  });
});

describe('transcripts held in one field', () => {
  it('reads the labelled lines of a "dialogue" string, keeping the other fields as metadata', async () => {
    const { transcripts, problems } = await parse('dialogue-string.json');
    expect(transcripts.map(turns)).toEqual([
      [
        ['Counselor', 'Hi Laura, what brings you here?'],
        ['Client', 'I keep thinking I will fail my exam.\nI freeze every time.'],
        ['Counselor', 'What makes you think so?'],
      ],
      [
        ['Counselor', 'Hello Mark.'],
        ['Client', 'Hi.'],
      ],
    ]);
    expect(transcripts[0]?.metadata).toEqual({ thought: 'I will fail my exam.', patterns: 'catastrophizing' });
    expect(problems).toEqual([
      { message: 'Each record\'s transcript was read from the speaker labels in its "dialogue" field.', severity: 'warning' },
    ]);
  });

  it('reads a list of labelled strings, and says where an unlabelled one was joined', async () => {
    const { transcripts, problems } = await parse('labelled-strings.json');
    expect(turns(transcripts[0])).toEqual([
      ['求助者', '最近我总是睡不着。'],
      ['支持者', '能说说发生了什么吗？\n工作太多了。'],
      ['求助者', '我很累。'],
    ]);
    expect(problems).toEqual([
      { message: 'The dialogue, item 3 has no speaker label; it was joined to the turn of "支持者" before it.', severity: 'warning' },
    ]);
  });

  it('finds a turn list under a name of its own when it is the only one', async () => {
    const { transcripts } = await parse('other-turn-key.json');
    expect(turns(transcripts[0])).toEqual([
      ['医生', '最近睡眠怎么样？'],
      ['患者', '不太好。'],
    ]);
    expect(transcripts[0]?.metadata).toEqual({ dialogId: 'd1' });
  });
});

describe('JSON Lines from other data sets', () => {
  it('reads ShareGPT lines, labelled "text" lines and Context/Response lines, and reports a line with none', async () => {
    const { format, transcripts, problems } = await parse('sharegpt-lines.jsonl');
    expect(format).toBe('chat-jsonl');
    expect(transcripts.map((t) => t.key)).toEqual(['1', '2', '3']);
    expect(transcripts.map(turns)).toEqual([
      [
        ['human', 'I feel lonely since I moved.'],
        ['gpt', 'What do you miss most?'],
      ],
      [
        ['User', "I can't sleep."],
        ['Assistant', 'How long has this been going on?'],
        ['User', 'Two weeks.'],
      ],
      [
        ['Context', 'How can I stop worrying?'],
        ['Response', "Let's look at the worry together."],
      ],
    ]);
    expect(transcripts[0]?.metadata).toEqual({ id: 's1', systemPrompt: 'You are an empathetic counselor.' });
    expect(transcripts[1]?.metadata).toEqual({ id: 's2' });
    expect(transcripts[1]?.utterances.every((u) => u.line === 2)).toBe(true);
    expect(problems.map((p) => [p.line, p.severity])).toEqual([
      [undefined, 'warning'],
      [undefined, 'warning'],
      [4, 'error'],
    ]);
    expect(problems[2]?.message).toMatch(/^Line 4 holds no conversation/);
  });
});

describe('a chat written on one line', () => {
  it('splits "User: … Assistant: …" and "### Human: … ### Assistant: …" at role words only', async () => {
    const lines = [
      { text: 'User: I told Anna: stop. Assistant: What happened then? User: She left.' },
      { text: '### Human: What is a thought record? ### Assistant: A worksheet for noticing thoughts.' },
      { text: 'Intro. User: hi Assistant: hello' },
    ];
    const bytes = new TextEncoder().encode(lines.map((l) => JSON.stringify(l)).join('\n'));
    const { transcripts, problems } = await parseFile('inline.jsonl', bytes);
    expect(transcripts.map(turns)).toEqual([
      [
        ['User', 'I told Anna: stop.'],
        ['Assistant', 'What happened then?'],
        ['User', 'She left.'],
      ],
      [
        ['Human', 'What is a thought record?'],
        ['Assistant', 'A worksheet for noticing thoughts.'],
      ],
    ]);
    // Text before the first label: not split, and said so.
    expect(problems.find((p) => p.severity === 'error')).toMatchObject({
      line: 3,
      message: expect.stringMatching(/^Line 3 holds no conversation/),
    });
  });
});

describe('turns without speakers, and a system prompt beside the turns', () => {
  it('refuses plain strings without labels with the cause and the fix, rather than guessing who spoke', () => {
    for (const value of [
      ['I feel lonely.', 'That sounds hard.', 'Yes.'],
      [{ utterances: ['I feel lonely.', 'That sounds hard.'], emotion: 'lonely' }],
    ]) {
      expect(() => parseDialogueJson(value)).toThrow(
        'The turns in this JSON are plain strings without speaker labels (the first: "I feel lonely."), so who said what cannot be told. Give each turn a speaker ({"speaker": "Client", "text": "…"}) or start each with a label ("Client: …").',
      );
    }
  });

  it('takes a "system" field beside ShareGPT turns as the system prompt', () => {
    const { transcripts } = parseDialogueJson({
      system: 'You are a CBT counselor.',
      conversations: [
        { from: 'human', value: 'Hi.' },
        { from: 'gpt', value: 'Hello.' },
      ],
    });
    expect(transcripts[0]?.metadata).toEqual({ systemPrompt: 'You are a CBT counselor.' });
  });
});

describe('dialogues as lists of labelled utterances or of exchanges', () => {
  it('reads "utterances": ["patient: …", "doctor: …"] and "dialogue": [{patient, doctor}, …], each turn once and in order', () => {
    const { transcripts, problems } = parseDialogueJson([
      { id: 1, description: 'Cannot sleep', utterances: ['patient: I cannot sleep.', 'doctor: For how long?', 'patient: A month.'] },
      {
        id: 2,
        dialogue: [
          { patient: 'I feel low.', doctor: 'Since when?' },
          { patient: 'Since May.', doctor: 'What changed in May?' },
        ],
      },
    ]);
    expect(transcripts.map(turns)).toEqual([
      [
        ['patient', 'I cannot sleep.'],
        ['doctor', 'For how long?'],
        ['patient', 'A month.'],
      ],
      [
        ['patient', 'I feel low.'],
        ['doctor', 'Since when?'],
        ['patient', 'Since May.'],
        ['doctor', 'What changed in May?'],
      ],
    ]);
    expect(transcripts[1]?.knownRoles).toEqual({ patient: 'user', doctor: 'assistant' });
    expect(transcripts[0]?.metadata).toEqual({ id: 1, description: 'Cannot sleep' });
    expect(problems.map((p) => p.message)).toEqual([
      'Each record\'s "dialogue" was read as a list of exchanges, each field\'s role given by its name.',
      'Each record\'s transcript was read from the speaker labels in its "utterances" field.',
    ]);
  });
});

describe('one question with several answers', () => {
  it("reads each answer as its own exchange with the question, keeping the answer's other fields", () => {
    const { transcripts, problems } = parseDialogueJson([
      {
        question: 'Why am I anxious all day?',
        description: 'Since my exams I worry from morning to night.',
        answers: [{ answer_text: 'Worry can become a habit.', has_label: true }, { answer_text: 'Try noticing when it starts.' }],
      },
    ]);
    expect(transcripts.map(turns)).toEqual([
      [
        ['question', 'Why am I anxious all day?'],
        ['answer', 'Worry can become a habit.'],
      ],
      [
        ['question', 'Why am I anxious all day?'],
        ['answer', 'Try noticing when it starts.'],
      ],
    ]);
    expect(transcripts[0]?.metadata).toEqual({ description: 'Since my exams I worry from morning to night.', answerHasLabel: true });
    expect(problems.map((p) => p.message)).toEqual([
      'Each record was read as one exchange: "question" as the client\'s turn, "answer" as the counselor\'s.',
      'Each record\'s "answers" list was read as one session per answer.',
    ]);
  });
});

describe('dialogues as bare lists of turns', () => {
  it('reads a list of turn lists, and a JSON Lines file whose lines are turn lists', async () => {
    const many = parseDialogueJson({
      conversations: [
        [
          { role: 'user', content: 'I feel stuck.' },
          { role: 'assistant', content: 'Stuck how?' },
        ],
        [
          { role: 'user', content: 'I slept badly.' },
          { role: 'assistant', content: 'What kept you up?' },
        ],
      ],
    });
    expect(many.transcripts.map(turns)).toEqual([
      [
        ['user', 'I feel stuck.'],
        ['assistant', 'Stuck how?'],
      ],
      [
        ['user', 'I slept badly.'],
        ['assistant', 'What kept you up?'],
      ],
    ]);
    const lines =
      '[{"role": "user", "content": "Hi."}, {"role": "assistant", "content": "Hello."}]\n[{"role": "user", "content": "Bye."}]\n';
    const { transcripts, problems } = await parseFile('chats.jsonl', new TextEncoder().encode(lines));
    expect(transcripts.map(turns)).toEqual([
      [
        ['user', 'Hi.'],
        ['assistant', 'Hello.'],
      ],
      [['user', 'Bye.']],
    ]);
    expect(problems).toEqual([]);
  });
});
