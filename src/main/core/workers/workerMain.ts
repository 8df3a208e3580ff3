// The entry of every worker thread in the pool: runs one task at a time and posts its progress and result.
import { parentPort } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/result';
import { tasks, type TaskName } from './tasks';
import type { WorkerReply } from './workerPool';

const port = parentPort!;
const post = (reply: WorkerReply) => port.postMessage(reply);

port.on('message', async ({ id, task, input }: { id: number; task: TaskName; input: never }) => {
  try {
    const output = await tasks[task](input, (progress) => post({ id, type: 'progress', progress }));
    post({ id, type: 'result', output });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    post({
      id,
      type: 'error',
      code: err instanceof ApiError ? err.code : 'INTERNAL',
      message: e.message,
      details: err instanceof ApiError ? err.details : undefined,
      stack: e.stack,
    });
  }
});
