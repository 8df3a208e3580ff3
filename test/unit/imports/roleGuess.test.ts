import { describe, expect, it } from 'vitest';
import { guessRoles } from '../../../src/main/core/imports/formats/roleGuess';
import { parseTranscriptionJson } from '../../../src/main/core/imports/formats/transcriptionJson';
import type { ParsedTranscript, Utterance } from '../../../src/main/core/imports/types';
import { fixtureText } from './fixtures';

const transcript = (lines: [string, string][], knownRoles?: ParsedTranscript['knownRoles']): ParsedTranscript => ({
  key: '0',
  title: 't',
  utterances: lines.map(([speaker, text]): Utterance => ({ speaker, text })),
  metadata: {},
  ...(knownRoles ? { knownRoles } : {}),
});

describe('guessRoles', () => {
  it.each([
    ['Therapist', 'assistant'],
    ['COUNSELOR', 'assistant'],
    ['Counsellor', 'assistant'],
    ['supporter', 'assistant'],
    ['listener', 'assistant'],
    ['Interviewer', 'assistant'],
    ['Doctor', 'assistant'],
    ['Dr. Smith', 'assistant'],
    ['T', 'assistant'],
    ['Therapist Sarah', 'assistant'],
    ['[Counselor]', 'assistant'],
    ['Client', 'user'],
    ['patient', 'user'],
    ['Seeker', 'user'],
    ['speaker', 'user'],
    ['C', 'user'],
    ['P', 'user'],
    ['Narrator', 'drop'],
    ['NOTE', 'drop'],
    ['[music]', 'drop'],
    ['[Applause]', 'drop'],
  ])('label %s → %s', (label, role) => {
    const guess = guessRoles(transcript([[label, 'Hello there.']]))[label];
    expect(guess?.role).toBe(role);
    expect(guess?.confidence).toBeGreaterThanOrEqual(0.7);
    expect(guess?.reason).toContain(label.replace(/[[\]]/g, '').split(' ')[0] ?? '');
  });

  it('trusts roles the file states, with confidence 1', () => {
    const guesses = guessRoles(
      transcript(
        [
          ['speaker', 'Hi'],
          ['listener', 'Hello'],
          ['sys', 'x'],
        ],
        { speaker: 'user', listener: 'assistant', sys: 'system' },
      ),
    );
    expect(guesses).toEqual({
      speaker: { role: 'user', confidence: 1, reason: 'the file gives the role "user"' },
      listener: { role: 'assistant', confidence: 1, reason: 'the file gives the role "assistant"' },
      sys: { role: 'drop', confidence: 1, reason: 'the file marks it as a system message' },
    });
  });

  it('tells an unlabelled A/B conversation apart by questions and reflections, whoever speaks first', () => {
    const conversation = transcript([
      ['A', "I don't really know where to start. My week was awful."],
      ['B', 'That sounds hard. What made it awful?'],
      ['A', 'My boss yelled at me in front of everyone and I just froze.'],
      ['B', 'It sounds like you felt humiliated. What went through your mind when you froze?'],
      ['A', "That I'm useless and everyone knows it."],
      ['B', 'How much do you believe that right now, from 0 to 100?'],
      ['A', 'Maybe eighty. I keep replaying it.'],
    ]);
    const guesses = guessRoles(conversation);
    expect(guesses.B?.role).toBe('assistant');
    expect(guesses.A?.role).toBe('user');
    expect(guesses.B?.confidence).toBeGreaterThan(0.8);
    expect(guesses.B?.confidence).toBeLessThanOrEqual(0.95);
    expect(guesses.B?.reason).toMatch(/asks more questions \(3 of 3 turns vs 0 of 4\)/);
    expect(guesses.B?.reason).toMatch(/reflects \("it sounds like"/);
    expect(guesses.A?.reason).toMatch(/^B looks like the counselor/);
  });

  it('always makes one of two anonymous speakers the assistant, with low confidence when nothing tells them apart', () => {
    const guesses = guessRoles(
      transcript([
        ['Speaker 1', 'Okay.'],
        ['Speaker 2', 'Okay.'],
      ]),
    );
    expect(guesses['Speaker 1']?.role).toBe('assistant');
    expect(guesses['Speaker 2']?.role).toBe('user');
    expect(guesses['Speaker 1']?.confidence).toBe(0.5);
    expect(guesses['Speaker 1']?.reason).toMatch(/no clear difference/);
  });

  it('reads a diarized transcription: the greeting questioner is the counselor', () => {
    const t = parseTranscriptionJson(JSON.parse(fixtureText('diarized.json'))).transcripts[0];
    if (!t) throw new Error('no transcript');
    const guesses = guessRoles(t);
    expect(guesses.A).toMatchObject({ role: 'assistant' });
    expect(guesses.B).toMatchObject({ role: 'user' });
    expect(guesses.A?.reason).toMatch(/opens with a greeting/);
  });

  it('drops a narrator and pairs a named speaker with a labelled one', () => {
    const guesses = guessRoles(
      transcript([
        ['Narrator', 'This role-play shows a first session.'],
        ['Counselor', 'Hi Jane, what brings you in?'],
        ['JANE', 'I have been anxious since I moved.'],
        ['Counselor', 'Tell me more about the move.'],
      ]),
    );
    expect(guesses.Narrator?.role).toBe('drop');
    expect(guesses.Counselor?.role).toBe('assistant');
    expect(guesses.JANE).toEqual({ role: 'user', confidence: 0.8, reason: 'the other speaker, Counselor, is the counselor' });
  });
});
