import type { DataEntity } from '../../../shared/api';
import type { ImportOptions } from '../../../shared/api/imports';
import type { SessionListInput } from '../../../shared/api/sessions';

/**
 * Every query key in one place. The first part names what the data belongs to, so one `data.changed`
 * event can invalidate all pages and filters of it at once.
 */
export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  currentProject: ['project', 'current'] as const,
  projectDetails: ['project', 'details'] as const,
  recentProjects: ['project', 'recent'] as const,
  /** One page of the library for a filter and sort; every page of every filter shares the prefix. */
  sessionPage: (query: Omit<SessionListInput, 'offset' | 'limit'>, page: number, limit: number) =>
    ['sessions', 'list', query, page, limit] as const,
  session: (id: string) => ['sessions', 'get', id] as const,
  sessionHistory: (id: string) => ['sessions', 'history', id] as const,
  sessionTags: ['sessions', 'tags'] as const,
  importPreview: (options: ImportOptions) => ['imports', 'preview', options] as const,
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
  callsByPurpose: ['calls', 'byPurpose'] as const,
  domainPack: ['domain', 'pack'] as const,
  personas: (offset: number, limit: number) => ['personas', 'list', offset, limit] as const,
  personaCoverage: (distortions: string[], styles: string[]) => ['personas', 'coverage', distortions, styles] as const,
  scenarios: (offset: number, limit: number) => ['scenarios', 'list', offset, limit] as const,
  rubrics: ['rubrics'] as const,
  prompts: ['prompts'] as const,
  /** Under "sessions": a decision or a judgment changes the session, and `data.changed` names sessions. */
  reviewQueue: (filters: object) => ['sessions', 'review', filters] as const,
  calibration: (rubricId: string) => ['sessions', 'calibration', rubricId] as const,
  /** Under "sessions": a decision on a personal detail changes the sessions it is in. */
  pendingDetails: (search: string) => ['sessions', 'pendingDetails', search] as const,
  judgments: (id: string) => ['sessions', 'judgments', id] as const,
  /** Under "sessions": the spread changes with each judgment. */
  reviewContext: (id: string) => ['sessions', 'reviewContext', id] as const,
  /** Under "sessions": new judgments change it too. */
  agreement: (rubricId: string) => ['sessions', 'agreement', rubricId] as const,
  /** Derived from every part of the project: any change refetches it. */
  study: ['study'] as const,
};

/**
 * What a job's progress changes when the backend sends no `data.changed` for it: generation and
 * judging jobs write personas, scenarios, sessions and judgments item by item.
 */
export const keysChangedByJob: Record<string, readonly (readonly string[])[]> = {
  generatePersonas: [['personas'], queryKeys.study],
  generateScenarios: [['scenarios'], queryKeys.study],
  generateSessions: [['sessions'], ['scenarios'], queryKeys.study],
  judge: [['sessions'], queryKeys.study],
  exportDataset: [['datasets']],
  fineTune: [['training'], ['models'], queryKeys.study],
  evalScenarios: [['evaluation', 'sets'], queryKeys.study],
  arenaJudge: [['arena', 'leaderboard']],
  // Runs are not refetched on every conversation: their statistics are costly; the Evaluate screen refreshes them as stages end.
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
  // An import preview says which transcripts are already in the library.
  sessions: [['sessions'], ['imports'], queryKeys.projectDetails],
};

export function keysFor(entity: DataEntity): readonly (readonly string[])[] {
  return [...(invalidatedBy[entity] ?? [[entity], queryKeys.projectDetails]), queryKeys.study];
}

/** Keys that do not depend on which project is open. */
export function isAppWide(key: readonly unknown[]): boolean {
  return (
    key[0] === 'app' ||
    (key[0] === 'project' && key[1] === 'current') ||
    (key[0] === 'providers' && (key[1] === 'presets' || key[1] === 'keyStorage'))
  );
}
