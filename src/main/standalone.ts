import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBackend } from './backend';
import { KeyFileSecretStore } from './core/secrets/keyFileSecretStore';
import { JsonFileSettingsStore } from './core/settings/settingsStore';
import { defaultDataDir } from './hostPaths';
import { startHttpHost } from './rpc/httpHost';

/** Browser mode: the same backend and renderer, served on 127.0.0.1 for a browser on this machine. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      project: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log('Usage: npm run serve -- [--port N] [--project FILE] [--data-dir DIR]');
    return;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const backend = await createBackend({
    host: 'browser',
    dataDir,
    countTokensInBackground: true,
    secrets: new KeyFileSecretStore(join(dataDir, 'keys.json')),
    settings: new JsonFileSettingsStore(join(dataDir, 'settings.json')),
    projectFile: values.project,
    env: process.env,
  });
  const host = await startHttpHost({
    backend,
    staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    token: randomBytes(24).toString('base64url'),
    port: values.port ? Number(values.port) : 0,
    filesRoot: dataDir,
    onError: (message, err) =>
      console.error(backend.scrub(`${message}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)),
  });
  // A bug anywhere in the host is logged and the server keeps serving: jobs running here must not die with it.
  process.on('uncaughtException', (err) =>
    console.error(backend.scrub(`browser mode: unexpected error, still serving: ${err.stack ?? err.message}`)),
  );
  process.on('unhandledRejection', (err) =>
    console.error(
      backend.scrub(`browser mode: unexpected error, still serving: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
    ),
  );
  console.log(`Hybrid Data Studio is running in browser mode.\nOpen: ${host.url}\nPress Ctrl+C to stop.`);

  const stop = async () => {
    await host.close();
    await backend.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(`Could not start browser mode: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
