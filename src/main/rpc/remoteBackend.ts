// The app's side of a backend that runs in another process (the Electron app's utility process): it
// starts the backend there over a port, answers what only the app's process can do (native dialogs,
// storing a key with safeStorage), and hands the host transport a `Backend` like any local one.
import type { DesktopApi } from '../../shared/api/desktop';
import type { ApiResult } from '../../shared/api/result';
import type { Backend } from '../backend';
import { snapshotOf, type ListableSecretStore, type SecretChange, type SecretsSnapshot } from '../core/secrets/mirroredSecretStore';
import { PortPeer, remoteBackend, type Port, type Serve } from './portTransport';

/** What the backend's process needs to start: the options of `createBackend` that are plain data. */
export interface BackendStart {
  dataDir: string;
  env: Record<string, string | undefined>;
  secrets: SecretsSnapshot;
  /** Whether the app's process answers the `desktop` group (native dialogs). */
  desktop: boolean;
}

export interface RemoteBackendOptions {
  dataDir: string;
  env: Record<string, string | undefined>;
  /** The store that keeps keys for real, in this process. */
  secrets: ListableSecretStore;
  desktop?: DesktopApi;
}

const ok = (value: unknown): ApiResult<unknown> => ({ ok: true, value });

/** The host calls the backend's process may make of this one. */
function hostCalls(options: RemoteBackendOptions): Serve {
  const desktop = options.desktop as Record<string, ((input: unknown) => Promise<unknown>) | undefined> | undefined;
  return async (method, input) => {
    if (method === 'secrets.change') {
      const change = input as SecretChange;
      if (change.op === 'delete') {
        options.secrets.delete(change.name);
        return ok(null);
      }
      return ok(options.secrets.set(change.name, change.value, { persist: change.persist }));
    }
    const handler = method.startsWith('desktop.') ? desktop?.[method] : undefined;
    if (!handler) return { ok: false, error: { code: 'NOT_FOUND', message: `This app does not offer ${method}.` } };
    try {
      return ok(await handler(input));
    } catch (err) {
      const e = err as { code?: unknown; message?: string };
      return {
        ok: false,
        error: { code: e.code === 'INVALID_INPUT' || e.code === 'NOT_FOUND' ? e.code : 'INTERNAL', message: e.message ?? String(err) },
      };
    }
  };
}

/**
 * Starts the backend on the other end of `port`: `ready` resolves once it answers. `stopped` is for the
 * port's owner to call when that process exits: every waiting and later call (the start included)
 * fails with the reason. The backend's `close` stops it cleanly (running jobs recorded as interrupted).
 */
export function connectRemoteBackend(
  port: Port,
  options: RemoteBackendOptions,
): { ready: Promise<Backend>; stopped: (reason: string) => void } {
  const peer = new PortPeer(port, { host: hostCalls(options) });
  const start: BackendStart = {
    dataDir: options.dataDir,
    env: options.env,
    secrets: snapshotOf(options.secrets),
    desktop: Boolean(options.desktop),
  };
  const ready = peer.host('start', start).then((started) => {
    if (!started.ok) throw new Error(`The backend could not start: ${started.error.message}`);
    return remoteBackend(peer, async () => {
      await peer.host('close');
      peer.close('The backend has stopped.');
    });
  });
  return { ready, stopped: (reason) => peer.close(reason) };
}
