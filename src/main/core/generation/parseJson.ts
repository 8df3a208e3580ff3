/** A model's answer as JSON, or null when it is not JSON (the schema check then says what was expected). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
