import { describe, expect, it } from 'vitest';
import { parseDialogueJson } from '../../../src/main/core/imports/formats/dialogueJson';
import { TranscriptFormatError } from '../../../src/main/core/imports/types';
import { fixtureText } from './fixtures';

describe('parseDialogueJson', () => {
  it('reads ShareGPT: known roles from human/gpt, the system turn as the system prompt', () => {
    const { transcripts, problems } = parseDialogueJson(JSON.parse(fixtureText('sharegpt.json')));
    expect(problems).toEqual([]);
    expect(transcripts).toHaveLength(2);
    const [first] = transcripts;
    expect(first?.knownRoles).toEqual({ human: 'user', gpt: 'assistant' });
    expect(first?.metadata).toEqual({ id: 'cbt-0001', systemPrompt: 'You are a supportive counselor trained in CBT.' });
    expect(first?.utterances.map((u) => u.speaker)).toEqual(['human', 'gpt', 'human', 'gpt']);
    expect(first?.title).toBe('');
    expect(transcripts[1]?.key).toBe('1');
  });

  it('reads a generic {turns:[{speaker, text}]} dialogue: trims text, keeps annotations, numbers scores', () => {
    const { transcripts } = parseDialogueJson(JSON.parse(fixtureText('dialogue-messages.json')));
    expect(transcripts).toEqual([
      {
        key: '0',
        title: 'Intake role-play',
        utterances: [
          { speaker: 'Therapist', text: 'What brings you in today?' },
          { speaker: 'Client', text: "I've been feeling flat for weeks." },
          { speaker: 'Therapist', text: 'Flat in what way?', annotations: { code: 'open question' } },
        ],
        metadata: { title: 'Intake role-play', sessionRating: 4 },
      },
    ]);
    // Labels such as "Therapist" are for guessRoles; the file does not state roles.
    expect(transcripts[0]?.knownRoles).toBeUndefined();
  });

  it('reads {messages:[{role, content}]} and a bare list of turns', () => {
    const messages = parseDialogueJson({
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello, what brings you here?' },
      ],
    });
    expect(messages.transcripts[0]?.knownRoles).toEqual({ user: 'user', assistant: 'assistant' });
    const bare = parseDialogueJson([
      { from: 'Counselor', value: 'Welcome.' },
      { from: 'Client', value: 'Thanks.' },
    ]);
    expect(bare.transcripts[0]?.utterances.map((u) => u.speaker)).toEqual(['Counselor', 'Client']);
  });

  it('reads a turn whose text is under "sentence"', () => {
    const { transcripts } = parseDialogueJson([
      {
        dialog: [
          { speaker: 'doctor', sentence: 'How have you slept?' },
          { speaker: 'patient', sentence: 'Badly.' },
        ],
      },
    ]);
    expect(transcripts[0]?.utterances).toEqual([
      { speaker: 'doctor', text: 'How have you slept?' },
      { speaker: 'patient', text: 'Badly.' },
    ]);
  });

  it('skips turns without text and reports where they were', () => {
    const { transcripts, problems } = parseDialogueJson([
      {
        dialog: [
          { speaker: 'seeker', content: 'Hello\n' },
          { speaker: 'supporter', content: '   ' },
          { speaker: 'supporter', content: 'Hi there' },
        ],
      },
      { dialog: [{ speaker: 'seeker', content: 'Only me' }] },
    ]);
    expect(transcripts[0]?.utterances.map((u) => u.text)).toEqual(['Hello', 'Hi there']);
    expect(problems).toEqual([{ message: 'Dialogue 1, turn 2 has no text; it was skipped.', severity: 'warning' }]);
  });

  it('refuses JSON that holds no dialogue, naming the shapes it accepts', () => {
    expect(() => parseDialogueJson({ hello: 'world' })).toThrow(TranscriptFormatError);
    expect(() => parseDialogueJson([1, 2, 3])).toThrow(/expected a list of turns under "dialog", "messages"/);
  });
});
