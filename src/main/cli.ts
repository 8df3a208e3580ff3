import { join } from 'node:path';
import { createTypedClient } from '../shared/api/client';
import type { Backend } from './backend';
import { findCommand } from './cli/commandIndex';
import { normalizeRedactFlag } from './cli/redactionCommands';
import { USAGE, UsageError } from './cli/usage';
import { KeyFileSecretStore } from './core/secrets/keyFileSecretStore';
import { JsonFileSettingsStore } from './core/settings/settingsStore';
import { fileLogSink } from './core/util/fileLogSink';
import { defaultDataDir } from './hostPaths';

// Not `import … from 'node:util'`: an ES import of a built-in evaluates all its lazy parts (util's diff and
// colours), a few ms of a short command's start-up.
const { parseArgs } = process.getBuiltinModule('node:util');

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

/** The CLI: the same backend as the app, for scripts and batch runs. */
async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: normalizeRedactFlag(argv),
      allowPositionals: true,
      options: {
        project: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        file: { type: 'string' },
        name: { type: 'string' },
        preset: { type: 'string' },
        'base-url': { type: 'string' },
        'key-env': { type: 'string' },
        concurrency: { type: 'string' },
        model: { type: 'string' },
        calls: { type: 'string' },
        'max-tokens': { type: 'string' },
        budget: { type: 'string' },
        status: { type: 'string' },
        limit: { type: 'string' },
        offset: { type: 'string' },
        all: { type: 'boolean' },
        columns: { type: 'string' },
        job: { type: 'string' },
        map: { type: 'string', multiple: true },
        tag: { type: 'string', multiple: true },
        redact: { type: 'string' },
        'pending-details': { type: 'boolean' },
        entity: { type: 'string' },
        search: { type: 'string' },
        source: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        provider: { type: 'string' },
        count: { type: 'string' },
        distortions: { type: 'string', multiple: true },
        styles: { type: 'string', multiple: true },
        'age-bands': { type: 'string', multiple: true },
        themes: { type: 'string', multiple: true },
        seed: { type: 'string' },
        mode: { type: 'string' },
        'per-scenario': { type: 'string' },
        short: { type: 'string' },
        medium: { type: 'string' },
        long: { type: 'string' },
        estimate: { type: 'boolean' },
        batch: { type: 'boolean' },
        again: { type: 'boolean' },
        'dataset-version': { type: 'string' },
        rubric: { type: 'string' },
        repeats: { type: 'string' },
        mix: { type: 'string' },
        'synthetic-share': { type: 'string' },
        total: { type: 'string' },
        validation: { type: 'string' },
        'min-score': { type: 'string' },
        'min-turns': { type: 'string' },
        'max-turns': { type: 'string' },
        'system-prompt': { type: 'string' },
        preview: { type: 'boolean' },
        note: { type: 'string' },
        version: { type: 'string' },
        epochs: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'base-model': { type: 'string' },
        trainer: { type: 'string' },
        suffix: { type: 'string' },
        'batch-size': { type: 'string' },
        'lr-multiplier': { type: 'string' },
        wait: { type: 'boolean' },
        import: { type: 'string' },
        generator: { type: 'string' },
        'per-cell': { type: 'string' },
        risk: { type: 'string' },
        freeze: { type: 'boolean' },
        arm: { type: 'string', multiple: true },
        simulator: { type: 'string' },
        'simulator-temperature': { type: 'string' },
        judge: { type: 'string' },
        formulation: { type: 'boolean' },
        turns: { type: 'string' },
        seeds: { type: 'string' },
        'judge-temperature': { type: 'string' },
        holm: { type: 'string' },
        difference: { type: 'string' },
        sd: { type: 'string' },
        'sd-a': { type: 'string' },
        'sd-b': { type: 'string' },
        correlation: { type: 'string' },
        power: { type: 'string' },
        arms: { type: 'string' },
        criteria: { type: 'string' },
        criterion: { type: 'string' },
        'same-size-as': { type: 'string' },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return values.help ? EXIT_OK : EXIT_USAGE;
  }
  const found = await findCommand(positionals);
  if (!found) {
    console.error(`Unknown command "${positionals.join(' ')}".\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { name, command } = found;
  const commandArgs = positionals.slice(name.split(' ').length);

  const dataDir = values['data-dir'] ?? defaultDataDir();
  let backend: Backend | null = null;
  try {
    // The backend (and everything it imports) loads only for a command that runs: not for --help or a usage error.
    const { createBackend } = await import('./backend');
    backend = await createBackend({
      host: 'cli',
      dataDir,
      secrets: new KeyFileSecretStore(join(dataDir, 'keys.json')),
      settings: new JsonFileSettingsStore(join(dataDir, 'settings.json')),
      openAtStartup: false,
      smallTasksHere: true,
      env: process.env,
      logSink: fileLogSink(join(dataDir, 'logs', 'cli.log')),
    });
    const client = createTypedClient({ call: backend.call, subscribe: backend.subscribe });
    if (name !== 'projects create') {
      const file = values.project ?? process.env.HDS_PROJECT ?? (await client.api.projects.recent())[0]?.file;
      if (!file) throw new UsageError('No project given. Pass --project FILE, or create one with: projects create NAME');
      await client.api.projects.open({ file });
    }
    const output = await command({
      client,
      args: commandArgs,
      options: values,
      readStdin,
      write: (text) => process.stdout.write(text),
      progress: (line) => {
        if (process.stderr.isTTY) process.stderr.write(`\r${line}\u001b[K`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
    if (!output.streamed) console.log(values.json ? JSON.stringify(output.data, null, 2) : output.text);
    return output.exitCode ? EXIT_FAILURE : EXIT_OK;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\nRun with --help for the commands.`);
      return EXIT_USAGE;
    }
    const message = err instanceof Error ? err.message : String(err);
    console.error(backend ? backend.scrub(message) : message);
    return EXIT_FAILURE;
  } finally {
    await backend?.close();
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// A reader that stops early (`sessions list --all | head`) closes the pipe: the output is no longer wanted, which is
// no error; the command stops quietly rather than with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2));
