import { describe, expect, it, vi } from 'vitest';
import type { Turn } from '../../../src/shared/domain/session';
import { cleanTurns, splitIntoWindows } from '../../../src/main/core/imports/cleaning';
import { cleaningOptionsSchema } from '../../../src/main/core/imports/cleaningOptions';
import { countTokens } from '../../../src/main/core/imports/tokens';

const defaults = cleaningOptionsSchema.parse({});
const u = (text: string): Turn => ({ role: 'user', text });
const a = (text: string): Turn => ({ role: 'assistant', text });

describe('cleaning', () => {
  it('strips timestamps, caption artefacts and speaker-change markers, counting each', () => {
    const { turns, stats } = cleanTurns(
      [a('[00:01:23] So what brings you in today?'), u('>> Well [inaudible] my boss (laughs) keeps [music] emailing me at 00:12 [00:12]')],
      defaults,
    );
    expect(turns).toEqual([a('So what brings you in today?'), u('Well my boss keeps emailing me at 00:12')]);
    expect(stats.timestampsStripped).toBe(2);
    expect(stats.artifactsStripped).toBe(4);
  });

  it('removes filler words only when asked, and keeps minimal encouragers like mm-hmm', () => {
    const text = 'Um, I guess, uh, it started in May, you know, and mm-hmm that was it.';
    expect(cleanTurns([u(text)], defaults).turns[0]!.text).toBe(text);
    const { turns, stats } = cleanTurns([u(text)], { ...defaults, removeFillers: true });
    expect(turns[0]!.text).toBe('I guess, it started in May and mm-hmm that was it.');
    expect(stats.fillersRemoved).toBe(3);
  });

  it('normalises Unicode and whitespace, merges consecutive turns of one role and drops empty turns', () => {
    const { turns, stats } = cleanTurns(
      [u('I feel\u00a0 tired .'), u('  Really tired\u200b.'), a('[inaudible]'), a('Tell me more.')],
      defaults,
    );
    expect(turns).toEqual([u('I feel tired. Really tired.'), a('Tell me more.')]);
    expect(stats).toMatchObject({ turnsMerged: 1, emptyDropped: 1 });
    expect('é'.normalize('NFD') === cleanTurns([u('e\u0301')], defaults).turns[0]!.text).toBe(false);
  });

  it('leaves text alone when every option is off', () => {
    const off = cleaningOptionsSchema.parse({
      stripTimestamps: false,
      stripCaptionArtifacts: false,
      normalizeText: false,
      mergeConsecutive: false,
      dropEmpty: false,
    });
    const input = [u('[00:01] hi  [music]'), u('')];
    expect(cleanTurns(input, off).turns).toEqual(input);
  });
});

describe('splitting long sessions', () => {
  const long: Turn[] = Array.from({ length: 40 }, (_, i) =>
    i % 2 === 0
      ? u(`Client line ${i} about worries and sleep and work.`)
      : a(`Counselor reply ${i}: what do you notice when that happens?`),
  );

  it('keeps a session within the limit whole', () => {
    expect(splitIntoWindows(long, 'You are a CBT counselor.', 100_000).windows).toEqual([long]);
  });

  it('makes windows that start with a user turn, end with an assistant turn and fit the limit', () => {
    const system = 'You are a CBT counselor.';
    const { windows, droppedLeading, tokens: counted } = splitIntoWindows([a('Welcome.'), ...long], system, 200);
    expect(droppedLeading).toBe(1);
    expect(windows.length).toBeGreaterThan(2);
    windows.forEach((w, i) => {
      expect(w[0]!.role).toBe('user');
      expect(w.at(-1)!.role).toBe('assistant');
      const tokens = countTokens(system) + 3 + w.reduce((s, t) => s + countTokens(t.text) + 3, 0);
      expect(tokens).toBeLessThanOrEqual(200);
      // The split's own count of each window is what the session stores.
      expect(counted[i]).toBe(tokens);
    });
    expect(windows.flat()).toEqual(long);
  });

  it('keeps an exchange longer than the limit as one window rather than losing it', () => {
    const huge = [u('word '.repeat(400)), a('reply '.repeat(400))];
    expect(splitIntoWindows(huge, null, 300).windows).toEqual([huge]);
  });
});

describe('idempotence', () => {
  it('changes nothing when cleaning an already-clean session again', () => {
    const once = cleanTurns([u('hello I am good thanks, you_'), u('? I am thinking'), a('Okay .'), a('[music] Go on')], defaults).turns;
    expect(cleanTurns(once, defaults).turns).toEqual(once);
  });
});

describe('linear work', () => {
  it('merges a long run of one speaker with work proportional to its length (characters normalised, counted)', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => u(`Line ${i} of a long monologue, and it goes on.`));
    const input = lines.reduce((n, t) => n + t.text.length, 0);
    const spy = vi.spyOn(String.prototype, 'normalize');
    const { turns, stats } = cleanTurns(lines, defaults);
    // The receiver of each call is the string normalised: their lengths add up to the work done.
    const normalised = spy.mock.contexts.reduce((n: number, text) => n + String(text).length, 0);
    spy.mockRestore();
    expect(turns).toHaveLength(1);
    expect(stats.turnsMerged).toBe(2999);
    expect(turns[0]!.text.startsWith('Line 0 of a long monologue, and it goes on. Line 1 of')).toBe(true);
    // Each character is normalised about twice (once as its turn, once in the joined run), not once per later turn.
    expect(normalised).toBeLessThan(3 * input);
  });
});

describe('what a split leaves out', () => {
  it('reports counselor turns before the first client turn and client turns after the last counselor turn', () => {
    const turns = [
      a('Welcome back.'),
      a('Before we start, a reminder.'),
      u('word '.repeat(200)),
      a('reply '.repeat(200)),
      u('Thanks.'),
      u('One more thing.'),
    ];
    const split = splitIntoWindows(turns, null, 300);
    expect(split.windows).toHaveLength(1);
    expect(split).toMatchObject({ droppedLeading: 2, droppedTrailing: 2, droppedBetween: 0 });
  });

  it('forms no window, and says so, when a long session has no counselor turn after a client turn', () => {
    const split = splitIntoWindows([a('Hello.'), u('word '.repeat(500))], null, 300);
    expect(split.windows).toEqual([]);
    expect(split).toMatchObject({ droppedLeading: 1, droppedTrailing: 1 });
  });
});
