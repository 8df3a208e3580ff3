import type { Entity } from './entities';

const labels = {
  name: 'NAME',
  place: 'PLACE',
  address: 'ADDRESS',
  phone: 'PHONE',
  email: 'EMAIL',
  url: 'URL',
  date: 'DATE',
  age: 'AGE',
  id: 'ID',
} as const;

export function placeholderLabel(e: Entity): string {
  if (e.kind === 'name' && e.role === 'client') return 'CLIENT_NAME';
  if (e.kind === 'name' && e.role === 'counselor') return 'COUNSELOR_NAME';
  return labels[e.kind];
}

/**
 * `[LABEL_n]` per entity, numbered per label in order of first appearance, so one session always
 * reads the same way whichever detections were rejected elsewhere in it.
 */
export function placeholders(entities: Iterable<Entity>): Map<Entity, string> {
  const seen = [...new Set(entities)];
  const counters = new Map<string, number>();
  const out = new Map<Entity, string>();
  for (const e of seen) {
    const label = placeholderLabel(e);
    const n = (counters.get(label) ?? 0) + 1;
    counters.set(label, n);
    out.set(e, `[${label}_${n}]`);
  }
  return out;
}
