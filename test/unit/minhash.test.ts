import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bandKeys, minhashSignature, shingles, similarity } from '../../src/main/core/sessions/minhash';

const base =
  'I keep thinking that my teammates ignore my ideas because they think I am foolish. When they went quiet in the meeting I was sure of it, ' +
  'and afterwards I stopped talking. Then I got a seventy-five on the exam and I thought I would fail the course and never graduate.';

describe('MinHash near-duplicate detection', () => {
  it('gives identical texts similarity 1 and identical bands', () => {
    expect(similarity(minhashSignature(base), minhashSignature(base))).toBe(1);
    expect(bandKeys(minhashSignature(base))).toEqual(bandKeys(minhashSignature(base)));
  });

  it('rates a lightly edited copy as near and an unrelated text as far', () => {
    const edited = base.replace('seventy-five', 'seventy') + ' It felt awful.';
    const unrelated =
      'We talked about sleep hygiene, a regular wake-up time and keeping screens out of the bedroom for two weeks as an experiment.';
    const near = similarity(minhashSignature(base), minhashSignature(edited));
    const far = similarity(minhashSignature(base), minhashSignature(unrelated));
    expect(near).toBeGreaterThan(0.7);
    expect(far).toBeLessThan(0.1);
    const shared = bandKeys(minhashSignature(base)).filter((k) => bandKeys(minhashSignature(edited)).includes(k));
    expect(shared.length).toBeGreaterThan(0);
  });

  it('ignores case and punctuation', () => {
    expect(similarity(minhashSignature(base.toUpperCase()), minhashSignature(base.replace(/[,.]/g, '')))).toBe(1);
  });
});

describe('stored signatures stay comparable', () => {
  it('computes exactly the signatures and shingles it always has (sessions keep theirs in the project file)', () => {
    const texts = [
      'I keep thinking that my teammates ignore my ideas, because they think I am foolish.',
      'Short',
      '',
      "Ünïcödé  straße — don't STOP",
      'one two three four five six seven eight nine ten '.repeat(30),
    ];
    const h = createHash('sha256');
    for (const t of texts) {
      h.update(Buffer.from(minhashSignature(t).buffer));
      h.update([...shingles(t)].join(','));
    }
    // Recorded before the signature loop was rewritten for speed.
    expect(h.digest('hex')).toBe('839a753053a894a4a3395eb2939896f944f5af3e11841520a8ccb0cefa53b5e7');
  });

  it('keys bands as "band:v1.v2.v3.v4", the format stored in session_bands', () => {
    const sig = minhashSignature('one two three four five six seven eight nine ten');
    // The definition the written-out loop replaced: each band's four values joined with dots.
    const reference = Array.from({ length: 16 }, (_, band) => `${band}:${Array.from(sig.subarray(band * 4, band * 4 + 4)).join('.')}`);
    expect(bandKeys(sig)).toEqual(reference);
    expect(bandKeys(new Uint32Array(64).fill(0xffffffff))[15]).toBe('15:4294967295.4294967295.4294967295.4294967295');
  });
});

describe('word scanning', () => {
  // The definition the scanner replaced: a regex split of the lower-cased NFKC text, then FNV-1a over
  // each three words joined by a space.
  const reference = (text: string): number[] => {
    const w = text
      .toLowerCase()
      .normalize('NFKC')
      .split(/[^\p{L}\p{N}']+/u)
      .filter(Boolean);
    const fnv = (h: number, s: string) => {
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
      return h;
    };
    const out = new Set<number>();
    for (let i = 0; i <= Math.max(w.length, 3) - 3; i++) out.add(fnv(0x811c9dc5, w.slice(i, i + 3).join(' ')) >>> 0);
    return [...out];
  };

  it('finds the same words as a regex split, for any mix of scripts, digits, marks, emoji and broken surrogates', () => {
    const pool = [
      'a',
      'Z',
      'é',
      'E\u0301',
      'ß',
      'İ',
      'ﬁ',
      'Ⅻ',
      '٣',
      '²',
      '½',
      "'",
      '’',
      ' ',
      '\n',
      '-',
      '.',
      '—',
      '😀',
      '𝐀',
      '𝟘',
      '\ud800',
      '\udc00',
      '字',
      'ǅ',
      '\u00a0',
      '_',
      '0',
      '9',
      'x',
    ];
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let n = 0; n < 2000; n++) {
      const length = Math.floor(next() * 40);
      const text = Array.from({ length }, () => pool[Math.floor(next() * pool.length)]).join('');
      expect([...shingles(text)], JSON.stringify(text)).toEqual(reference(text));
    }
  });
});
