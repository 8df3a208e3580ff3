// kill -9 during a CLI import of a folder (text with speaker labels, CSV, WebVTT), then resume or import again:
// each session lands exactly once, the file stays whole, the job ends succeeded and the project opens.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/main/core/util/random';
import { spawnJobChild } from '../support/crashHarness';
import { importState, runImportKillLoop } from '../support/importCrash';
import { runCli, startCli } from '../support/runCli';
import { writeTranscriptFolder } from '../support/transcriptFolder';

const killPoint = join(import.meta.dirname, '..', 'support', 'killPoint.ts');
let dir: string;
let project: string;
let cli: (args: string[], env?: Record<string, string>) => ReturnType<typeof runCli>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hds-import-crash-'));
  project = join(dir, 'study.hds');
  const common = ['--project', project, '--data-dir', join(dir, 'data')];
  cli = (args, env) => runCli([...args, ...common], { timeoutMs: 40_000, ...(env ? { env, preload: [killPoint] } : {}) });
  expect((await cli(['projects', 'create', 'Crash study', '--file', project])).code).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const folderShape = { textFiles: 3, csvFiles: 2, sessionsPerCsv: 4, vttFiles: 2 };

/** After the last kill: every unfinished import job resumed to success, the import run once more, and the project opened. */
async function finishAndCheck(codes: readonly string[], folder: string) {
  for (const job of importState(project, codes).jobs.filter((j) => j.status !== 'succeeded')) {
    const resumed = await cli(['jobs', 'resume', job.id, '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout), resumed.stdout).toMatchObject({ status: 'succeeded' });
  }
  const again = await cli(['import', folder, '--json']);
  expect(again.code, again.stderr).toBe(0);
  expect(JSON.parse(again.stdout), again.stdout).toMatchObject({ status: 'succeeded', result: { imported: 0 } });
  const end = importState(project, codes);
  expect(end).toMatchObject({ integrity: 'ok', duplicates: 0, missing: 0, orphans: 0, lost: 0, countsAgree: true, sessions: codes.length });
  expect(end.jobs.every((j) => j.status === 'succeeded')).toBe(true);
  const listed = await cli(['sessions', 'list', '--all']);
  expect(listed.code, listed.stderr).toBe(0);
  const rows = listed.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { tokenCount: number | null });
  expect(rows).toHaveLength(codes.length);
  expect(
    rows.filter((r) => !(typeof r.tokenCount === 'number' && r.tokenCount > 0)),
    listed.stderr,
  ).toEqual([]);
}

describe('a CLI import killed inside a file', () => {
  it('keeps no session of the unfinished file, and resuming lands every session once', { timeout: 120_000 }, async () => {
    const folder = join(dir, 'transcripts');
    const codes = writeTranscriptFolder(folder, { seed: 5, ...folderShape, turnsPerSession: 60 });
    // Files import in name order (call-*.vtt, group-*.csv, session-*.txt): the kill lands after the 2nd session
    // of the first CSV is written, inside that file's transaction.
    const killed = await cli(['import', folder], { HDS_TEST_KILL_AT: `sessionInsert:${folderShape.vttFiles + 2}` });
    expect(killed.code).toBe(-1);
    const crashed = importState(project, codes);
    expect(crashed).toMatchObject({
      integrity: 'ok',
      duplicates: 0,
      orphans: 0,
      lost: 0,
      countsAgree: true,
      sessions: folderShape.vttFiles,
    });
    await finishAndCheck(codes, folder);
  });
});

describe('kill -9 at random moments of CLI imports and resumes', () => {
  it('never stores a file in part or twice, and the resumed job succeeds', { timeout: 120_000 }, async () => {
    const folder = join(dir, 'transcripts');
    const codes = writeTranscriptFolder(folder, { seed: 9, ...folderShape, turnsPerSession: 2500 });
    // How long one whole import takes here, so the kills spread over start-up, reading, checking and storing.
    const probe = join(dir, 'probe.hds');
    expect((await runCli(['projects', 'create', 'Probe', '--file', probe, '--data-dir', join(dir, 'data')])).code).toBe(0);
    const started = Date.now();
    const whole = startCli(['import', folder, '--project', probe, '--data-dir', join(dir, 'data')]);
    expect((await whole.done).code).toBe(0);
    const wholeMs = Date.now() - started;
    const rounds = await runImportKillLoop({ dir, project, folder, codes, kills: 8, seed: 2026, delayMs: { min: 100, max: wholeMs } });
    console.log(
      `import kill loop (${codes.length} sessions in ${Object.values(folderShape).length} formats, whole import ${wholeMs} ms): ${JSON.stringify(rounds)}`,
    );
    expect(rounds.flatMap((r) => r.broken)).toEqual([]);
    expect(rounds.filter((r) => r.killed)).toHaveLength(8);
    await finishAndCheck(codes, folder);
  });
});

describe('kill -9 at random moments of an import in the app, where tokens are counted as each file lands', () => {
  it(
    'never stores a file in part or twice while the count writes beside it, and the resumed job succeeds',
    { timeout: 120_000 },
    async () => {
      const folder = join(dir, 'transcripts');
      const codes = writeTranscriptFolder(folder, { seed: 13, ...folderShape, turnsPerSession: 3000 });
      const paths = readdirSync(folder).map((name) => join(folder, name));
      // The app's own process: the project is created by the first run (the one from beforeEach is replaced).
      rmSync(project);
      const child = (config: { action: 'import' } | { action: 'resume'; jobId: string }) =>
        spawnJobChild({
          dataDir: join(dir, 'app-data'),
          projectFile: project,
          fakeUrl: 'http://127.0.0.1:9/v1',
          key: 'unused',
          paths,
          ...config,
        });
      const random = mulberry32(4242);
      const rounds: { delayMs: number; killed: boolean; sessions: number; tokensCounted: number }[] = [];
      for (let round = 0; rounds.filter((r) => r.killed).length < 5 && round < 15; round++) {
        const unfinished = round > 0 ? importState(project, codes).jobs.findLast((j) => j.status !== 'succeeded') : undefined;
        const run = child(round % 2 === 1 && unfinished ? { action: 'resume', jobId: unfinished.id } : { action: 'import' });
        await run.line('running').catch(() => undefined);
        const delayMs = Math.round(random() * 700);
        await Promise.race([new Promise((r) => setTimeout(r, delayMs)), run.exited]);
        const killed = run.child.exitCode === null && run.child.signalCode === null && run.child.kill('SIGKILL');
        await run.exited;
        const after = importState(project, codes);
        expect(after).toMatchObject({ integrity: 'ok', duplicates: 0, orphans: 0, lost: 0, countsAgree: true });
        rounds.push({ delayMs, killed, sessions: after.sessions, tokensCounted: after.tokensCounted });
      }
      console.log(`app import kills: ${JSON.stringify(rounds)}`);
      expect(rounds.filter((r) => r.killed)).toHaveLength(5);
      await finishAndCheck(codes, folder);
    },
  );
});
