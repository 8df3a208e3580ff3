/**
 * Fills `{{name}}` placeholders. A placeholder with no value is an error, not an empty string: a prompt
 * that silently lost its scenario would still produce plausible-looking (and wrong) data.
 */
export function renderTemplate(template: string, values: Record<string, string>): string {
  const missing = new Set<string>();
  const text = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) missing.add(name);
    return value ?? '';
  });
  if (missing.size) throw new Error(`The prompt needs a value for ${[...missing].map((m) => `{{${m}}}`).join(', ')}.`);
  return text;
}

export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!))];
}
