import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/support/jobChild.ts'), JSON.stringify(config)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
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
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
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
    const items = db.prepare(`SELECT seq, status, result_json, error FROM job_items ORDER BY seq`).all() as { seq: number; status: string; result_json: string | null; error: string | null }[];
    const personas = (db.prepare('SELECT id, provenance_json FROM personas').all() as { id: string; provenance_json: string }[]).map((p) => ({ id: p.id, seed: (JSON.parse(p.provenance_json) as { seed: number }).seed }));
    const integrity = db.pragma('integrity_check', { simple: true });
    return {
      items: items.map((i) => ({ seq: i.seq, status: i.status, error: i.error, personaId: i.result_json ? (JSON.parse(i.result_json) as { personaId: string }).personaId : null })),
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
