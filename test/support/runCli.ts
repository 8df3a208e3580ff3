import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  stdin?: string;
  /** Stop reading after the first chunk, as `| head` does. */ readFirstChunkOnly?: boolean;
  /** Modules loaded before the CLI, as `node --import` does (crash tests use one to die at a chosen point). */
  preload?: string[];
  /** A command still running after this long is killed and reported with its output, rather than left to time the test out. */
  timeoutMs?: number;
}

/** Starts the real CLI entry (through tsx, so no build is needed) in its own process, which the caller may kill. */
export function startCli(
  args: string[],
  options: CliOptions = {},
): { child: ChildProcess; done: Promise<CliRun & { signal: NodeJS.Signals | null }> } {
  const preload = (options.preload ?? []).flatMap((p) => ['--import', p]);
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload, join(root, 'src/main/cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c) => {
    stdout += c;
    if (options.readFirstChunkOnly) child.stdout!.destroy();
  });
  child.stderr!.on('data', (c) => (stderr += c));
  const done = new Promise<CliRun & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    // A killed process is done when it exits: a helper process it started (tsx's esbuild) may hold stderr open a while longer.
    child.on('exit', (code, signal) => signal && resolve({ code: -1, signal, stdout, stderr }));
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
  });
  child.stdin!.end(options.stdin ?? '');
  return { child, done };
}

/** Runs the real CLI entry (through tsx, so no build is needed) in its own process. */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const run = startCli(args, options);
  let overdue = false;
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          overdue = true;
          run.child.kill('SIGKILL');
        }, options.timeoutMs);
  const { code, stdout, stderr } = await run.done;
  clearTimeout(timer);
  if (overdue)
    throw new Error(`cli ${args.join(' ')} still ran after ${options.timeoutMs} ms, so it was killed; stderr: ${stderr.slice(-2000)}`);
  return { code, stdout, stderr };
}
