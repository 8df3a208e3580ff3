import type { DataEntity } from '../../../shared/api';

/**
 * Every query key in one place. The first part names what the data belongs to, so one `data.changed`
 * event can invalidate all pages and filters of it at once.
 */
export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  currentProject: ['project', 'current'] as const,
  projectDetails: ['project', 'details'] as const,
  recentProjects: ['project', 'recent'] as const,
  sessions: (offset: number, limit: number) => ['sessions', 'list', offset, limit] as const,
  session: (id: string) => ['sessions', 'get', id] as const,
  presets: ['providers', 'presets'] as const,
  providers: ['providers', 'list'] as const,
  keyStorage: ['providers', 'keyStorage'] as const,
  models: (providerId: string | null) => ['models', 'list', providerId ?? 'all'] as const,
  roleDefaults: ['models', 'roleDefaults'] as const,
  prices: ['prices'] as const,
  jobs: ['jobs', 'list'] as const,
  jobItems: (id: string, status: string) => ['jobs', 'items', id, status] as const,
  calls: (offset: number, limit: number, status: string) => ['calls', 'list', offset, limit, status] as const,
  callTotals: ['calls', 'totals'] as const,
};

/**
 * What to refetch when the backend says an entity changed; project details carry counts of everything.
 * An entity not listed here refetches the queries whose key starts with its name.
 */
const invalidatedBy: Partial<Record<DataEntity, readonly (readonly string[])[]>> = {
  project: [['project']],
  providers: [['providers'], queryKeys.projectDetails],
  models: [['models'], queryKeys.projectDetails],
  prices: [['prices']],
  jobs: [['jobs'], queryKeys.projectDetails],
  calls: [['calls'], queryKeys.projectDetails],
  sessions: [['sessions'], queryKeys.projectDetails],
};

export function keysFor(entity: DataEntity): readonly (readonly string[])[] {
  return invalidatedBy[entity] ?? [[entity], queryKeys.projectDetails];
}

/** Keys that do not depend on which project is open. */
export function isAppWide(key: readonly unknown[]): boolean {
  return key[0] === 'app' || (key[0] === 'project' && key[1] === 'current') || (key[0] === 'providers' && (key[1] === 'presets' || key[1] === 'keyStorage'));
}
