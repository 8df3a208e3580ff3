// `npm run bench -- cli`: issue #17's budget for start-up. A no-op CLI command (open a project, print its
// info) against a bare `node` script that loads better-sqlite3 and opens the same file: at most 2x.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBigLibrary } from './library';
import { distribution, printSection } from './measure';

const root = join(import.meta.dirname, '..');
const CLI = join(root, 'out/main/cli.js');
const median = (xs: number[]) => distribution(xs).p50Ms;
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export interface ChildRun {
  wallMs: number;
  /** User + system CPU of the child process and its threads, to the millisecond (bash's `times`). */
  cpuMs: number;
}

/**
 * Runs `node args…` as its own process and returns its wall and CPU time. bash's `times` reports the
 * children's CPU to the millisecond, where /usr/bin/time rounds to 10 ms (a quarter of a short command).
 */
export function runNode(args: string[], expect?: RegExp): ChildRun {
  const started = performance.now();
  const child = spawnSync(
    'bash',
    ['-c', 'out=$("$@" 2>&1); status=$?; printf "%s\\n@@" "$out"; times; exit $status', 'bench', process.execPath, ...args],
    {
      encoding: 'utf8',
    },
  );
  const wallMs = performance.now() - started;
  const [output = '', times = ''] = child.stdout.split('@@');
  if (child.status !== 0 || (expect && !expect.test(output))) throw new Error(`${args.join(' ')} failed: ${output}${child.stderr}`);
  // The second line of `times` is the children's user and system time, e.g. "0m0.071s 0m0.012s".
  const line = times.trim().split('\n')[1] ?? '';
  const seconds = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (seconds.length !== 2) throw new Error(`Could not read the CPU time from bash's times: "${times}"`);
  return { wallMs, cpuMs: (seconds[0]! + seconds[1]!) * 1000 };
}

/** Medians of interleaved runs (the machine's noise hits both sides alike), and their ratio. */
export function compare(
  label: string,
  subject: () => ChildRun,
  baseLabel: string,
  base: () => ChildRun,
  runs: number,
): Record<string, unknown> {
  const ours: ChildRun[] = [];
  const bare: ChildRun[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(subject());
    bare.push(base());
  }
  const cpu = (xs: ChildRun[]) => median(xs.map((r) => r.cpuMs));
  const wall = (xs: ChildRun[]) => median(xs.map((r) => r.wallMs));
  return {
    [`${label}, CPU (ms, median of ${runs})`]: Math.round(cpu(ours)),
    [`${baseLabel}, CPU (ms, median of ${runs})`]: Math.round(cpu(bare)),
    'ratio, CPU time (user + system)': round(cpu(ours) / cpu(bare), 2),
    [`${label}, wall (ms, median)`]: Math.round(wall(ours)),
    [`${baseLabel}, wall (ms, median)`]: Math.round(wall(bare)),
    'ratio, wall time': round(wall(ours) / wall(bare), 2),
  };
}

/** The budget's reference: a bare `node` script that loads better-sqlite3 and opens the file given to it. */
function bareOpenScript(dir: string): string {
  const script = join(dir, 'open.mjs');
  writeFileSync(
    script,
    `import Database from ${JSON.stringify(join(root, 'node_modules/better-sqlite3/lib/index.js'))};\nconst db = new Database(process.argv[2]);\ndb.prepare('SELECT 1').get();\ndb.close();\n`,
  );
  return script;
}

export function cliStartupBench(): Record<string, unknown> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-cli-'));
  const file = join(dataDir, 'bench.hds');
  runNode([CLI, 'projects', 'create', 'Bench', '--file', file, '--data-dir', dataDir], /Created/);
  const bare = bareOpenScript(dataDir);
  const info = () => runNode([CLI, 'projects', 'info', '--project', file, '--data-dir', dataDir], /Bench/);
  const open = () => runNode([bare, file]);
  // A first run of each fills Node's compile cache; it is left out, as every later command finds it filled.
  info();
  open();
  const out = { ...compare('CLI projects info', info, 'bare better-sqlite3 open', open, 15), budget: 'CPU ratio at most 2 (issue #17)' };
  printSection('CLI start-up: a no-op command (open a project, print its info) against a bare better-sqlite3 open', out);
  return out;
}

/**
 * `npm run bench -- cli-large`: the same no-op command on a project of 100,000 sessions (~1.4M turns), against the
 * same bare open. Opening checks the whole file (PRAGMA quick_check), so this shows what that check costs a project
 * of real size; the budget above is measured on an empty project.
 */
export function cliLargeProjectBench(): Record<string, unknown> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-cli-large-'));
  const file = join(dataDir, 'big.hds');
  runNode([CLI, 'projects', 'create', 'Big', '--file', file, '--data-dir', dataDir], /Created/);
  buildBigLibrary(file);
  const bare = bareOpenScript(dataDir);
  const info = () => runNode([CLI, 'projects', 'info', '--project', file, '--data-dir', dataDir], /100000/);
  const open = () => runNode([bare, file]);
  info();
  open();
  // The bare open again, with the check opening a project runs on the whole file.
  const checked = runNode([
    '-e',
    `const D = require(${JSON.stringify(join(root, 'node_modules/better-sqlite3'))}); const db = new D(process.argv[1]); db.pragma('quick_check(1)'); db.close();`,
    file,
  ]);
  const out = {
    ...compare('CLI projects info', info, 'bare better-sqlite3 open', open, 5),
    'bare open + PRAGMA quick_check, CPU (ms)': Math.round(checked.cpuMs),
    'project file (MB)': Math.round(statSync(file).size / 2 ** 20),
  };
  printSection('CLI start-up on a project of 100,000 sessions (the same no-op command and bare open)', out);
  return out;
}
