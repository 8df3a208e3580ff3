import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';

/** Tokens as the GPT-4o family counts them (o200k_base), for limits, splits and cost estimates. */
export function countTokens(text: string): number {
  return text ? countO200k(text) : 0;
}

/** OpenAI's chat format adds a few tokens per message for the role and separators. */
export const TOKENS_PER_MESSAGE = 3;

export function countMessageTokens(messages: readonly { text: string }[]): number {
  return messages.reduce((sum, m) => sum + countTokens(m.text) + TOKENS_PER_MESSAGE, 0);
}
