// kill -9 while a command opens (and so upgrades) a project saved by an older version: the file is the old
// project or the upgraded one, never half of each; every backup copy beside it is whole; and the next command opens it.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestVersion } from '../../src/main/core/db/migrate';
import { migrations } from '../../src/main/core/db/migrations';
import { mulberry32 } from '../../src/main/core/util/random';
import { backupStates, projectFileState, writeOldProject } from '../support/oldProject';
import { runCli, startCli } from '../support/runCli';

const SESSIONS = 2000;
const TURNS = 20;
const killPoint = join(import.meta.dirname, '..', 'support', 'killPoint.ts');
let root: string;
let pristine: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hds-upgrade-crash-'));
  pristine = join(root, 'pristine.hds');
  writeOldProject(pristine, SESSIONS, TURNS);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh copy of the old project in a folder of its own, and the CLI pointed at it. */
function oldCopy(name: string) {
  const dir = join(root, name);
  const file = join(dir, 'study.hds');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  copyFileSync(pristine, file);
  const args = (more: string[]) => [...more, '--project', file, '--data-dir', join(dir, 'data')];
  return { dir, file, args };
}

const whole = { wholeSchema: true, sessions: SESSIONS, turns: SESSIONS * TURNS, integrity: 'ok' };

/** What a kill must leave: the old project or the upgraded one, whole, and only whole backups of the old one. */
function expectRecoverable(file: string) {
  const state = projectFileState(file);
  expect(state).toMatchObject(whole);
  expect([1, latestVersion(migrations)]).toContain(state.version);
  for (const backup of backupStates(file)) expect(backup).toMatchObject({ ...whole, version: 1 });
}

/** The next command opens the file, upgraded, with every session. */
async function expectOpens(file: string, args: (more: string[]) => string[]) {
  const listed = await runCli(args(['sessions', 'list', '--limit', '1', '--json']));
  expect(listed.code, listed.stderr).toBe(0);
  expect(JSON.parse(listed.stdout)).toMatchObject({ total: SESSIONS });
  expect(projectFileState(file)).toMatchObject({ ...whole, version: latestVersion(migrations) });
}

describe('a command killed while it upgrades an older project', () => {
  const pending = migrations.length - 1;
  it.each([
    ['while writing the backup copy', 'backupStep:2'],
    ['after the first migration ran', 'migration:1'],
    ['after every migration ran, before the upgrade commits', `migration:${pending}`],
  ])('%s leaves the old project whole, and the next command upgrades it', { timeout: 30_000 }, async (_when, at) => {
    const { dir, file, args } = oldCopy(at.replace(':', '-'));
    const killed = await runCli(args(['sessions', 'list', '--limit', '1']), { env: { HDS_TEST_KILL_AT: at }, preload: [killPoint] });
    expect(killed.code).toBe(-1);
    expect(projectFileState(file)).toMatchObject({ ...whole, version: 1 });
    expectRecoverable(file);
    await expectOpens(file, args);
    expectRecoverable(file);
    // What the killed upgrade left of its unfinished copy is gone once an upgrade succeeds.
    expect(readdirSync(dir).filter((name) => name.includes('.partial'))).toEqual([]);
  });

  it('at random moments leaves a whole project that the next command opens', { timeout: 60_000 }, async () => {
    const probe = oldCopy('probe');
    const started = Date.now();
    expect((await runCli(probe.args(['sessions', 'list', '--limit', '1']))).code).toBe(0);
    const openMs = Date.now() - started;
    const random = mulberry32(77);
    const seen: { delayMs: number; version: number }[] = [];
    for (let round = 0; round < 3; round++) {
      const { file, args } = oldCopy(`random-${round}`);
      const delayMs = Math.round(150 + random() * (openMs - 150));
      const run = startCli(args(['sessions', 'list', '--limit', '1']));
      await Promise.race([new Promise((r) => setTimeout(r, delayMs)), run.done]);
      run.child.kill('SIGKILL');
      await run.done;
      expectRecoverable(file);
      seen.push({ delayMs, version: projectFileState(file).version });
      await expectOpens(file, args);
    }
    console.log(`upgrade kills (a whole open takes ${openMs} ms): ${JSON.stringify(seen)}`);
  });
});
