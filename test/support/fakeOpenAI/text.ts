import type { Prng } from './prng';

// Counseling-flavoured vocabulary so generated transcripts and answers look at home in the app.
const WORDS = [
  'I',
  'you',
  'we',
  'feel',
  'think',
  'notice',
  'remember',
  'want',
  'need',
  'try',
  'talk',
  'listen',
  'week',
  'today',
  'morning',
  'evening',
  'work',
  'family',
  'friend',
  'sleep',
  'stress',
  'worry',
  'calm',
  'breath',
  'step',
  'plan',
  'goal',
  'change',
  'habit',
  'support',
  'moment',
  'thought',
  'really',
  'often',
  'sometimes',
  'again',
  'still',
  'maybe',
  'quite',
  'more',
  'less',
  'better',
  'hard',
  'small',
  'new',
  'honest',
  'safe',
  'tired',
  'hopeful',
  'anxious',
  'about',
  'with',
  'after',
  'before',
  'during',
  'and',
  'but',
  'so',
  'because',
  'that',
  'the',
  'a',
  'this',
  'it',
] as const;

export function sentence(prng: Prng, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(prng.pick(WORDS));
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

/** Sentences totalling `words` words, split at 5–12 words so segments and chunks look natural. */
export function paragraph(prng: Prng, words: number): string[] {
  const sentences: string[] = [];
  let left = words;
  while (left > 0) {
    const n = Math.min(left, prng.int(5, 12));
    sentences.push(sentence(prng, n));
    left -= n;
  }
  return sentences;
}

export function randomWord(prng: Prng): string {
  return prng.pick(WORDS).toLowerCase();
}

/**
 * The fake's notion of a token: a run of letters or digits. Crude, but the same text always
 * counts the same, which is all usage accounting in tests needs.
 */
export function countTokens(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w);
}

/** Chat message content may be a string or an array of parts; only text parts count. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (part && typeof part === 'object' && 'text' in part && typeof part.text === 'string' ? part.text : ''))
    .join(' ');
}

/** Truncate to the first `max` words, keeping the original spacing and punctuation. */
export function firstWords(text: string, max: number): string {
  const re = /[\p{L}\p{N}]+/gu;
  let seen = 0;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text))) {
    seen++;
    if (seen === max) return text.slice(0, match.index + match[0].length);
  }
  return text;
}
