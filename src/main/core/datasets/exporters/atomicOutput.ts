import { mkdir, rename, rm, rmdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PartialFile } from '../../util/partialFile';

/** One file an export wrote, as callers report it. */
export interface WrittenFile {
  path: string;
  bytes: number;
  /** What the file counts: lines of a JSONL file, elements of a JSON array, rows of a CSV (header excluded); 0 for notes and configs. */
  count: number;
}

/**
 * The files of one export. Everything is written under `.partial` names and renamed only once every
 * file is complete, so a cancelled or failed export leaves neither half-written files nor partials,
 * and folders it created are removed again if they stay empty.
 */
export class AtomicOutput {
  private readonly files: PartialFile[] = [];
  private readonly createdDirs: string[] = [];

  constructor(private readonly signal?: AbortSignal) {}

  async open(path: string, opts: { optional?: boolean } = {}): Promise<PartialFile> {
    this.signal?.throwIfAborted();
    const created = await mkdir(dirname(path), { recursive: true });
    if (created) this.createdDirs.push(...dirsBetween(created, dirname(path)));
    const file = new PartialFile(path, opts.optional ?? false, this.signal);
    this.files.push(file);
    return file;
  }

  /** Finishes every file, then renames them into place; optional files with no entries are dropped. */
  async commit(): Promise<WrittenFile[]> {
    this.signal?.throwIfAborted();
    for (const file of this.files) await file.finish();
    const kept = this.files.filter((f) => !(f.optional && f.count === 0));
    for (const file of this.files) if (!kept.includes(file)) await file.discard();
    this.signal?.throwIfAborted();
    const renamed: PartialFile[] = [];
    try {
      for (const file of kept) {
        await rename(file.partialPath, file.path);
        renamed.push(file);
      }
    } catch (error) {
      // A rename failing halfway would leave a mixed export: take back the files already moved.
      for (const file of renamed) await rm(file.path, { force: true });
      throw error;
    }
    return kept.map((f) => ({ path: f.path, bytes: f.bytes, count: f.count }));
  }

  async discard(): Promise<void> {
    for (const file of this.files) await file.discard();
    // Deepest first; rmdir refuses a folder that holds anything, so nobody else's files are touched.
    for (const dir of [...this.createdDirs].reverse()) await rmdir(dir).catch(() => undefined);
  }
}

/** Runs an export body against a fresh output, committing on success and discarding on any failure or abort. */
export async function writeAtomically<T>(
  signal: AbortSignal | undefined,
  body: (out: AtomicOutput) => Promise<T>,
): Promise<{ value: T; files: WrittenFile[] }> {
  const out = new AtomicOutput(signal);
  try {
    const value = await body(out);
    return { value, files: await out.commit() };
  } catch (error) {
    await out.discard();
    throw error;
  }
}

/** mkdir -p reports the first folder it created; this lists it and each one below it, down to `leaf`. */
function dirsBetween(first: string, leaf: string): string[] {
  const dirs: string[] = [];
  for (let dir = leaf; dir.length >= first.length; dir = dirname(dir)) {
    dirs.unshift(dir);
    if (dir === first || dirname(dir) === dir) break;
  }
  return dirs;
}
