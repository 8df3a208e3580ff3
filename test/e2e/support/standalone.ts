import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface Standalone {
  /** The address with its access token, exactly as the server printed it. */
  url: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;

/** The environment for an app under test: the developer's real provider keys stay out of it. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/_API_KEY$/.test(name) && !name.startsWith('HDS_')) env[name] = value;
  }
  return { ...env, ...extra };
}

/** Starts the built browser-mode server on a free port with its own data folder. */
export async function startStandalone(dataDir: string): Promise<Standalone> {
  const entry = resolve('out/main/standalone.js');
  if (!existsSync(entry))
    throw new Error('out/main/standalone.js is missing. Build first: npm run build (npm run test:e2e does it for you).');
  // Fine-tunes on the fake server take a second or two; the default 15 s between polls would make specs wait.
  const env = cleanEnv({ HDS_TRAINING_POLL_MS: '100' });
  const child = spawn(process.execPath, [entry, '--port', '0', '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // Keep reading so a chatty server never blocks on a full pipe; keep only the tail for error messages.
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The server did not print its address within ${READY_TIMEOUT_MS / 1000} s:\n${output}`)),
      READY_TIMEOUT_MS,
    );
    const onData = () => {
      const match = /Open: (http:\/\/\S+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolveUrl(match[1]);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (code ${code}) before it was ready:\n${output}`));
    });
  });
  return { url, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
