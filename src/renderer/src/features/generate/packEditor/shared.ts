import type { DomainPack } from '../../../../../shared/domain/domainPack';
import { slugify } from '../packForm';

// What the pack editor's sections share: how they change the draft, their errors, the look of code fields.

export type Update = <K extends keyof DomainPack>(key: K, value: DomainPack[K]) => void;
export type Errors = Record<string, string>;
export type ListKey = 'distortions' | 'styles' | 'presentingProblems' | 'severities' | 'riskLevels' | 'techniques';
export type Item = { id: string; label: string } & Record<string, unknown>;

export const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13, lineHeight: 1.5 } };

export function followName(item: { id: string; label: string }, label: string, saved: Set<string> | undefined, separator = '-'): string {
  const auto = !saved?.has(item.id) && (item.id === '' || item.id === slugify(item.label, separator));
  return auto ? slugify(label, separator) : item.id;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
