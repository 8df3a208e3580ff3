import { join } from 'node:path';
import Database from 'better-sqlite3';
import { mulberry32 } from '../../src/main/core/util/random';
import { startCli } from './runCli';

const VISIT = /visit (VQ\d{6})/;

/**
 * The library and its import jobs as another process sees them after a crash (read-only), checked against
 * the rule that matters: a file's sessions and its item's done mark commit together. So every live session
 * belongs to exactly one done item's report (none stored without its mark: "orphans"), every done item's
 * sessions are there ("lost"), no visit is stored twice, and the Study home's counts match the rows.
 */
export function importState(file: string, codes: readonly string[]) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const sessions = db
      .prepare(
        `SELECT s.id, s.origin_file || '#' || s.origin_key AS origin, t.text FROM sessions s JOIN turns t ON t.session_id = s.id AND t.seq = 0
         WHERE s.deleted_at IS NULL AND s.source = 'real'`,
      )
      .all() as { id: string; origin: string; text: string }[];
    const items = db
      .prepare(`SELECT i.status, i.result_json FROM job_items i JOIN jobs j ON j.id = i.job_id WHERE j.kind = 'import'`)
      .all() as { status: string; result_json: string | null }[];
    const jobs = db.prepare(`SELECT id, status FROM jobs WHERE kind = 'import' ORDER BY created_at`).all() as {
      id: string;
      status: string;
    }[];
    const counted = (db.prepare(`SELECT coalesce(sum(n), 0) AS n FROM session_counts WHERE source = 'real'`).get() as { n: number }).n;
    const tokensCounted = (
      db.prepare(`SELECT count(*) AS n FROM sessions WHERE source = 'real' AND deleted_at IS NULL AND tokens_counted = 1`).get() as {
        n: number;
      }
    ).n;
    const owners = new Map<string, number>();
    for (const item of items)
      if (item.status === 'done' && item.result_json)
        for (const id of (JSON.parse(item.result_json) as { sessionIds?: string[] }).sessionIds ?? [])
          owners.set(id, (owners.get(id) ?? 0) + 1);
    const stored = new Set(sessions.map((s) => s.id));
    const perCode = new Map<string, number>();
    for (const s of sessions) {
      const code = VISIT.exec(s.text)?.[1] ?? '?';
      perCode.set(code, (perCode.get(code) ?? 0) + 1);
    }
    return {
      integrity,
      jobs,
      sessions: sessions.length,
      /** Sessions whose tokens are counted (an import stores them uncounted). */
      tokensCounted,
      /** Visits stored more than once, or a file's transcript stored as more than one session. */
      duplicates:
        [...perCode.values()].reduce((n, c) => n + Math.max(0, c - 1), 0) + (sessions.length - new Set(sessions.map((s) => s.origin)).size),
      /** Visits of the folder not (yet) in the library. */
      missing: codes.filter((c) => !perCode.has(c)).length,
      /** Sessions no done item reports: stored without their file's done mark. */
      orphans: sessions.filter((s) => owners.get(s.id) !== 1).length,
      /** Sessions a done item reports that are not in the library. */
      lost: [...owners.keys()].filter((id) => !stored.has(id)).length,
      countsAgree: counted === sessions.length,
    };
  } finally {
    db.close();
  }
}

export interface ImportKillLoopOptions {
  dir: string;
  project: string;
  folder: string;
  codes: readonly string[];
  kills: number;
  seed: number;
  /** Kills land uniformly between these many ms after the command starts. */
  delayMs: { min: number; max: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Imports a folder with the CLI and kills the process (SIGKILL) at random moments, `kills` times: each round
 * either re-runs the import or resumes the import job the last kill interrupted (`jobs resume`), alternating.
 * After every kill the library must hold whole files only. Returns what each kill left behind.
 */
export async function runImportKillLoop(o: ImportKillLoopOptions) {
  const random = mulberry32(o.seed);
  const common = ['--project', o.project, '--data-dir', join(o.dir, 'data')];
  const rounds: { command: string; delayMs: number; killed: boolean; filesDone: number; sessions: number; broken: string[] }[] = [];
  // A run that finishes before its kill is not counted: rounds go on until `kills` kills landed (within a bound).
  for (let round = 0; rounds.filter((r) => r.killed).length < o.kills && round < o.kills * 3; round++) {
    const before = importState(o.project, o.codes);
    const unfinished = before.jobs.findLast((j) => j.status !== 'succeeded');
    const resume = round % 2 === 1 && unfinished !== undefined;
    const args = resume ? ['jobs', 'resume', unfinished.id] : ['import', o.folder];
    const delayMs = Math.round(o.delayMs.min + random() * (o.delayMs.max - o.delayMs.min));
    const run = startCli([...args, ...common]);
    await Promise.race([sleep(delayMs), run.done]);
    const killed = run.child.exitCode === null && run.child.signalCode === null && run.child.kill('SIGKILL');
    const ended = await run.done;
    const after = importState(o.project, o.codes);
    const broken = [
      after.integrity !== 'ok' && `integrity: ${String(after.integrity)}`,
      after.duplicates && `${after.duplicates} duplicates`,
      after.orphans && `${after.orphans} sessions without their file's done mark`,
      after.lost && `${after.lost} sessions of done files lost`,
      !after.countsAgree && 'session counts disagree with the rows',
      !killed && ended.code !== 0 && `exit ${ended.code}: ${ended.stderr.slice(-500)}`,
    ].filter((b): b is string => typeof b === 'string');
    const db = new Database(o.project, { readonly: true });
    const filesDone = (db.prepare(`SELECT count(*) AS n FROM job_items WHERE status = 'done'`).get() as { n: number }).n;
    db.close();
    rounds.push({ command: args[0] === 'jobs' ? 'jobs resume' : 'import', delayMs, killed, filesDone, sessions: after.sessions, broken });
  }
  return rounds;
}
