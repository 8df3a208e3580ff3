import type { FreezeInput } from '../datasets/freezeTask';
import type { LeakageInput, ReportTaskInput, ResultsInput } from '../evaluation/evaluationTasks';
import type { ParseRequest } from '../imports/parseTask';
import type { LeaderboardInput } from '../arena/leaderboardTask';
import type { CalibrationInput } from '../judging/calibrationTask';
import type { TaskProgress } from './taskProgress';

export type { TaskProgress } from './taskProgress';

/**
 * The work a worker thread can do, by name. Each task gets plain, cloneable input (a project file's
 * path, never an open connection) and opens what it needs itself. Each loads its module on first use,
 * so a worker that only parses files never loads the freezing code, and the other way round.
 */
export const tasks = {
  freezeDataset: async (input: FreezeInput, progress: (p: TaskProgress) => void) =>
    (await import('../datasets/freezeTask')).freezeTask(input, progress),
  countSessionTokens: async (input: { file: string }) => (await import('../sessions/tokenCountTask')).tokenCountTask(input),
  parseFile: async (input: ParseRequest) => (await import('../imports/parseTask')).parseTask(input),
  evalResults: async (input: ResultsInput) => (await import('../evaluation/evaluationTasks')).resultsTask(input),
  evalReport: async (input: ReportTaskInput) => (await import('../evaluation/evaluationTasks')).reportTask(input),
  scenarioLeakage: async (input: LeakageInput) => (await import('../evaluation/evaluationTasks')).leakageTask(input),
  arenaLeaderboard: async (input: LeaderboardInput) => (await import('../arena/leaderboardTask')).leaderboardTask(input),
  judgeCalibration: async (input: CalibrationInput) => (await import('../judging/calibrationTask')).calibrationTask(input),
} satisfies Record<string, (input: never, progress: (p: TaskProgress) => void) => Promise<unknown>>;

export type Tasks = typeof tasks;
export type TaskName = keyof Tasks;
