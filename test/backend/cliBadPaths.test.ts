import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli';

const dataDir = mkdtempSync(join(tmpdir(), 'hds-cli-paths-'));
const project = join(dataDir, 'paths.hds');
const cli = (...args: string[]) => runCli([...args, '--data-dir', dataDir]);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the CLI with a path that cannot be used', { timeout: 60_000 }, () => {
  it('says in a sentence that the folder is missing for sessions export --out, without a raw error', async () => {
    expect((await cli('projects', 'create', 'Paths', '--file', project)).code).toBe(0);
    const missing = join(dataDir, 'no-such-folder');
    const exported = await cli('sessions', 'export', '--out', join(missing, 'sessions.jsonl'), '--project', project);
    expect(exported.code).not.toBe(0);
    expect(exported.stderr).toMatch(new RegExp(`The folder ${missing.replace(/[/\\\\]/g, '.')} does not exist`));
    expect(exported.stderr).not.toMatch(/ENOENT|\n\s+at /);
  });

  it('refuses a missing folder the same way for every --out, and creates none', async () => {
    if (!existsSync(project)) expect((await cli('projects', 'create', 'Paths', '--file', project)).code).toBe(0);
    const missing = join(dataDir, 'typo-folder');
    const said = `The folder ${missing} does not exist. Create it first (mkdir -p "${missing}") or choose another folder.`;
    for (const args of [
      ['domain', 'export', '--out', join(missing, 'pack.json')],
      ['sessions', 'export', '--out', join(missing, 'sessions.jsonl')],
      ['eval', 'report', '01J0000000000000000000000Z', '--out', missing],
    ]) {
      const run = await cli(...args, '--project', project);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr, args.join(' ')).toContain(said);
      expect(run.stderr).not.toMatch(/ENOENT|\n\s+at /);
    }
    expect(existsSync(missing)).toBe(false);
  });
});
