import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProjectFile } from '../../src/main/core/db/openProject';
import { EventBus } from '../../src/main/core/events';
import { ApiKeys } from '../../src/main/core/llm/apiKeys';
import { OpenProject } from '../../src/main/core/projects/openProject';
import { seedNewProject } from '../../src/main/core/projects/seedProject';
import { MemorySecretStore } from '../../src/main/core/secrets/memorySecretStore';
import { MemorySettingsStore } from '../../src/main/core/settings/settingsStore';
import { createLogger } from '../../src/main/core/util/logger';
import { providerPresets } from '../../src/shared/domain/providerPresets';

/** A new, seeded project file opened on its own: no ProjectManager, no backend, no job handlers. */
export function bareProject(): { project: OpenProject; events: EventBus } {
  const file = join(mkdtempSync(join(tmpdir(), 'hds-parts-')), 'p.hds');
  const { db } = createProjectFile(file);
  const events = new EventBus();
  const keys = new ApiKeys(new MemorySecretStore(), {}, new MemorySettingsStore());
  const quiet = { write: () => {} };
  const project = new OpenProject(
    db,
    file,
    keys,
    events,
    createLogger(quiet, (t) => t),
  );
  seedNewProject(project, 'Parts');
  return { project, events };
}

/**
 * The project seen through the named parts only: reading any other member throws, naming it. Hands an API
 * exactly what its signature declares, so a test shows it needs no more at run time either.
 */
export function onlyParts<K extends keyof OpenProject>(project: OpenProject, parts: readonly K[]): Pick<OpenProject, K> {
  const allowed = new Set<PropertyKey>(parts);
  return new Proxy(project, {
    get(target, key, receiver) {
      // `then` is probed when a value is awaited; it is not a part.
      if (typeof key === 'string' && !allowed.has(key) && key !== 'then')
        throw new Error(`read "${key}", which is not among the parts it was given (${parts.join(', ')})`);
      return Reflect.get(target, key, receiver);
    },
  });
}

/** A keyless provider row for the project; calls go to `baseUrl` (the fake OpenAI-compatible server in tests that call). */
export function addProvider(project: OpenProject, id: string, baseUrl = 'http://127.0.0.1:9/v1', concurrency = 4): void {
  const preset = providerPresets.find((p) => p.id === 'custom')!;
  const now = Date.now();
  project.providers.insert({
    id,
    name: `Provider ${id}`,
    preset: preset.id,
    baseUrl,
    apiKeyEnv: null,
    concurrency,
    timeoutMs: 10_000,
    maxRetries: 0,
    capabilities: { ...preset.capabilities, batches: true },
    createdAt: now,
    updatedAt: now,
  });
}
