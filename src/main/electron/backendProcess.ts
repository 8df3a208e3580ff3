import { utilityProcess } from 'electron';
import type { DesktopApi } from '../../shared/api/desktop';
import type { Backend } from '../backend';
import type { ListableSecretStore } from '../core/secrets/mirroredSecretStore';
import type { Port } from '../rpc/portTransport';
import { connectRemoteBackend } from '../rpc/remoteBackend';
import { backendProcessFile } from './paths';

/**
 * Runs the backend in a utility process (out/main/backendProcess.js) and connects to it over the
 * process's port: heavy calls then never stall this process, which draws the window and answers IPC.
 * A backend that dies fails every waiting and later call with a sentence saying to restart the app.
 */
export async function startBackendProcess(options: {
  dataDir: string;
  env: Record<string, string | undefined>;
  secrets: ListableSecretStore;
  desktop: DesktopApi;
}): Promise<Backend> {
  const child = utilityProcess.fork(backendProcessFile(), [], { serviceName: 'Hybrid Data Studio backend', stdio: 'inherit' });
  const port: Port = {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => {
      child.on('message', listener);
      return () => child.off('message', listener);
    },
  };
  const remote = connectRemoteBackend(port, options);
  let exited = false;
  let closing = false;
  child.once('exit', (code) => {
    exited = true;
    // After a clean close the process ends by itself: nothing to report.
    if (closing) return remote.stopped('The backend has stopped.');
    const reason = `The app's backend stopped (exit code ${code}). Quit and reopen the app; work in progress was saved and can be resumed.`;
    console.error(reason);
    remote.stopped(reason);
  });
  const backend = await remote.ready;
  return {
    ...backend,
    close: async () => {
      closing = true;
      if (!exited) await backend.close();
      if (!exited) child.kill();
    },
  };
}
