import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanTurns } from '../../../src/main/core/imports/cleaning';
import { cleaningOptionsSchema } from '../../../src/main/core/imports/cleaningOptions';
import { contentHash } from '../../../src/main/core/imports/prepareTranscript';
import type { Turn } from '../../../src/shared/domain/session';

/** Text normalisation as cleaning has always done it, every step on every turn. */
function everyStep(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\s+([,.!?;:])/g, '$1')
    .trim();
}

const onlyNormalizing = cleaningOptionsSchema.parse({
  stripTimestamps: false,
  stripCaptionArtifacts: false,
  removeFillers: false,
  normalizeText: true,
  mergeConsecutive: false,
  dropEmpty: false,
});

// Turns that need no normalising skip it; the result must be the same as running every step.
describe('normalising a turn', () => {
  it('gives what every step gives, for any mix of spaces, tabs, line breaks, punctuation and Unicode', () => {
    const piece = fc.constantFrom(
      'a',
      'Ok',
      ' ',
      '  ',
      '\t',
      '\n',
      '\n\n\n',
      '\r',
      '\v',
      ',',
      '.',
      '?',
      ':',
      'é',
      'e\u0301',
      '\u00A0',
      '\u200B',
      '\uFEFF',
      '’',
      '\u0001',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        const [turn] = cleanTurns([{ role: 'user', text }], onlyNormalizing).turns;
        expect(turn?.text).toBe(everyStep(text));
      }),
      { numRuns: 3000, seed: 12 },
    );
  });
});

/** A session's content hash as it has always been made (stored hashes must never change): every turn's whitespace collapsed. */
function hashAsStored(turns: { role: string; text: string }[]): string {
  const parts = turns.map((t) => `\u0000${t.role}\u0000${t.text.toLowerCase().replace(/\s+/g, ' ').trim()}`);
  return createHash('sha256').update(parts.join('')).digest('hex');
}

describe("a session's content hash", () => {
  it('is the stored hash whether or not a turn has whitespace to collapse', () => {
    const piece = fc.constantFrom('a', 'Ok', ' ', '  ', '\t', '\n', '\r\n', '\v', '\u00A0', '\u2007', '\uFEFF', 'É', ' x ');
    const turn = fc.record({ role: fc.constantFrom('user', 'assistant'), text: fc.array(piece, { maxLength: 10 }).map((p) => p.join('')) });
    fc.assert(
      fc.property(fc.array(turn, { maxLength: 4 }), (turns) => {
        expect(contentHash(turns as Turn[])).toBe(hashAsStored(turns));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});
