import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const ELECTRON_UNAVAILABLE =
  'Electron binary not available on this machine (it cannot be downloaded here); the browser project covers the same specs.';

/**
 * The Electron binary's path, if the `electron` package has one installed. This is what
 * `require('electron')` answers, worked out without calling it: since Electron 45 that call starts
 * a download when the binary is missing, and these machines must not download anything.
 */
export function electronBinary(): string | null {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative || 'electron') : relative ? join(packageDir, 'dist', relative) : null;
  return binary && existsSync(binary) ? binary : null;
}

let announced = false;

/**
 * Prints the skip reason once per run rather than once per worker: only the first parallel worker
 * slot speaks, and it is always the first to receive tests.
 */
export function announceOnce(reason: string): void {
  if (process.env.HDS_ELECTRON_ANNOUNCED || process.env.TEST_PARALLEL_INDEX !== '0' || announced) return;
  announced = true;
  process.stderr.write(`[electron project] ${reason}\n`);
}
