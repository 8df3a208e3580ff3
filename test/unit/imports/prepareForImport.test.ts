import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cleaningOptionsSchema } from '../../../src/main/core/imports/cleaningOptions';
import { parseFile } from '../../../src/main/core/imports/parseFile';
import { prepareTranscript } from '../../../src/main/core/imports/prepareTranscript';
import { countMessageTokens, messageTokensAtMost } from '../../../src/main/core/imports/tokens';
import type { ParsedTranscript } from '../../../src/main/core/imports/types';
import { sessionSignature } from '../../../src/main/core/sessions/minhash';
import { sessionTokens } from '../../../src/main/core/sessions/sessionEditing';
import { mulberry32 } from '../../../src/main/core/util/random';
import { sharedData } from './fixtures';

const options = (maxTokens: number | null) => cleaningOptionsSchema.parse({ maxTokens });
const roles = { remembered: new Map() };
const WORDS = ['the', 'week', 'work', 'sleep', 'felt', 'good', 'and', 'then', 'worry', 'about', 'mother', 'again'];

function transcript(lines: number, words = 8): ParsedTranscript {
  return {
    key: 't',
    title: 'T',
    metadata: {},
    utterances: Array.from({ length: lines }, (_, i) => ({
      speaker: i % 2 === 0 ? 'Client' : 'Therapist',
      text: Array.from({ length: words }, (_, w) => WORDS[(i * 7 + w) % WORDS.length]).join(' '),
    })),
    knownRoles: { Client: 'user', Therapist: 'assistant' },
  };
}

describe('preparing for an import', () => {
  it('says which speakers were left out because their role is drop, and how many turns', () => {
    const t: ParsedTranscript = {
      key: 'n',
      title: 'N',
      metadata: {},
      utterances: [
        { speaker: 'Counselor', text: 'How did it go?' },
        { speaker: 'Client', text: 'Well.' },
        { speaker: 'Notes', text: 'Client engaged; review next week.' },
      ],
    };
    const prepared = prepareTranscript(t, roles, options(65_536), '', 'import');
    expect(prepared.sessions[0]?.turns.map((x) => x.text)).toEqual(['How did it go?', 'Well.']);
    expect(prepared.notes).toEqual([
      'Left out, as the role "drop" says: 1 turn by "Notes" ("Notes" is not a participant). To keep them, give the speaker a role (on the CLI: --map "Notes=user").',
    ]);
    expect(prepareTranscript(transcript(4), roles, options(65_536), '', 'import').notes).toEqual([]);
  });

  it('says when the roles are only a weak guess from the words, never when the labels name them', () => {
    const names: ParsedTranscript = {
      key: 'a',
      title: 'A',
      metadata: {},
      utterances: [
        { speaker: 'Anna', text: 'Hi Ben.' },
        { speaker: 'Ben', text: 'Hi.' },
        { speaker: 'Anna', text: 'How are you?' },
        { speaker: 'Ben', text: 'Fine.' },
      ],
    };
    const [note, ...rest] = prepareTranscript(names, roles, options(65_536), '', 'import').notes;
    expect(rest).toEqual([]);
    expect(note).toMatch(
      /^The labels do not say who is the counselor, so the roles were guessed from the words: "Anna" as the counselor \(\d+%: .+\); "Ben" as the client \(\d+%: .+\)\. Check them, and set them if wrong \(on the CLI, --map "Anna=user" makes "Anna" the client\)\.$/,
    );
    const labelled = {
      ...names,
      utterances: names.utterances.map((u) => ({ ...u, speaker: u.speaker === 'Anna' ? 'Therapist' : 'Client' })),
    };
    expect(prepareTranscript(labelled, roles, options(65_536), '', 'import').notes).toEqual([]);
  });

  it('leaves a session surely under the limit uncounted, and signs it', () => {
    const [prepared] = prepareTranscript(transcript(6), roles, options(65_536), 'You are a counselor.', 'import').sessions;
    expect(prepared!.tokenCount).toBeUndefined();
    expect(prepared!.signature).toEqual(sessionSignature(prepared!.turns));
    // A preview counts the same session.
    const [preview] = prepareTranscript(transcript(6), roles, options(65_536), 'You are a counselor.', 'preview').sessions;
    expect(preview!.tokenCount).toBe(sessionTokens('You are a counselor.', preview!.turns));
    expect(preview!.signature).toBeUndefined();
  });

  it('counts a session whose bytes pass the limit, and splits it exactly as a preview does', () => {
    // More bytes than 400 but fewer tokens, so it is counted and kept whole.
    const fits = prepareTranscript(transcript(30), roles, options(400), '', 'import');
    expect(fits.sessions).toHaveLength(1);
    expect(messageTokensAtMost(fits.sessions[0]!.turns)).toBeGreaterThan(400);
    expect(fits.sessions[0]!.tokenCount).toBeLessThanOrEqual(400);
    expect(fits.sessions[0]!.tokenCount).toBe(sessionTokens(null, fits.sessions[0]!.turns));
    // 120 lines pass 400 tokens: split into the same windows, with the same counts.
    const imported = prepareTranscript(transcript(120), roles, options(400), '', 'import');
    const previewed = prepareTranscript(transcript(120), roles, options(400), '', 'preview');
    expect(imported.sessions.length).toBeGreaterThan(1);
    expect(imported.sessions.map((s) => [s.turns, s.tokenCount])).toEqual(previewed.sessions.map((s) => [s.turns, s.tokenCount]));
    expect(imported.notes).toEqual(previewed.notes);
  });

  it('counts text that looks like a special token as the text it is, never refusing it', () => {
    expect(countMessageTokens([{ text: 'I typed <|endoftext|> and <|im_start|> by mistake' }])).toBeGreaterThan(10);
  });

  it('bounds tokens from above by bytes, for any text', () => {
    const random = mulberry32(7);
    const alphabet = ['a', 'Z', ' ', '’', 'é', '治', '疗', '😀', '\n', '—', '1', 'Ж', '.', '<|endoftext|>'];
    for (let i = 0; i < 200; i++) {
      const text = Array.from({ length: Math.floor(random() * 300) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(messageTokensAtMost([{ text }])).toBeGreaterThanOrEqual(countMessageTokens([{ text }]));
    }
  });

  it("keeps per-utterance annotations as counts on the session (AnnoMI's behaviour codes), counting only kept speakers", async () => {
    const { transcripts } = await parseFile('AnnoMI-simple.csv', readFileSync(sharedData('annomi/AnnoMI-simple.csv')));
    for (const t of transcripts.slice(0, 10)) {
      const expected: Record<string, Record<string, number>> = {};
      for (const u of t.utterances)
        for (const [column, value] of Object.entries(u.annotations ?? {}))
          (expected[column] ??= {})[value] = (expected[column]?.[value] ?? 0) + 1;
      const { sessions } = prepareTranscript(t, roles, options(65_536), '', 'import');
      expect(sessions[0]!.metadata.annotationCounts).toEqual(expected);
      expect(Object.keys(expected)).toContain('mainTherapistBehaviour');
    }
    // A speaker mapped to "drop" takes its annotations with it; a file without annotations gets none.
    const dropped = prepareTranscript(
      {
        ...transcript(4),
        utterances: transcript(4).utterances.map((u) => ({ ...u, annotations: { code: u.speaker === 'Client' ? 'change' : 'question' } })),
      },
      { file: { Therapist: 'drop' }, remembered: new Map() },
      options(65_536),
      '',
      'import',
    );
    expect(dropped.sessions[0]!.metadata.annotationCounts).toEqual({ code: { change: 2 } });
    const kept = prepareTranscript(
      { ...transcript(4), utterances: transcript(4).utterances.map((u) => ({ ...u, annotations: { code: 'x' } })) },
      roles,
      options(65_536),
      '',
      'import',
    );
    expect(kept.sessions[0]!.metadata.annotationCounts).toEqual({ code: { x: 4 } });
    expect(prepareTranscript(transcript(4), roles, options(65_536), '', 'import').sessions[0]!.metadata).not.toHaveProperty(
      'annotationCounts',
    );

    // Hostile names are data: no prototype is touched, and the counts come back as own properties.
    const hostileTranscript = transcript(2);
    for (const u of hostileTranscript.utterances)
      u.annotations = JSON.parse('{"constructor":"keys","__proto__":"toString"}') as Record<string, string>;
    const hostile = prepareTranscript(hostileTranscript, roles, options(65_536), '', 'import');
    const counts = hostile.sessions[0]!.metadata.annotationCounts as Record<string, Record<string, number>>;
    expect(Object.entries(counts)).toEqual([
      ['constructor', { keys: 2 }],
      ['__proto__', { toString: 2 }],
    ]);
    expect(Object.getPrototypeOf(counts)).toBe(Object.prototype);
    expect(typeof Object.keys).toBe('function');
  });
});
