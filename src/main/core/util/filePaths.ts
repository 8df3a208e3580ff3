import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { ApiError } from '../../../shared/api/result';

/** Most file systems refuse a single name longer than this many bytes. */
const MAX_NAME_BYTES = 255;

/**
 * Checks a path a person chose for a file the app is about to write, so a bad choice is answered with its
 * cause and a way forward (INVALID_INPUT) rather than as a raw file-system error. Returns it resolved.
 */
export function checkNewFilePath(file: string, options: { folderMustExist: boolean }): string {
  if (file.includes('\0'))
    throw new ApiError('INVALID_INPUT', 'The file path contains a NUL character, which no file system allows. Choose another name.');
  const target = resolve(file);
  const name = basename(target);
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    throw new ApiError(
      'INVALID_INPUT',
      `The file name is too long (${Buffer.byteLength(name)} bytes; at most ${MAX_NAME_BYTES}). Choose a shorter name.`,
    );
  }
  if (existsSync(target) && statSync(target).isDirectory()) {
    throw new ApiError('INVALID_INPUT', `${target} is a folder. Give the file a name inside it instead.`);
  }
  const folder = dirname(target);
  if (options.folderMustExist) requireFolder(folder);
  else if (existsSync(folder) && !statSync(folder).isDirectory())
    throw new ApiError('INVALID_INPUT', `${folder} is a file, not a folder. Choose a folder for the file.`);
  return target;
}

/**
 * A folder a person chose to write into must exist: one is never created on their behalf, so a typo in a
 * path cannot scatter exports into folders nobody meant. Every export, report and `--out` says it the same way.
 */
export function requireFolder(folder: string): void {
  if (!existsSync(folder))
    throw new ApiError(
      'INVALID_INPUT',
      `The folder ${folder} does not exist. Create it first (mkdir -p "${folder}") or choose another folder.`,
    );
  if (!statSync(folder).isDirectory()) throw new ApiError('INVALID_INPUT', `${folder} is a file, not a folder. Choose a folder.`);
}
