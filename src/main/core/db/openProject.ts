import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/result';
import { latestVersion, migrate, type Migration } from './migrate';
import { migrations as allMigrations } from './migrations';
import { PROJECT_APPLICATION_ID, readHeader } from './projectFile';

export interface OpenedProject {
  db: Database.Database;
  file: string;
  migratedFrom: number;
  backupFile: string | null;
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
}

/** The suffix of a file being written, renamed to its own name once whole. */
const PARTIAL = '.partial';

/** A new project's file while it is built (schema, then whatever the caller seeds) under `<file>.partial`. */
export interface ProjectFileBuild {
  db: Database.Database;
  /** The path being written; worker tasks started while seeding open this one. */
  building: string;
  /** Closes the build's connection (if still open), renames the file into place and opens it there. */
  finish(): OpenedProject;
  /** Closes the build's connection (if still open) and removes what it wrote. */
  discard(): void;
}

/**
 * Starts a new project. It is built under another name and renamed once whole: a process killed while creating
 * or seeding left an empty or half-made file under the chosen name, which then could neither be created again
 * nor opened. What a killed create left under the other name is removed by the next.
 */
export function startProjectFile(file: string, migrations: readonly Migration[] = allMigrations): ProjectFileBuild {
  if (existsSync(file)) throw new ApiError('CONFLICT', `A file already exists at ${file}. Choose another name or open it instead.`);
  mkdirSync(dirname(file), { recursive: true });
  const building = file + PARTIAL;
  removeWithLog(building);
  const db = new Database(building);
  const discard = () => {
    if (db.open) db.close();
    removeWithLog(building);
  };
  try {
    configure(db);
    db.pragma(`application_id = ${PROJECT_APPLICATION_ID}`);
    migrate(db, migrations);
  } catch (err) {
    discard();
    throw err;
  }
  return {
    db,
    building,
    discard,
    finish: () => {
      if (db.open) {
        checkpoint(db);
        db.close();
      }
      renameSync(building, file);
      const opened = new Database(file);
      configure(opened);
      return { db: opened, file, migratedFrom: 0, backupFile: null };
    },
  };
}

/** A new, empty project (see startProjectFile). */
export function createProjectFile(file: string, migrations: readonly Migration[] = allMigrations): OpenedProject {
  return startProjectFile(file, migrations).finish();
}

/** A database file and the log and shared-memory files SQLite keeps beside it. */
function removeWithLog(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/**
 * Opens a project, refusing (and leaving untouched) anything that is not one of ours, is damaged,
 * or was written by a newer version. Before migrating, a backup copy is written beside the file.
 */
export async function openProjectFile(file: string, migrations: readonly Migration[] = allMigrations): Promise<OpenedProject> {
  if (!existsSync(file)) throw new ApiError('NOT_FOUND', `No file at ${file}. It may have been moved or deleted.`);
  const stat = statSync(file);
  if (!stat.isFile()) throw new ApiError('INVALID_INPUT', `${file} is a folder, not a project file.`);
  if (stat.size === 0) throw new ApiError('INVALID_INPUT', `${file} is empty, so it is not a project file.`);

  const header = readHeader(file);
  if (!header.isSqlite) {
    throw new ApiError('INVALID_INPUT', `${file} is not a Hybrid Data Studio project (it is not a SQLite database). Nothing was changed.`);
  }
  const latest = latestVersion(migrations);
  const inspected = inspect(file, latest, stat.size);
  const { userVersion } = inspected;
  let db = inspected.db;

  let backupFile: string | null = null;
  try {
    if (userVersion < latest) backupFile = await writeBackup(db, file, userVersion);
    // After a crash the checks ran on a read-only connection, so that refusing the file could not fold its log
    // into it; the project's own connection reads the log back.
    if (db.readonly) {
      db.close();
      db = new Database(file, { fileMustExist: true });
    }
  } catch (err) {
    db.close();
    throw err;
  }

  try {
    configure(db);
    const { from, to } = migrate(db, migrations);
    if (to !== from) checkpoint(db);
    refreshPlannerStatistics(db);
    return { db, file, migratedFrom: from, backupFile };
  } catch (err) {
    db.close();
    throw new ApiError(
      'INTERNAL',
      `Could not upgrade ${file}: ${(err as Error).message}. The file was left as it was${backupFile ? `; a backup is at ${backupFile}` : ''}.`,
    );
  }
}

/**
 * Copies the project, before an upgrade, to `<file>.v<version>-<time>.bak`. The copy is written under another
 * name and renamed once whole: a process killed midway left a file named as the backup that held nothing (an
 * empty database beside its journal), the very file the README says to restore from. Pieces a killed upgrade
 * left are removed by the next.
 */
async function writeBackup(db: Database.Database, file: string, version: number): Promise<string> {
  const dir = dirname(file);
  const prefix = `${basename(file)}.v`;
  for (const name of readdirSync(dir))
    if (name.startsWith(prefix) && /\.bak\.partial(-journal)?$/.test(name)) rmSync(join(dir, name), { force: true });
  const backupFile = `${file}.v${version}-${Date.now()}.bak`;
  try {
    await db.backup(backupFile + PARTIAL);
    renameSync(backupFile + PARTIAL, backupFile);
  } catch (err) {
    removeWithLog(backupFile + PARTIAL);
    throw err;
  }
  return backupFile;
}

/**
 * Lets SQLite gather the statistics its query planner uses, for tables that have none or have grown
 * 25-fold since (as SQLite advises on opening a long-lived connection); each table is sampled, not read
 * whole. Without them the planner guessed a library filtered by status and tag should scan every
 * session of that status rather than start from the tag's few: 4-5x slower at 100,000 sessions. Also run
 * after an import, which can grow the library many times over while the project stays open.
 */
export function refreshPlannerStatistics(db: Database.Database): void {
  db.pragma('analysis_limit = 400');
  db.pragma('optimize = 0x10002');
}

/**
 * Moves everything committed in the -wal into the main file, so the file alone (copied, mailed, or read by
 * an older version after a crash) carries its format markers and its contents.
 */
export function checkpoint(db: Database.Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * Reads the format markers and checks the file through SQLite, before a single byte is written. The markers
 * are read by SQLite rather than from the raw header because after a crash the newest header may still be
 * in the -wal. Damage, another program's file or a newer format is refused here. A file that passes stays
 * open on the connection that checked it: a second connection, opened after this one closed, made every
 * short command open, read the schema of and close the file twice.
 */
function inspect(file: string, latest: number, size: number): { db: Database.Database; userVersion: number } {
  const { db, cleanUp, journalBeside } = openForInspection(file);
  try {
    let markers: { applicationId: number; userVersion: number };
    try {
      markers = {
        applicationId: db.pragma('application_id', { simple: true }) as number,
        userVersion: db.pragma('user_version', { simple: true }) as number,
      };
    } catch (err) {
      throw damaged(file, err);
    }
    if (markers.applicationId !== PROJECT_APPLICATION_ID) {
      throw new ApiError(
        'INVALID_INPUT',
        `${file} is a SQLite database made by another program, not a Hybrid Data Studio project. Nothing was changed.`,
      );
    }
    if (markers.userVersion > latest) {
      throw new ApiError(
        'CONFLICT',
        `${file} was saved by a newer version of Hybrid Data Studio (project format ${markers.userVersion}; this version reads up to ${latest}). Update the app to open it. Nothing was changed.`,
      );
    }
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      for (const check of integrityChecks(size, journalBeside)) {
        const result = db.pragma(check, { simple: true });
        if (result !== 'ok') throw new Error(String(result));
      }
    } catch (err) {
      throw damaged(file, err);
    }
    return { db, userVersion: markers.userVersion };
  } catch (err) {
    db.close();
    cleanUp();
    throw err;
  }
}

/** Up to this size a whole-file check costs at most about a tenth of a second on a slow machine. */
const WHOLE_CHECK_MAX_BYTES = 32 * 1024 * 1024;
/** The tables every command reads first: checked on any file, whatever its size. */
const CORE_TABLES = ['project_meta', 'jobs', 'job_items', 'providers', 'models'];

/**
 * What to check before opening: the whole file (quick_check) when it is small, or when a -wal or journal
 * beside it says it may not have been closed cleanly (a crash, or another process has it open); otherwise
 * the tables every command reads first. A
 * whole-file check reads every page: about 1 s for a 100,000-session project, on every command and every
 * open, where SQLite finds damage in any other table as it reads it (an error that names the file).
 */
export function integrityChecks(size: number, journalBeside: boolean): string[] {
  if (journalBeside || size <= WHOLE_CHECK_MAX_BYTES) return ['quick_check(1)'];
  return CORE_TABLES.map((table) => `quick_check(${table})`);
}

/**
 * A connection that leaves no -wal/-shm behind when the file is refused. With no -wal beside the file, a
 * read-write connection that writes nothing until the checks pass: SQLite removes its own side files when the
 * last connection closes, and leaves them when another process has the file open. With a -wal (a crash before
 * its checkpoint), a read-only one, so nothing is checkpointed into the file; the -shm index it may add is
 * removed again.
 */
function openForInspection(file: string): { db: Database.Database; cleanUp(): void; journalBeside: boolean } {
  const hasJournal = existsSync(`${file}-wal`) || existsSync(`${file}-journal`);
  const shm = `${file}-shm`;
  const shmExisted = existsSync(shm);
  const cleanUp = () => {
    if (hasJournal && !shmExisted) rmSync(shm, { force: true });
  };
  try {
    return { db: new Database(file, { readonly: hasJournal, fileMustExist: true }), cleanUp, journalBeside: hasJournal };
  } catch (err) {
    cleanUp();
    throw damaged(file, err);
  }
}

const damaged = (file: string, err: unknown) =>
  new ApiError(
    'INVALID_INPUT',
    `${file} is damaged and cannot be opened (${(err as Error).message}). Nothing was changed; restore a backup copy.`,
  );
