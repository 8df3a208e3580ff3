import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
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

export function createProjectFile(file: string, migrations: readonly Migration[] = allMigrations): OpenedProject {
  if (existsSync(file)) throw new ApiError('CONFLICT', `A file already exists at ${file}. Choose another name or open it instead.`);
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    configure(db);
    db.pragma(`application_id = ${PROJECT_APPLICATION_ID}`);
    migrate(db, migrations);
    return { db, file, migratedFrom: 0, backupFile: null };
  } catch (err) {
    db.close();
    throw err;
  }
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

  const header = await readHeader(file);
  if (!header.isSqlite) {
    throw new ApiError('INVALID_INPUT', `${file} is not a Hybrid Data Studio project (it is not a SQLite database). Nothing was changed.`);
  }
  const latest = latestVersion(migrations);
  if (header.applicationId !== PROJECT_APPLICATION_ID) {
    throw new ApiError('INVALID_INPUT', `${file} is a SQLite database made by another program, not a Hybrid Data Studio project. Nothing was changed.`);
  }
  if (header.userVersion > latest) {
    throw new ApiError(
      'CONFLICT',
      `${file} was saved by a newer version of Hybrid Data Studio (project format ${header.userVersion}; this version reads up to ${latest}). Update the app to open it. Nothing was changed.`,
    );
  }

  checkReadable(file);

  let backupFile: string | null = null;
  if (header.userVersion < latest) {
    backupFile = `${file}.v${header.userVersion}-${Date.now()}.bak`;
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(backupFile);
    } finally {
      source.close();
    }
  }

  const db = new Database(file, { fileMustExist: true });
  try {
    configure(db);
    const { from } = migrate(db, migrations);
    return { db, file, migratedFrom: from, backupFile };
  } catch (err) {
    db.close();
    throw new ApiError('INTERNAL', `Could not upgrade ${file}: ${(err as Error).message}. The file was left as it was${backupFile ? `; a backup is at ${backupFile}` : ''}.`);
  }
}

/** A read-only integrity pass: damage is reported before we write a single byte. */
function checkReadable(file: string): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const result = db.pragma('quick_check(1)', { simple: true });
    if (result !== 'ok') throw new Error(String(result));
  } catch (err) {
    throw new ApiError('INVALID_INPUT', `${file} is damaged and cannot be opened (${(err as Error).message}). Nothing was changed; restore a backup copy.`);
  } finally {
    db?.close();
  }
}
