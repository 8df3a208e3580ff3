import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { mulberry32 } from '../../src/main/core/util/random';
import type { RecordedRequest } from './fakeOpenAI';
import type { JobChildConfig } from './jobChild';

const root = join(import.meta.dirname, '..', '..');

export interface ChildRun {
  child: ChildProcess;
  /** Resolves with the first line whose event matches. */
  line(event: string): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts `test/support/jobChild.ts` in its own Node process. */
export function spawnJobChild(config: JobChildConfig): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/support/jobChild.ts'), JSON.stringify(config)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters: { event: string; resolve: (l: Record<string, unknown>) => void }[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
      buffer = buffer.slice(nl + 1);
      lines.push(line);
      for (const w of waiters.filter((x) => x.event === line.event)) w.resolve(line);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    child,
    exited,
    line: (event) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((l) => l.event === event);
        if (seen) return resolve(seen);
        waiters.push({ event, resolve });
        void exited.then((e) => reject(new Error(`the child exited (${e.signal ?? e.code}) before "${event}": ${e.stderr.slice(-2000)}`)));
      }),
  };
}

/** The persona job's items and stored rows as another process sees them (read-only). */
export function personaState(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const items = db.prepare(`SELECT seq, status, result_json, error FROM job_items ORDER BY seq`).all() as {
      seq: number;
      status: string;
      result_json: string | null;
      error: string | null;
    }[];
    const personas = (db.prepare('SELECT id, provenance_json FROM personas').all() as { id: string; provenance_json: string }[]).map(
      (p) => ({ id: p.id, seed: (JSON.parse(p.provenance_json) as { seed: number }).seed }),
    );
    const integrity = db.pragma('integrity_check', { simple: true });
    return {
      items: items.map((i) => ({
        seq: i.seq,
        status: i.status,
        error: i.error,
        personaId: i.result_json ? (JSON.parse(i.result_json) as { personaId: string }).personaId : null,
      })),
      personas,
      integrity,
    };
  } finally {
    db.close();
  }
}

/** Which item a chat request belongs to: the persona job asks item i with seed base + i × 101 (+1 on a second try). */
export const itemOfSeed = (seed: number, base: number) => Math.floor((seed - base) / 101);

export function requestSeeds(requests: readonly RecordedRequest[]): number[] {
  return requests.filter((r) => r.route === 'chat').map((r) => (r.body as { seed?: number }).seed ?? -1);
}

/**
 * What a crash-and-resume history left behind: items without their stored row (lost) and rows no done
 * item owns (duplicates).
 */
export function crashFigures(state: ReturnType<typeof personaState>, total: number) {
  const done = state.items.filter((i) => i.status === 'done');
  const owned = new Set(done.map((i) => i.personaId));
  const stored = new Set(state.personas.map((p) => p.id));
  return {
    lost: total - done.filter((i) => i.personaId !== null && stored.has(i.personaId)).length,
    /** Rows no done item points at: a result stored a second time, or stored for an item not marked done. */
    duplicates: state.personas.filter((p) => !owned.has(p.id)).length,
    integrity: state.integrity,
  };
}

export interface KillLoopOptions {
  /** A folder for the project and the children's data. */
  dir: string;
  fake: { url: string; requests: RecordedRequest[] };
  key: string;
  total: number;
  kills: number;
  seed: number;
  concurrency?: number;
}

/** The seed jobChild starts its persona jobs with. */
export const CHILD_JOB_SEED = 7;

/**
 * Starts a persona job of `total` items in a child process and kills it with SIGKILL at `kills` random
 * points (each after at least one more item is done, plus a random few milliseconds), resuming it in a new
 * process each time, then lets it finish. Reports what was lost, stored twice or asked for again.
 */
export async function runKillLoop(options: KillLoopOptions) {
  const file = join(options.dir, 'kill-loop.hds');
  const child = (config: Pick<JobChildConfig, 'action' | 'count' | 'concurrency' | 'jobId'>) =>
    spawnJobChild({ dataDir: join(options.dir, 'data'), projectFile: file, fakeUrl: options.fake.url, key: options.key, ...config });
  const doneCount = () => personaState(file).items.filter((i) => i.status === 'done').length;
  const random = mulberry32(options.seed);
  const snaps: Snapshot[] = [];
  const startedAt = Date.now();
  let jobId: string | null = null;
  let killed = 0;
  for (let round = 0; round < options.kills; round++) {
    const run: ChildRun = jobId
      ? child({ action: 'resume', jobId })
      : child({ action: 'start', count: options.total, concurrency: options.concurrency ?? 8 });
    jobId = String((await run.line('running')).jobId);
    const target = doneCount() + 1 + Math.floor(random() * (options.total / (options.kills * 2)));
    const extraMs = Math.floor(random() * 40);
    while (run.child.exitCode === null && doneCount() < target) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, extraMs));
    if (run.child.exitCode === null) {
      run.child.kill('SIGKILL');
      killed++;
    }
    await run.exited;
    snaps.push(snapshot(file, options.fake.requests));
  }
  const last = child({ action: 'resume', jobId: jobId! });
  const settled = await last.line('settled');
  await last.exited;
  return {
    items: options.total,
    kills: killed,
    settled: { status: settled.status, done: settled.done, failed: settled.failed },
    ...crashFigures(personaState(file), options.total),
    askedAgain: askedAgain(snaps, options.fake.requests),
    seconds: Math.round((Date.now() - startedAt) / 100) / 10,
  };
}

export interface Snapshot {
  stored: Set<number>;
  requestsSeen: number;
}

/** Items already stored when a process died, and how many requests the fake had seen by then. */
export function snapshot(file: string, requests: readonly RecordedRequest[]): Snapshot {
  const state = personaState(file);
  return { stored: new Set(state.items.filter((i) => i.status === 'done').map((i) => i.seq)), requestsSeen: requests.length };
}

/** Requests made after each snapshot for items that were stored at that snapshot. */
export function askedAgain(snaps: readonly Snapshot[], requests: readonly RecordedRequest[]): number {
  return snaps.reduce(
    (n, s) => n + requestSeeds(requests.slice(s.requestsSeen)).filter((seed) => s.stored.has(itemOfSeed(seed, CHILD_JOB_SEED))).length,
    0,
  );
}
