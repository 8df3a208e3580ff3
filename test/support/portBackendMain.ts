// The backend process's entry, served over a Node MessageChannel in plain Node with Electron forbidden
// (see forbidElectron.mjs), asked for app.info from the other end, then closed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { serveOverPort } from '../../src/main/backendProcess';
import { MemorySecretStore } from '../../src/main/core/secrets/memorySecretStore';
import { nodePort } from '../../src/main/rpc/portTransport';
import { connectRemoteBackend } from '../../src/main/rpc/remoteBackend';

const { port1, port2 } = new MessageChannel();
serveOverPort(nodePort(port1), () => undefined);
const backend = await connectRemoteBackend(nodePort(port2), {
  dataDir: mkdtempSync(join(tmpdir(), 'hds-port-plain-')),
  env: {},
  secrets: new MemorySecretStore(),
}).ready;
const reply = await backend.call('app.info', {});
await backend.close();
port1.close();
port2.close();
console.log(JSON.stringify(reply));
