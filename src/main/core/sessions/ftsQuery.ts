/**
 * Turns what a person types into an FTS5 query that cannot be a syntax error: "quoted text" is a phrase,
 * every other word must appear, and a word typed with a trailing * matches words that start with it.
 * Whole words by default: prefix searches cost more on a large library. Null when nothing is left.
 */
export function toFtsQuery(input: string): string | null {
  const parts: string[] = [];
  let rest = input;
  for (const match of input.matchAll(/"([^"]*)"/g)) {
    const words = tokens(match[1] ?? '');
    if (words.length) parts.push(`"${words.join(' ')}"`);
    rest = rest.replace(match[0], ' ');
  }
  for (const raw of rest.split(/\s+/)) {
    const words = tokens(raw);
    words.forEach((word, i) => parts.push(raw.endsWith('*') && i === words.length - 1 ? `"${word}"*` : `"${word}"`));
  }
  return parts.length ? parts.join(' ') : null;
}

function tokens(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      // Split where the index's tokenizer splits (apostrophes included), so "don't" finds "don't".
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 0)
  );
}
