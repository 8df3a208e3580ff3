// Which files an import takes when a person names folders: transcript formats only, every skip
// said with its reason, so a stray script or a symbolic link never turns into a session or vanishes.
import { lstat, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { audioExtensions, extensionOf } from './detectFormat';
import { dataFileAdvice } from './formats/dataFiles';

/** Extensions an import reads (text formats, Word, audio and video for transcription). */
export const importExtensions: readonly string[] = [
  'txt',
  'text',
  'md',
  'vtt',
  'webvtt',
  'srt',
  'csv',
  'tsv',
  'json',
  'jsonl',
  'ndjson',
  'docx',
  'doc',
  ...audioExtensions,
];

export interface SkippedPath {
  path: string;
  reason: string;
}

export interface ImportFileList {
  files: string[];
  /** Those of `files` found by searching a folder (not named one by one): the import skips one that is not a transcript. */
  inFolders: string[];
  skipped: SkippedPath[];
}

/** Why a file's name says it is not a transcript ("has the extension .py, which is not a transcript format …"), or null. */
export function unsupportedExtension(name: string): string | null {
  const ext = extensionOf(name);
  if (importExtensions.includes(ext)) return null;
  return `${ext ? `has the extension .${ext}, which` : 'has no extension, so it'} is not a transcript format (text, VTT, SRT, CSV, JSON, JSONL, DOCX or audio)`;
}

const link = 'is a symbolic link; links inside a folder are not followed (name the file itself to import it)';

async function walk(dir: string, out: ImportFileList): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.name.startsWith('.')) out.skipped.push({ path, reason: 'is hidden (its name starts with a dot)' });
    else if (entry.isSymbolicLink()) out.skipped.push({ path, reason: link });
    else if (entry.isDirectory()) await walk(path, out);
    else if (!entry.isFile()) out.skipped.push({ path, reason: 'is not a regular file (a pipe, socket or device)' });
    else if (unsupportedExtension(entry.name)) {
      const advice = dataFileAdvice(entry.name);
      out.skipped.push({ path, reason: `${unsupportedExtension(entry.name)}; ${advice ? `it is ${advice}` : 'rename it if it is one'}` });
    } else {
      out.files.push(path);
      out.inFolders.push(path);
    }
  }
}

/**
 * Files named one by one are taken as they are (the import says if one cannot be read); folders are
 * searched recursively for transcript files. A path that does not exist is listed as skipped.
 */
export async function listImportFiles(paths: readonly string[]): Promise<ImportFileList> {
  const out: ImportFileList = { files: [], inFolders: [], skipped: [] };
  for (const p of paths) {
    const full = resolve(p);
    const info = await stat(full).catch(() => null);
    if (!info) {
      const dangling = await lstat(full).catch(() => null);
      out.skipped.push({
        path: full,
        reason: dangling?.isSymbolicLink() ? 'is a symbolic link to a file that does not exist' : 'does not exist',
      });
    } else if (info.isDirectory()) await walk(full, out);
    else out.files.push(full);
  }
  return out;
}
