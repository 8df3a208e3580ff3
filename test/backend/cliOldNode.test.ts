import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The machines' own Node is older than the app needs (scripts/toolchain.sh brings a newer one); a person may
// still run the built CLI with it. Where no older Node is installed, there is nothing to check.
const SYSTEM_NODE = '/usr/bin/node';
const version = existsSync(SYSTEM_NODE) ? spawnSync(SYSTEM_NODE, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';
const old = Number(/^v(\d+)\./.exec(version)?.[1] ?? NaN) < 22;

describe('the CLI under an older Node', () => {
  it.skipIf(!old)(`says which Node it needs and how to run it, instead of a stack trace (${SYSTEM_NODE} ${version || 'absent'})`, () => {
    const root = join(import.meta.dirname, '..', '..');
    const run = spawnSync(SYSTEM_NODE, ['--import', 'tsx', join(root, 'src/main/cliEntry.ts'), '--help'], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/needs Node 22\.12 or newer; this is Node \d+\.\d+\.\d+\. Run the CLI with `npm run cli -- \.\.\.`/);
    expect(run.stderr).not.toMatch(/SyntaxError|at ModuleJob/);
    expect(run.stdout).toBe('');
  });
});
