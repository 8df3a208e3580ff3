import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ApiError } from '../../../shared/api/result';

export const MAX_FILE_BYTES = 200 * 1024 * 1024;

export interface SourceFile {
  path: string;
  name: string;
  bytes: Uint8Array;
  hash: string;
}

/** Reads a file to import, refusing folders, missing and oversized files with a sentence that says what to do. */
export async function readSource(path: string): Promise<SourceFile> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new ApiError('NOT_FOUND', `${basename(path)} was not found at ${path}.`);
  if (info.isDirectory()) throw new ApiError('INVALID_INPUT', `${basename(path)} is a folder; choose the files inside it.`);
  if (!info.isFile()) {
    const kind = info.isFIFO()
      ? 'a named pipe (FIFO)'
      : info.isCharacterDevice() || info.isBlockDevice()
        ? 'a device'
        : info.isSocket()
          ? 'a socket'
          : 'not a regular file';
    throw new ApiError(
      'INVALID_INPUT',
      `${basename(path)} is ${kind}, not a transcript file; save the transcript to a regular file and import that.`,
    );
  }
  if (info.size > MAX_FILE_BYTES)
    throw new ApiError('INVALID_INPUT', `${basename(path)} is larger than 200 MB; split it into smaller files.`);
  const bytes = new Uint8Array(await readFile(path));
  return { path, name: stagedName(basename(path)), bytes, hash: createHash('sha256').update(bytes).digest('hex') };
}

/** Staged uploads are stored as `<id>--<original name>`; people should see the original name. */
export function stagedName(name: string): string {
  return name.replace(/^[0-9A-HJKMNP-TV-Z]{26}--/, '');
}
