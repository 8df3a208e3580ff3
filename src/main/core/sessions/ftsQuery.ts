/**
 * Turns what a person types into an FTS5 query that cannot be a syntax error: "quoted text" stays a
 * phrase, every other word must appear (prefix match on the last one, so results follow typing).
 * Returns null when nothing searchable is left.
 */
export function toFtsQuery(input: string): string | null {
  const parts: string[] = [];
  const phrase = /"([^"]*)"/g;
  let rest = input;
  for (const match of input.matchAll(phrase)) {
    const words = tokens(match[1] ?? '');
    if (words.length) parts.push(`"${words.join(' ')}"`);
    rest = rest.replace(match[0], ' ');
  }
  const words = tokens(rest);
  words.forEach((word, i) => parts.push(i === words.length - 1 ? `"${word}"*` : `"${word}"`));
  return parts.length ? parts.join(' ') : null;
}

function tokens(text: string): string[] {
  return text
    .normalize('NFKC')
    // Split where the index's tokenizer splits (apostrophes included), so "don't" finds "don't".
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}
