import { describe, expect, it } from 'vitest';
import { parseChatJsonl } from '../../../src/main/core/imports/formats/chatJsonl';
import { fixtureText } from './fixtures';

describe('parseChatJsonl', () => {
  it('reads one conversation per line, known roles, the system prompt, weights and content parts', () => {
    const { transcripts, problems } = parseChatJsonl(fixtureText('chat.jsonl'));
    expect(problems).toEqual([]);
    expect(transcripts.map((t) => t.key)).toEqual(['1', '3']);
    const [first, second] = transcripts;
    expect(first?.knownRoles).toEqual({ user: 'user', assistant: 'assistant' });
    expect(first?.metadata).toEqual({ systemPrompt: 'You are a warm, structured CBT counselor.' });
    expect(first?.utterances).toHaveLength(4);
    expect(first?.utterances[3]).toEqual({
      speaker: 'assistant',
      text: "Let's look at the evidence for and against that thought.",
      line: 1,
      annotations: { weight: '0' },
    });
    expect(second?.utterances[1]).toEqual({ speaker: 'assistant', text: 'What do you feel just before you check?', line: 3 });
    expect(second?.metadata).toEqual({ metadata: { source: 'synthetic' } });
  });

  it('skips bad lines with their numbers and keeps the others', () => {
    const { transcripts, problems } = parseChatJsonl(fixtureText('chat-bad-line.jsonl'));
    expect(transcripts.map((t) => t.key)).toEqual(['1', '4']);
    expect(transcripts[1]?.utterances.map((u) => u.speaker)).toEqual(['user', 'assistant']);
    expect(problems).toEqual([
      { line: 2, message: 'Line 2 is cut off before its JSON is complete; it was skipped.', severity: 'error' },
      {
        line: 3,
        message:
          'Line 3 holds no conversation (no "messages" or "conversations" list, no client and counselor fields, no labelled transcript); it was skipped.',
        severity: 'error',
      },
      {
        line: 4,
        message: 'Line 4, message 2 is a tool message, which is not part of a conversation; it was skipped.',
        severity: 'warning',
      },
    ]);
  });

  it('refuses a file where no line holds a conversation', () => {
    expect(() => parseChatJsonl('{"prompt": "a"}\nnot json\n')).toThrow(
      /No line of this JSON Lines file holds a conversation \(Line 1 holds no conversation/,
    );
  });
});
