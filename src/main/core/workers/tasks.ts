import { freezeTask } from '../datasets/freezeTask';
import type { TaskProgress } from './taskProgress';

export type { TaskProgress } from './taskProgress';

/**
 * The work a worker thread can do, by name. Each task gets plain, cloneable input (a project file's
 * path, never an open connection) and opens what it needs itself.
 */
export const tasks = {
  freezeDataset: freezeTask,
} satisfies Record<string, (input: never, progress: (p: TaskProgress) => void) => Promise<unknown>>;

export type Tasks = typeof tasks;
export type TaskName = keyof Tasks;
