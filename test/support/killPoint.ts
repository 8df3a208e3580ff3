// Loaded before the CLI (`node --import`) by crash tests: the process kills itself with SIGKILL at one chosen
// point, named in HDS_TEST_KILL_AT as `point:N` (the Nth time it is reached), so a test can land a kill exactly
// where a missing transaction would show. For a point inside a worker task, worker threads load this module too.
// Production code has no hooks: this wraps prototype methods, as jobChild.ts does. Only the module of the chosen
// point is loaded, so the process starts as it would without this.
import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { Worker as WorkerThread, WorkerOptions } from 'node:worker_threads';

export type KillPoint =
  /** After a session's rows are written, inside the import's transaction for its file. */
  | 'sessionInsert'
  /** After a session is read whole (an export reads each one as it writes it). */
  | 'sessionRead'
  /** After a page of a freeze's examples is written (on the worker thread). */
  | 'examplesPage'
  /** After a page of token counts is stored (on the worker thread). */
  | 'tokenCountsPage'
  /** After each migration's changes are run, inside the upgrade's transaction. */
  | 'migration'
  /** After the first pages of the backup an upgrade writes first. */
  | 'backupStep'
  /** After the provider answered a fine-tuning job's create, before the training run stores the job's id. */
  | 'fineTuneCreate'
  /** After a price is written, inside a new project's seed (its pack and price table). */
  | 'projectSeed';

const [point, nth] = (process.env.HDS_TEST_KILL_AT ?? '').split(':') as [KillPoint | '', string | undefined];
const at = Number(nth ?? 1);
let reached = 0;
const die = () => {
  if (++reached === at) process.kill(process.pid, 'SIGKILL');
};

/** Wraps a method so the process dies just after it runs for the `at`-th time. */
function after<T extends object>(proto: T, name: keyof T & string): void {
  const original = proto[name] as (...args: unknown[]) => unknown;
  Object.defineProperty(proto, name, {
    value: function (this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      die();
      return result;
    },
  });
}

if (point === 'examplesPage' || point === 'tokenCountsPage') {
  // The worker pool starts its threads with flags of its own: each one started from here loads this module as well.
  const threads = createRequire(import.meta.url)('node:worker_threads') as { Worker: typeof WorkerThread };
  const Base = threads.Worker;
  threads.Worker = class extends Base {
    constructor(file: string | URL, options: WorkerOptions = {}) {
      super(file, { ...options, execArgv: [...(options.execArgv ?? []), '--import', import.meta.url] });
    }
  };
  syncBuiltinESMExports();
}
if (point === 'sessionInsert') after((await import('../../src/main/core/sessions/sessionsRepo')).SessionsRepo.prototype, 'insert');
if (point === 'sessionRead') after((await import('../../src/main/core/sessions/sessionsRepo')).SessionsRepo.prototype, 'get');
if (point === 'examplesPage') after((await import('../../src/main/core/datasets/datasetsRepo')).DatasetsRepo.prototype, 'insertExamples');
if (point === 'tokenCountsPage') after((await import('../../src/main/core/sessions/tokenCountsRepo')).TokenCountsRepo.prototype, 'store');
if (point === 'projectSeed') after((await import('../../src/main/core/llm/pricesRepo')).PricesRepo.prototype, 'upsert');
if (point === 'migration') {
  for (const m of (await import('../../src/main/core/db/migrations')).migrations) {
    const up = m.up;
    (m as { up: typeof up }).up = (db) => {
      if (typeof up === 'string') db.exec(up);
      else up(db);
      die();
    };
  }
}
if (point === 'fineTuneCreate') {
  const { OpenAiTrainer } = await import('../../src/main/core/llm/openAiTrainer');
  const { TogetherTrainer } = await import('../../src/main/core/llm/togetherTrainer');
  for (const proto of [OpenAiTrainer.prototype, TogetherTrainer.prototype]) {
    const start = proto.start;
    proto.start = async function (this: typeof proto, input) {
      const id = await start.call(this, input);
      die();
      return id;
    };
  }
}
if (point === 'backupStep') {
  const Database = (await import('better-sqlite3')).default;
  const backup = Database.prototype.backup;
  Database.prototype.backup = function (this: InstanceType<typeof Database>, destination, options) {
    // A few pages a step, so the kill lands with the backup file begun and unfinished.
    return backup.call(this, destination, { ...options, progress: () => (die(), 5) });
  };
}
