// `npm test`: format check, lint, type-check, unit and backend tests, build, browser end-to-end tests; then one
// closing line with the totals of both test runners.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules/.bin', name);
// Not test-results/: Playwright empties that folder when it starts.
const results = join(root, 'test-reports');
mkdirSync(results, { recursive: true });

function step(title, command, args, env = {}) {
  console.log(`\n== ${title}`);
  const started = Date.now();
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`== ${title}: ${run.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return run.status === 0;
}

const vitestJson = join(results, 'vitest.json');
const playwrightJson = join(results, 'playwright.json');
for (const stale of [vitestJson, playwrightJson]) rmSync(stale, { force: true });
const ok =
  step('format', bin('prettier'), ['--check', '--log-level=warn', '.']) &&
  step('lint', bin('eslint'), ['.']) &&
  step('type-check (node)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.node.json']) &&
  step('type-check (web)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.web.json']) &&
  step('unit and backend tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]) &&
  step('build', process.execPath, [join(root, 'scripts/ensureBuilt.mjs')]) &&
  step('end-to-end tests', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });

const totals = { passed: 0, failed: 0, skipped: 0 };
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += v.numPassedTests ?? 0;
  totals.failed += v.numFailedTests ?? 0;
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
if (existsSync(playwrightJson)) {
  const s = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
}
if (!ok && totals.failed === 0) totals.failed = 1;
console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok ? 0 : 1);
