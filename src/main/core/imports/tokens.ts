import { createRequire } from 'node:module';
import type * as O200kModule from 'gpt-tokenizer/encoding/o200k_base';

type O200k = typeof O200kModule;
let o200k: O200k | undefined;

// The encoding takes a noticeable share of start-up to load (its rank table is large), and most
// commands never count a token: it is required on the first count, synchronously, so callers stay simple.
function encoding(): O200k {
  return (o200k ??= createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as O200k);
}

// A transcript may contain text such as "<|endoftext|>": it is counted as the text it is, as the API treats
// message content. The tokenizer's default refuses it, which failed an import, an edit or a token count.
const asPlainText = { disallowedSpecial: new Set<string>() };

/** Tokens as the GPT-4o family counts them (o200k_base), for limits, splits and cost estimates. */
export function countTokens(text: string): number {
  return text ? encoding().countTokens(text, asPlainText) : 0;
}

/** OpenAI's chat format adds a few tokens per message for the role and separators. */
export const TOKENS_PER_MESSAGE = 3;

/**
 * A bound no count can pass, without the tokenizer: every token stands for at least one byte of UTF-8,
 * so a message has at most its byte length in tokens (plus the chat format's own). A session under a
 * limit by this bound needs no count to know it fits.
 */
export function messageTokensAtMost(messages: readonly { text: string }[]): number {
  return messages.reduce((sum, m) => sum + Buffer.byteLength(m.text, 'utf8') + TOKENS_PER_MESSAGE, 0);
}

export function countMessageTokens(messages: readonly { text: string }[], count: (text: string) => number = countTokens): number {
  return messages.reduce((sum, m) => sum + count(m.text) + TOKENS_PER_MESSAGE, 0);
}

/** A counter that remembers texts it has seen: splitting and totals then tokenize each turn once. */
export function memoizedCounter(): (text: string) => number {
  const seen = new Map<string, number>();
  return (text) => {
    let n = seen.get(text);
    if (n === undefined) {
      n = countTokens(text);
      seen.set(text, n);
    }
    return n;
  };
}
