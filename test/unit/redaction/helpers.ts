import { detectPii } from '../../../src/main/core/redaction';
import type { PiiKind, RedactionTurn } from '../../../src/main/core/redaction';

/** `kind:text` of every detection in one client turn, in order. */
export function found(text: string, role: RedactionTurn['role'] = 'user'): string[] {
  return detectPii([{ role, text }]).map((d) => `${d.kind}:${d.text}`);
}

/** The texts detected as one kind. */
export function foundKind(text: string, kind: PiiKind): string[] {
  return detectPii([{ role: 'user', text }])
    .filter((d) => d.kind === kind)
    .map((d) => d.text);
}
