// The entry of every worker thread in the pool: runs one task at a time and posts its progress and result.
import { parentPort } from 'node:worker_threads';
import { ApiError } from '../../../shared/api/result';
import { tasks, type TaskName } from './tasks';
import type { WorkerReply } from './workerPool';

const port = parentPort!;
const post = (reply: WorkerReply) => port.postMessage(reply);

// Library chatter (xmldom's warnings while reading a file) would land in the CLI's output; a task's
// reply says what matters. (Piping the worker's stdio to the parent instead would keep an idle worker,
// and the CLI, alive.)
console.log = console.warn = console.error = console.info = console.debug = () => undefined;

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
