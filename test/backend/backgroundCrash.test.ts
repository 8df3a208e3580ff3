// kill -9 during the work that runs on worker threads after an import: the token count of sessions an import
// stored uncounted, and a dataset freeze. The next command must find whole pages of counts and whole versions.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoizedCounter } from '../../src/main/core/imports/tokens';
import { sessionTokens } from '../../src/main/core/sessions/sessionEditing';
import { mulberry32 } from '../../src/main/core/util/random';
import { runCli, startCli } from '../support/runCli';
import { writeTranscriptFolder } from '../support/transcriptFolder';

const killPoint = join(import.meta.dirname, '..', 'support', 'killPoint.ts');
/** More than two pages of the count and of a freeze (500 each), so a kill can land between pages. */
const SESSIONS = 1200;
let dir: string;
let project: string;
const cli = (args: string[], killAt?: string) =>
  runCli([...args, '--project', project, '--data-dir', join(dir, 'data')], {
    timeoutMs: 40_000,
    ...(killAt ? { env: { HDS_TEST_KILL_AT: killAt }, preload: [killPoint] } : {}),
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hds-background-crash-'));
  project = join(dir, 'study.hds');
  const folder = join(dir, 'transcripts');
  writeTranscriptFolder(folder, { seed: 21, textFiles: 0, csvFiles: 2, sessionsPerCsv: SESSIONS / 2, vttFiles: 0, turnsPerSession: 6 });
  expect((await cli(['projects', 'create', 'Background crash', '--file', project])).code).toBe(0);
  const imported = await cli(['import', folder]);
  expect(imported.code, imported.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Token counts as stored, checked against counting each session afresh. */
function tokenState() {
  const db = new Database(project, { readonly: true });
  try {
    const sessions = db.prepare('SELECT id, system_prompt, token_count, tokens_counted FROM sessions').all() as {
      id: string;
      system_prompt: string | null;
      token_count: number;
      tokens_counted: number;
    }[];
    const turns = db.prepare('SELECT role, text FROM turns WHERE session_id = ? ORDER BY seq');
    const count = memoizedCounter();
    const counted = sessions.filter((s) => s.tokens_counted === 1);
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      counted: counted.length,
      uncounted: sessions.length - counted.length,
      /** Sessions marked counted whose count is not their tokens. */
      wrong: counted.filter((s) => s.token_count !== sessionTokens(s.system_prompt, turns.all(s.id) as never, count)).length,
    };
  } finally {
    db.close();
  }
}

/** Dataset versions and their examples: each version holds exactly the examples its statistics name, and no example is left without a version. */
function freezeState() {
  const db = new Database(project, { readonly: true });
  try {
    const versions = (
      db.prepare('SELECT id, version, content_hash AS hash, stats_json FROM dataset_versions ORDER BY version').all() as {
        id: string;
        version: number;
        hash: string;
        stats_json: string;
      }[]
    ).map((v) => {
      const held = db
        .prepare('SELECT count(*) AS n, count(DISTINCT seq) AS seqs, max(seq) AS last FROM dataset_examples WHERE version_id = ?')
        .get(v.id) as {
        n: number;
        seqs: number;
        last: number;
      };
      const named = (JSON.parse(v.stats_json) as { examples: number }).examples;
      return {
        version: v.version,
        hash: v.hash,
        whole: held.n === named && held.seqs === named && held.last === named - 1,
        examples: named,
      };
    });
    const orphans = (
      db.prepare('SELECT count(*) AS n FROM dataset_examples WHERE version_id NOT IN (SELECT id FROM dataset_versions)').get() as {
        n: number;
      }
    ).n;
    const jobs = db.prepare(`SELECT id, status FROM jobs WHERE kind = 'freezeDataset' ORDER BY created_at`).all() as {
      id: string;
      status: string;
    }[];
    return { integrity: db.pragma('integrity_check', { simple: true }), versions, orphans, jobs };
  } finally {
    db.close();
  }
}

/** How many freezes were asked for: a cheap look, polled while a freeze starts. */
function freezeJobs(): number {
  const db = new Database(project, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM jobs WHERE kind = 'freezeDataset'`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('work on worker threads killed with SIGKILL', () => {
  it('a token count killed between pages keeps whole pages; the next command counts the rest', { timeout: 60_000 }, async () => {
    expect(tokenState()).toMatchObject({ counted: 0, uncounted: SESSIONS });
    const killed = await cli(['sessions', 'list', '--limit', '1'], 'tokenCountsPage:1');
    expect(killed.code).toBe(-1);
    expect(tokenState()).toEqual({ integrity: 'ok', counted: 500, uncounted: SESSIONS - 500, wrong: 0 });
    const listed = await cli(['sessions', 'list', '--all']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(tokenState()).toEqual({ integrity: 'ok', counted: SESSIONS, uncounted: 0, wrong: 0 });
  });

  it(
    'a freeze killed after some pages of examples shows no version, and resuming it makes the whole one',
    { timeout: 60_000 },
    async () => {
      const created = await cli([
        'datasets',
        'create',
        'Real',
        '--mix',
        'real-only',
        '--status',
        'draft',
        '--validation',
        '0.2',
        '--seed',
        '3',
      ]);
      expect(created.code, created.stderr).toBe(0);
      const killed = await cli(['datasets', 'freeze', 'Real'], 'examplesPage:2');
      expect(killed.code).toBe(-1);
      const crashed = freezeState();
      expect(crashed).toMatchObject({ integrity: 'ok', versions: [] });
      expect(crashed.jobs).toHaveLength(1);
      // The next command sees the project as it was before the freeze.
      const listed = await cli(['datasets', 'list', '--json']);
      expect(listed.code, listed.stderr).toBe(0);
      expect(JSON.stringify(JSON.parse(listed.stdout))).not.toMatch(/"version":\s*1/);
      const resumed = await cli(['jobs', 'resume', crashed.jobs[0]!.id, '--json']);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ status: 'succeeded' });
      // A freeze nobody interrupted makes the same content.
      const again = await cli(['datasets', 'freeze', 'Real']);
      expect(again.code, again.stderr).toBe(0);
      const end = freezeState();
      expect(end).toMatchObject({ integrity: 'ok', orphans: 0 });
      expect(end.versions).toEqual([
        { version: 1, hash: end.versions[1]!.hash, whole: true, examples: SESSIONS },
        { version: 2, hash: end.versions[0]!.hash, whole: true, examples: SESSIONS },
      ]);
    },
  );

  it('freezes killed at random moments leave only whole versions, and each resumed freeze succeeds', { timeout: 90_000 }, async () => {
    const started = Date.now();
    expect((await cli(['datasets', 'freeze', 'Real'])).code).toBe(0);
    const wholeMs = Date.now() - started;
    const before = freezeState().versions;
    const random = mulberry32(31);
    const delays: number[] = [];
    for (let round = 0; round < 3; round++) {
      const jobs = freezeJobs();
      const run = startCli(['datasets', 'freeze', 'Real', '--project', project, '--data-dir', join(dir, 'data')]);
      // Each kill lands while the freeze runs: from its job's creation through the copying on the worker to its version row.
      while (run.child.exitCode === null && freezeJobs() === jobs) await new Promise((r) => setTimeout(r, 5));
      const delayMs = Math.round(random() * wholeMs * 0.5);
      delays.push(delayMs);
      await Promise.race([new Promise((r) => setTimeout(r, delayMs)), run.done]);
      run.child.kill('SIGKILL');
      await run.done;
      const state = freezeState();
      expect(state.integrity).toBe('ok');
      expect(state.versions.every((v) => v.whole && v.hash === before[0]!.hash)).toBe(true);
    }
    for (const job of freezeState().jobs.filter((j) => j.status !== 'succeeded')) {
      const resumed = await cli(['jobs', 'resume', job.id, '--json']);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ status: 'succeeded' });
    }
    const end = freezeState();
    console.log(
      `freeze kills (a whole command takes ${wholeMs} ms; kills ${delays.join(', ')} ms after the job was created): ${end.versions.length - before.length} more versions`,
    );
    expect(end).toMatchObject({ integrity: 'ok', orphans: 0 });
    expect(end.versions.map((v) => v.version)).toEqual(end.versions.map((_, i) => i + 1));
    expect(end.versions.every((v) => v.whole && v.examples === SESSIONS && v.hash === before[0]!.hash)).toBe(true);
    expect(end.jobs.every((j) => j.status === 'succeeded')).toBe(true);
  });

  it(
    'an export of the library killed midway leaves the export it replaces, never a shorter file under its name',
    { timeout: 60_000 },
    async () => {
      const out = join(dir, 'exports', 'library.jsonl');
      mkdirSync(join(dir, 'exports'));
      const whole = await cli(['sessions', 'export', '--out', out]);
      expect(whole.code, whole.stderr).toBe(0);
      const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
      expect(lines(out)).toBe(SESSIONS);
      const before = readFileSync(out, 'utf8');
      // Killed halfway through writing the same export again.
      const killed = await cli(['sessions', 'export', '--out', out], `sessionRead:${SESSIONS / 2}`);
      expect(killed.code).toBe(-1);
      expect(readFileSync(out, 'utf8') === before, 'the whole export is still there').toBe(true);
      // Killed halfway through a first export to a new name: nothing under that name.
      const fresh = join(dir, 'exports', 'fresh.jsonl');
      expect((await cli(['sessions', 'export', '--out', fresh], `sessionRead:${SESSIONS / 2}`)).code).toBe(-1);
      expect(existsSync(fresh)).toBe(false);
      // The next export to that name writes the whole file in place of the killed one's piece.
      expect((await cli(['sessions', 'export', '--out', fresh])).code).toBe(0);
      expect(lines(fresh)).toBe(SESSIONS);
      expect(readdirSync(join(dir, 'exports')).sort()).toEqual(['fresh.jsonl', 'library.jsonl', 'library.jsonl.partial']);
    },
  );
});
