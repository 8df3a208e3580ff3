import type { JobHandler } from './jobHandler';

/**
 * What the runner must know of a kind before its code loads: to list and summarise its jobs, to count them
 * against the running-jobs cap, and to resume followers when a project opens. Each handler spreads its entry
 * below, so the facts the runner reads and the handler it later runs cannot differ.
 */
export type JobKindFacts = Pick<JobHandler, 'kind' | 'changes' | 'retryFailedOnResume' | 'resumeOnOpen'> & {
  /**
   * Kinds the handler creates as it finishes (a pipeline's next stage): loaded with it, so the next job is
   * created in the same step that ends this one and no one sees the pipeline between its stages.
   */
  starts?: readonly string[];
};

/** The table's key is the kind it describes (checked when it compiles). */
const byKind = <T extends { [K in keyof T]: JobKindFacts & { kind: K } }>(table: T): T => table;

/** One entry per job kind the app runs; `core/projectJobs.ts` says how each one's handler is built. */
export const jobKinds = byKind({
  // Its samples are the job's own result, which `job.updated` carries.
  speedTest: { kind: 'speedTest', changes: [] },
  // A file fails for what it is (too large, a zip bomb, not a transcript); reading it again on resume
  // would fail again, or worse: resume would retry the same file first, forever.
  import: { kind: 'import', changes: ['sessions'], retryFailedOnResume: false },
  generatePersonas: { kind: 'generatePersonas', changes: ['personas'] },
  generateScenarios: { kind: 'generateScenarios', changes: ['scenarios'] },
  // A scenario shows how many sessions were generated from it.
  generateSessions: { kind: 'generateSessions', changes: ['sessions', 'scenarios'] },
  judge: { kind: 'judge', changes: ['sessions'] },
  // It writes files outside the project; the job's result says where.
  exportDataset: { kind: 'exportDataset', changes: [] },
  freezeDataset: { kind: 'freezeDataset', changes: ['datasets'] },
  evalScenarios: { kind: 'evalScenarios', changes: ['evaluation'] },
  // Scoring starts when the conversations are done (see evaluation/startScoring.ts).
  evalConversations: { kind: 'evalConversations', changes: ['evaluation'], starts: ['evalScoring'] },
  evalScoring: { kind: 'evalScoring', changes: ['evaluation'] },
  arenaJudge: { kind: 'arenaJudge', changes: ['arena'] },
  // It follows a training run at the provider, which goes on while the app is closed.
  fineTune: { kind: 'fineTune', changes: ['training', 'models'], resumeOnOpen: true },
} as const);

export type JobKind = keyof typeof jobKinds;
