/**
 * Progress a task reports while it runs, in items. Its own module so a task can name it without importing
 * the task table (tasks.ts), which imports every task.
 */
export interface TaskProgress {
  done: number;
  total: number;
}
