import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli';

const killPoint = join(import.meta.dirname, '..', 'support', 'killPoint.ts');

describe('a command killed while it creates a project', () => {
  it.each([
    ['while its schema is built', 'migration:3'],
    ['while it is seeded with the pack and the price table', 'projectSeed:2'],
  ])('%s leaves nothing under the file name, and creating it again works', { timeout: 30_000 }, async (_when, at) => {
    const dir = mkdtempSync(join(tmpdir(), 'hds-create-crash-'));
    const file = join(dir, 'study.hds');
    const create = ['projects', 'create', 'Pilot', '--file', file, '--data-dir', dir, '--json'];
    const killed = await runCli(create, { env: { HDS_TEST_KILL_AT: at }, preload: [killPoint] });
    expect(killed.code).toBe(-1);
    expect(readdirSync(dir)).not.toContain('study.hds');

    const again = await runCli(create);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ name: 'Pilot', file });
    const info = await runCli(['projects', 'info', '--project', file, '--data-dir', dir, '--json']);
    expect(info.code, info.stderr).toBe(0);
    expect(readdirSync(dir).filter((name) => name.includes('.partial'))).toEqual([]);
  });
});
