import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('the backend in plain Node', () => {
  it('starts and serves with Electron impossible to load', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', join(root, 'test/support/forbidElectron.mjs'), '--import', 'tsx', join(root, 'test/support/plainNodeBackend.ts')],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(run.stderr).not.toMatch(/tried to import electron/);
    expect(run.status, run.stderr).toBe(0);
    // The sample's 4 transcripts: the sample project was created and read through the plain-Node backend.
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toMatchObject({ ok: true, value: { total: 4 } });
  });

  it('the guard itself works: importing electron under it fails', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', join(root, 'test/support/forbidElectron.mjs'), '--input-type=module', '-e', "await import('electron')"],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/tried to import electron/);
  });
});
