import { useSyncExternalStore } from 'react';

export const areas = [
  'study',
  'library',
  'import',
  'generate',
  'review',
  'privacy',
  'rubrics',
  'datasets',
  'finetune',
  'evaluate',
  'arena',
  'settings',
  'calls',
  'project',
] as const;
export type Area = (typeof areas)[number];

export interface Route {
  area: Area;
  /** The part after the area: a session id, a settings tab. */
  sub: string | null;
}

/** A project opens on its Study home: the checklist of the experiment. */
const DEFAULT: Route = { area: 'study', sub: null };

/** Hash routes (`#/settings/providers`): they work from file:// in the desktop app and need no server support. */
export function parseHash(hash: string): Route {
  const [area, sub] = hash.replace(/^#\/?/, '').split('/');
  if (!area || !(areas as readonly string[]).includes(area)) return DEFAULT;
  return { area: area as Area, sub: sub ? decodeURIComponent(sub) : null };
}

export function href(area: Area, sub?: string | null): string {
  return `#/${area}${sub ? `/${encodeURIComponent(sub)}` : ''}`;
}

export function navigate(area: Area, sub?: string | null): void {
  window.location.hash = href(area, sub);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const snapshot = () => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, snapshot);
  return parseHash(hash);
}
