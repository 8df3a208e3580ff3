import type { DataEntity } from '../../../shared/api';
import type { ImportOptions } from '../../../shared/api/imports';
import type { SessionListInput } from '../../../shared/api/sessions';

type Key = readonly unknown[];

/**
 * Every query key of the renderer, in this one module. The first part names the area the data belongs
 * to, as the backend's `data.changed` names it, so one event refreshes every page and filter of it (see
 * `keysFor`). Features import their keys from here and never spell a key themselves.
 */
export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  currentProject: ['project', 'current'] as const,
  projectDetails: ['project', 'details'] as const,
  recentProjects: ['project', 'recent'] as const,
  /** Every session query: the library, review, judgments, personal details. */
  sessions: ['sessions'] as const,
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
  /** Every model list and the role defaults. */
  allModels: ['models'] as const,
  models: (providerId: string | null) => ['models', 'list', providerId ?? 'all'] as const,
  roleDefaults: ['models', 'roleDefaults'] as const,
  prices: ['prices'] as const,
  jobs: ['jobs', 'list'] as const,
  /** Every status of one job's items. */
  jobItemsOf: (id: string) => ['jobs', 'items', id] as const,
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
  reviewQueues: ['sessions', 'review'] as const,
  reviewQueue: (filters: object) => ['sessions', 'review', filters] as const,
  calibration: (rubricId: string) => ['sessions', 'calibration', rubricId] as const,
  /** Under "sessions": a decision on a personal detail changes the sessions it is in. */
  pendingDetails: (search: string) => ['sessions', 'pendingDetails', search] as const,
  pendingDetailsCount: ['sessions', 'pendingDetailsCount'] as const,
  judgments: (id: string) => ['sessions', 'judgments', id] as const,
  /** Under "sessions": the spread changes with each judgment. */
  reviewContext: (id: string) => ['sessions', 'reviewContext', id] as const,
  /** Under "sessions": new judgments change it too. */
  agreement: (rubricId: string) => ['sessions', 'agreement', rubricId] as const,
  /** Derived from every part of the project: any change refetches it. */
  study: ['study'] as const,
  datasets: {
    all: ['datasets'] as const,
    /** Read by Datasets, Fine-tune and Evaluate (the leakage check), each selecting what it shows. */
    list: ['datasets', 'list'] as const,
    version: (id: string) => ['datasets', 'version', id] as const,
    examples: (id: string, split: string, offset: number) => ['datasets', 'examples', id, split, offset] as const,
    formats: ['datasets', 'formats'] as const,
  },
  training: {
    list: ['training', 'list'] as const,
    run: (id: string) => ['training', 'get', id] as const,
  },
  evaluation: {
    all: ['evaluation'] as const,
    sets: ['evaluation', 'sets'] as const,
    /** A frozen version never changes. */
    version: (id: string) => ['evaluation', 'version', id] as const,
    runs: ['evaluation', 'runs'] as const,
    run: (id: string) => ['evaluation', 'run', id] as const,
    /**
     * Costly statistics, keyed by how far the run has got (its status and scored judgments): they refetch
     * when the run they describe moves on, not whenever any evaluation job stores a conversation.
     */
    results: (id: string, progress: string) => ['evaluation', 'results', id, progress] as const,
    conversations: (id: string, scenarioId: string) => ['evaluation', 'conversations', id, scenarioId] as const,
  },
  arena: {
    lists: ['arena', 'list'] as const,
    list: (search: string) => ['arena', 'list', search] as const,
    conversation: (id: string) => ['arena', 'get', id] as const,
    leaderboard: ['arena', 'leaderboard'] as const,
  },
};

/**
 * What to refetch when the backend says an area changed (by a call or by a job's stored items). Every
 * area is listed, so a new one does not compile until it says what it refreshes. Project details carry
 * counts of almost everything.
 */
const invalidatedBy: Record<DataEntity, readonly Key[]> = {
  project: [['project']],
  providers: [['providers'], queryKeys.projectDetails],
  models: [queryKeys.allModels, queryKeys.projectDetails],
  prices: [queryKeys.prices],
  jobs: [['jobs'], queryKeys.projectDetails],
  calls: [['calls'], queryKeys.projectDetails],
  // An import preview says which transcripts are already in the library.
  sessions: [queryKeys.sessions, ['imports'], queryKeys.projectDetails],
  personas: [['personas'], queryKeys.projectDetails],
  scenarios: [['scenarios'], queryKeys.projectDetails],
  datasets: [queryKeys.datasets.all, queryKeys.projectDetails],
  training: [['training'], queryKeys.projectDetails],
  domain: [['domain'], queryKeys.projectDetails],
  prompts: [queryKeys.prompts, queryKeys.projectDetails],
  rubrics: [queryKeys.rubrics, queryKeys.projectDetails],
  // Not the results (see queryKeys.evaluation.results) nor frozen versions.
  evaluation: [
    queryKeys.evaluation.sets,
    queryKeys.evaluation.runs,
    ['evaluation', 'run'],
    ['evaluation', 'conversations'],
    queryKeys.projectDetails,
  ],
  arena: [['arena'], queryKeys.projectDetails],
};

export function keysFor(entity: DataEntity): readonly Key[] {
  return [...invalidatedBy[entity], queryKeys.study];
}

/** Keys that do not depend on which project is open. */
export function isAppWide(key: readonly unknown[]): boolean {
  return (
    key[0] === 'app' ||
    (key[0] === 'project' && key[1] === 'current') ||
    (key[0] === 'providers' && (key[1] === 'presets' || key[1] === 'keyStorage'))
  );
}
