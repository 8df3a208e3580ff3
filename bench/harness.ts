// What most bench parts start with: a backend in this process over a temporary data folder, and the fake
// OpenAI-compatible provider (test/support) in a process of its own, so its work is not counted as ours.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createBackend, type Backend } from '../src/main/backend';
import { MemorySecretStore } from '../src/main/core/secrets/memorySecretStore';
import { JsonFileSettingsStore } from '../src/main/core/settings/settingsStore';
import { createTypedClient } from '../src/shared/api/client';

/** A backend with no project open, its settings in `dataDir` and its log silenced, and a typed client of it. */
export async function benchBackend(dataDir: string) {
  const backend: Backend = await createBackend({
    host: 'test',
    dataDir,
    secrets: new MemorySecretStore(),
    settings: new JsonFileSettingsStore(join(dataDir, 's.json')),
    openAtStartup: false,
    logSink: { write: () => undefined },
  });
  const client = createTypedClient({ call: backend.call, subscribe: backend.subscribe });
  return { backend, client, api: client.api };
}

/** Starts the fake provider with extra arguments (`--latency MS`) and the key it accepts; resolves with its base URL. */
export async function spawnFakeProvider(args: readonly string[] = [], key = 'sk-bench'): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '..', 'test', 'support', 'fakeLlmMain.ts'), '--port', '0', ...args, '--api-key', key],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve) =>
    child.stdout!.on('data', (c: Buffer) => {
      const m = /http:\/\/127\.0\.0\.1:\d+\/v1/.exec(c.toString());
      if (m) resolve(m[0]);
    }),
  );
  return { process: child, url };
}
