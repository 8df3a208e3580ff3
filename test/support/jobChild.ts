// A real backend in its own process, for crash tests: it creates or opens a project, starts or resumes a persona
// generation job, prints one JSON line per step, and exits when the job settles. The parent kills it
// with SIGKILL wherever it likes. With `crashAfterStores: N` it kills itself during the Nth persona
// write, which is exactly the point between "the item's rows are written" and "the item is marked done".
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend } from '../../src/main/backend';
import { PersonasRepo } from '../../src/main/core/generation/personasRepo';
import { KeyFileSecretStore } from '../../src/main/core/secrets/keyFileSecretStore';
import { JsonFileSettingsStore } from '../../src/main/core/settings/settingsStore';
import { createTypedClient } from '../../src/shared/api/client';
import { CHILD_JOB_SEED } from './crashHarness';

export interface JobChildConfig {
  dataDir: string;
  projectFile: string;
  /**
   * start: add the fake provider and start a job of `count` personas; resume: resume `jobId`; createThenDie: create the
   * project and SIGKILL itself; import: import `paths` (creating the project if need be) as the app does, counting the
   * tokens of each file's sessions in the background as it lands.
   */
  action: 'start' | 'resume' | 'createThenDie' | 'import';
  paths?: string[];
  fakeUrl: string;
  key: string;
  count?: number;
  concurrency?: number;
  jobId?: string;
  crashAfterStores?: number;
}

const config = JSON.parse(process.argv[2]!) as JobChildConfig;
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

if (config.crashAfterStores !== undefined) {
  const insert = PersonasRepo.prototype.insert;
  let stores = 0;
  PersonasRepo.prototype.insert = function (this: PersonasRepo, ...args: Parameters<typeof insert>) {
    insert.apply(this, args);
    if (++stores === config.crashAfterStores) process.kill(process.pid, 'SIGKILL');
  };
}

const backend = await createBackend({
  host: 'test',
  dataDir: config.dataDir,
  secrets: new KeyFileSecretStore(join(config.dataDir, 'keys.json')),
  settings: new JsonFileSettingsStore(join(config.dataDir, 'settings.json')),
  openAtStartup: false,
  countTokensInBackground: config.action === 'import',
  logSink: { write: (level, line) => level === 'error' && process.stderr.write(`${line}\n`) },
});
const { api } = createTypedClient({ call: (method, input) => backend.call(method, input), subscribe: (l) => backend.subscribe(l) });

let jobId: string;
if (config.action === 'createThenDie') {
  await api.projects.create({ name: 'Killed after create', file: config.projectFile });
  say({ event: 'created' });
  process.kill(process.pid, 'SIGKILL');
}
if (config.action === 'import') {
  if (existsSync(config.projectFile)) await api.projects.open({ file: config.projectFile });
  else await api.projects.create({ name: 'Import crash test', file: config.projectFile });
  jobId = (await api.imports.start({ paths: config.paths ?? [] })).id;
} else if (config.action === 'start') {
  await api.projects.create({ name: 'Crash test', file: config.projectFile });
  const provider = await api.providers.add({
    name: 'Fake',
    preset: 'openai',
    baseUrl: config.fakeUrl,
    concurrency: config.concurrency ?? 4,
  });
  await api.providers.setKey({ id: provider.id, key: config.key });
  const job = await api.personas.generate({
    count: config.count ?? 10,
    providerId: provider.id,
    model: 'gpt-4o-mini',
    distortions: ['mind-reading', 'catastrophizing', 'labeling'],
    styles: ['plain', 'upset'],
    seed: CHILD_JOB_SEED,
    similarityThreshold: 1,
  });
  jobId = job.id;
} else {
  await api.projects.open({ file: config.projectFile });
  // Keys last for the session only, as a person who did not tick "remember" would have it.
  for (const provider of await api.providers.list()) await api.providers.setKey({ id: provider.id, key: config.key });
  jobId = config.jobId!;
  await api.jobs.resume({ id: jobId });
}
say({ event: 'running', jobId });

for (;;) {
  const job = await api.jobs.get({ id: jobId });
  if (job.status !== 'running' && job.status !== 'queued') {
    say({ event: 'settled', jobId, status: job.status, done: job.done, failed: job.failed, total: job.total });
    break;
  }
  await new Promise((r) => setTimeout(r, 25));
}
await backend.close();
