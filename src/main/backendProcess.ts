// The Electron app's backend, run in a utility process so no heavy call ever stalls the app's main
// process (windows, menus, IPC). It speaks the backend transport over the process's port
// (rpc/portTransport.ts). Like browser mode and the CLI it never imports electron: safeStorage and
// dialogs stay in the app's process and are asked for over the same port.
import { join } from 'node:path';
import type { DesktopApi } from '../shared/api/desktop';
import { ApiError, type ErrorCode } from '../shared/api/result';
import type { KeyStorage } from '../shared/domain/provider';
import { createBackend, type Backend } from './backend';
import { MirroredSecretStore } from './core/secrets/mirroredSecretStore';
import { JsonFileSettingsStore } from './core/settings/settingsStore';
import { serveBackend, type Port, type PortPeer } from './rpc/portTransport';
import type { BackendStart } from './rpc/remoteBackend';

/** A call to the app's process, as a value or the error it answered. */
async function ask(peer: PortPeer, method: string, input: unknown): Promise<unknown> {
  const result = await peer.host(method, input);
  if (!result.ok) throw new ApiError(result.error.code as ErrorCode, result.error.message);
  return result.value;
}

/** Serves the backend over `port` once the app's process sends its start options; `exit` ends the process after a close. */
export function serveOverPort(port: Port, exit: () => void): void {
  let resolveBackend: (backend: Backend) => void;
  let rejectBackend: (err: unknown) => void;
  const backend = new Promise<Backend>((resolve, reject) => {
    resolveBackend = resolve;
    rejectBackend = reject;
  });
  // Calls that arrive before the start options wait for the backend, so nothing races the start.
  backend.catch(() => undefined);
  const peer: PortPeer = serveBackend(port, backend, async (method, input) => {
    if (method === 'start') {
      const start = input as BackendStart;
      try {
        const desktop: DesktopApi | undefined = start.desktop
          ? {
              'desktop.chooseFile': async (i) => (await ask(peer, 'desktop.chooseFile', i)) as { file: string | null },
              'desktop.revealInFolder': async (i) => (await ask(peer, 'desktop.revealInFolder', i)) as null,
            }
          : undefined;
        resolveBackend(
          await createBackend({
            host: 'electron',
            dataDir: start.dataDir,
            countTokensInBackground: true,
            // The same settings.json that browser mode and the CLI use.
            settings: new JsonFileSettingsStore(join(start.dataDir, 'settings.json')),
            secrets: new MirroredSecretStore(
              start.secrets,
              async (change) => (await ask(peer, 'secrets.change', change)) as KeyStorage | null,
            ),
            env: start.env,
            ...(desktop ? { desktop } : {}),
          }),
        );
        return { ok: true, value: null };
      } catch (err) {
        rejectBackend(err);
        return { ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
      }
    }
    if (method === 'close') {
      await (await backend).close();
      setImmediate(exit);
      return { ok: true, value: null };
    }
    return { ok: false, error: { code: 'NOT_FOUND', message: `The backend process has no host call ${method}.` } };
  });
}

/** The port Electron gives a utility process, typed here so that nothing imports electron. */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  off(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (parentPort)
  serveOverPort(
    {
      postMessage: (message) => parentPort.postMessage(message),
      onMessage: (listener) => {
        const onMessage = (event: { data: unknown }) => listener(event.data);
        parentPort.on('message', onMessage);
        return () => parentPort.off('message', onMessage);
      },
    },
    () => process.exit(0),
  );
