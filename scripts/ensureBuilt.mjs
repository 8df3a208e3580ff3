// Builds with electron-vite when the build output is missing or older than any source file, so
// `npm run serve`, `npm run cli` and the end-to-end tests never run a stale build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const quiet = process.argv.includes('--quiet');
const outputs = [
  'out/main/index.js',
  'out/main/standalone.js',
  'out/main/cli.js',
  'out/main/worker.js',
  'out/main/backendProcess.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];
const inputs = ['src', 'resources', 'electron.vite.config.ts', 'package.json', 'package-lock.json'];

function newest(path) {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const builtAt = Math.min(...outputs.map((p) => (existsSync(join(root, p)) ? statSync(join(root, p)).mtimeMs : 0)));
const changedAt = Math.max(...inputs.map(newest));
if (builtAt > changedAt) process.exit(0);

if (!quiet) console.log('Building the app (electron-vite build)…');
const result = spawnSync(join(root, 'node_modules/.bin/electron-vite'), ['build'], {
  cwd: root,
  stdio: quiet ? 'pipe' : 'inherit',
  encoding: 'utf8',
});
if (result.status !== 0) {
  if (quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  console.error('The build failed; see the messages above.');
  process.exit(result.status ?? 1);
}
