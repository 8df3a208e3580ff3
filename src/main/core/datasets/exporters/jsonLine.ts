/**
 * One JSON Lines row. U+2028 and U+2029 are valid inside JSON strings but some readers (Python's
 * str.splitlines, older JavaScript) take them for line breaks, so they are written escaped.
 */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}\n`;
}
