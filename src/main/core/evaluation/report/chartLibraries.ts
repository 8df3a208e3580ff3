// The chart libraries the report inlines, read from the installed packages the first time a report
// is rendered (never at import time). Packages are found through Node's own lookup folders and
// their package.json, not their "exports" maps: chart.js and the @sgratzl plugins do not export
// their UMD builds or package.json, and this must work from electron-vite's bundled main as well.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface InlineLibrary {
  name: string;
  version: string;
  /** The UMD build, ready to sit inside a <script> element. */
  code: string;
}

const LIBRARIES = [
  { name: 'chart.js', file: 'dist/chart.umd.min.js' },
  { name: '@sgratzl/chartjs-chart-boxplot', file: 'build/index.umd.min.js' },
  { name: 'chartjs-chart-matrix', file: 'dist/chartjs-chart-matrix.min.js' },
  { name: 'chartjs-chart-error-bars', file: 'build/index.umd.min.js' },
] as const;

let cached: InlineLibrary[] | null = null;

/** chart.js first, then its plugins, which register themselves on the global `Chart`. */
export function chartLibraries(): InlineLibrary[] {
  cached ??= LIBRARIES.map(({ name, file }) => loadLibrary(name, file));
  return cached;
}

function loadLibrary(name: string, file: string): InlineLibrary {
  const root = packageRoot(name);
  const path = join(root, file);
  if (!existsSync(path))
    throw new Error(`The report needs ${name}'s browser build at ${path}, which is missing. Reinstall the app's dependencies (npm ci).`);
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  return { name, version: version ?? 'unknown', code: scriptSafe(name, readFileSync(path, 'utf8')) };
}

function packageRoot(name: string): string {
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths(name) ?? []) {
    const manifest = join(dir, name, 'package.json');
    if (existsSync(manifest)) return dirname(manifest);
  }
  throw new Error(
    `The report needs the package ${name} (its charts are inlined into every report), but it is not installed. Reinstall the app's dependencies (npm ci).`,
  );
}

/**
 * Drops the source-map comment (the map is not shipped with the report) and makes sure the code
 * cannot end its own <script> element early.
 */
function scriptSafe(name: string, code: string): string {
  const safe = code.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n').replace(/<\/(script)/gi, '<\\/$1');
  if (safe.includes('<!--'))
    throw new Error(`${name}'s browser build contains "<!--", which cannot be inlined into a <script> element safely.`);
  return safe;
}
