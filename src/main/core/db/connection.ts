import Database from 'better-sqlite3';
import { isBusy } from '../util/sqliteBusy';

/**
 * A second connection to an open project's file, for a worker thread. The file was opened (and
 * migrated) by the project's own connection first; WAL lets this one read a consistent snapshot
 * while the other keeps answering calls.
 */
export function openWorkerConnection(file: string, options: { foreignKeys: boolean }): Database.Database {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  db.pragma(`foreign_keys = ${options.foreignKeys ? 'ON' : 'OFF'}`);
  return db;
}

/**
 * Folds the write-ahead log into the project file and closes it, so a copied file is whole; first lets
 * SQLite refresh the planner's statistics for tables this session changed a lot (see openProject.ts).
 */
export function checkpointAndClose(db: Database.Database): void {
  // Another process may be writing this file right now (the app runs a job while a CLI command closes). A
  // closing connection must never make it wait: a TRUNCATE checkpoint blocks new writers while it waits, so
  // with both sides' busy timeouts a loaded machine could fail the other process's write. So it tidies up
  // only what it can do at once; the last connection to close folds the log in.
  db.pragma('busy_timeout = 0');
  try {
    db.pragma('optimize');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    if (!isBusy(err)) throw err;
  } finally {
    db.close();
  }
}

/**
 * Runs `work` over a connection of its own to a project file (a worker thread's task), closing it after.
 * Foreign keys are checked unless the task writes rows before the row they refer to (a freeze does).
 */
export async function withWorkerConnection<T>(
  file: string,
  work: (db: Database.Database) => T | Promise<T>,
  options: { foreignKeys: boolean } = { foreignKeys: true },
): Promise<T> {
  const db = openWorkerConnection(file, options);
  try {
    return await work(db);
  } finally {
    db.close();
  }
}
