// Creates the whole backend in plain Node with Electron forbidden, and makes one call through it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../src/main/backend';
import { MemorySecretStore } from '../../src/main/core/secrets/memorySecretStore';
import { MemorySettingsStore } from '../../src/main/core/settings/settingsStore';

const backend = await createBackend({
  host: 'test',
  dataDir: mkdtempSync(join(tmpdir(), 'hds-plain-')),
  secrets: new MemorySecretStore(),
  settings: new MemorySettingsStore(),
  openAtStartup: true,
});
const reply = await backend.call('sessions.list', { source: 'sample' });
await backend.close();
console.log(JSON.stringify(reply));
