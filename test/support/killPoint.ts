// Loaded before the CLI (`node --import`) by crash tests: the process kills itself with SIGKILL at one chosen
// point, named in HDS_TEST_KILL_AT as `point:N` (the Nth time it is reached), so a test can land a kill exactly
// where a missing transaction would show. Worker threads load this module too (see below), so points inside worker tasks work.
// Production code has no hooks: this wraps prototype methods, as jobChild.ts does.
import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { Worker as WorkerThread, WorkerOptions } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { DatasetsRepo } from '../../src/main/core/datasets/datasetsRepo';
import { migrations } from '../../src/main/core/db/migrations';
import { SessionsRepo } from '../../src/main/core/sessions/sessionsRepo';
import { TokenCountsRepo } from '../../src/main/core/sessions/tokenCountsRepo';

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
  | 'backupStep';

const [point, nth] = (process.env.HDS_TEST_KILL_AT ?? '').split(':') as [KillPoint | '', string | undefined];
const at = Number(nth ?? 1);

// The worker pool starts its threads with flags of its own: every thread started from here loads this module as well.
if (point) {
  const threads = createRequire(import.meta.url)('node:worker_threads') as { Worker: typeof WorkerThread };
  const Base = threads.Worker;
  threads.Worker = class extends Base {
    constructor(file: string | URL, options: WorkerOptions = {}) {
      super(file, { ...options, execArgv: [...(options.execArgv ?? []), '--import', import.meta.url] });
    }
  };
  syncBuiltinESMExports();
}
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

if (point === 'sessionInsert') after(SessionsRepo.prototype, 'insert');
if (point === 'sessionRead') after(SessionsRepo.prototype, 'get');
if (point === 'examplesPage') after(DatasetsRepo.prototype, 'insertExamples');
if (point === 'tokenCountsPage') after(TokenCountsRepo.prototype, 'store');
if (point === 'migration') {
  for (const m of migrations) {
    const up = m.up;
    (m as { up: typeof up }).up = (db: Database.Database) => {
      if (typeof up === 'string') db.exec(up);
      else up(db);
      die();
    };
  }
}
if (point === 'backupStep') {
  const backup = Database.prototype.backup;
  Database.prototype.backup = function (this: Database.Database, destination, options) {
    // A few pages a step, so the kill lands with the backup file begun and unfinished.
    return backup.call(this, destination, { ...options, progress: () => (die(), 5) });
  };
}
