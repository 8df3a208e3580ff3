import { resolve } from 'node:path';
import { app, session } from 'electron';
import { serveRenderer } from './electron/appProtocol';
import { startBackendProcess } from './electron/backendProcess';
import { desktopApi } from './electron/desktopApi';
import { connectIpc } from './electron/ipcTransport';
import { closeBeforeQuit, followWindowConventions, prepareApp, reportStartupFailure } from './electron/lifecycle';
import { installMenu } from './electron/menu';
import { denyPermissions, guardNavigation } from './electron/navigationGuard';
import { rendererDir } from './electron/paths';
import { rendererOrigin } from './electron/rendererOrigin';
import { SafeStorageSecretStore } from './electron/safeStorageSecretStore';
import { MainWindow } from './electron/window';
import { defaultDataDir } from './hostPaths';

// The Electron app: the shared backend behind a sandboxed window. Each step lives in src/main/electron.
const dataDir = resolve(defaultDataDir(process.env));
const origin = rendererOrigin(process.env, app.isPackaged);

if (prepareApp(dataDir)) {
  guardNavigation(origin);
  app.whenReady().then(start).catch(reportStartupFailure);
}

async function start(): Promise<void> {
  serveRenderer(rendererDir());
  denyPermissions(session.defaultSession, origin);
  const mainWindow = new MainWindow(origin);
  const secrets = await SafeStorageSecretStore.open(dataDir);
  // The backend runs in its own utility process; keys stay encrypted by this one (safeStorage).
  const backend = await startBackendProcess({ dataDir, env: process.env, secrets, desktop: desktopApi(mainWindow) });
  const disconnect = connectIpc(backend, mainWindow, origin);
  closeBeforeQuit(async () => {
    await backend.close();
    await secrets.flush();
    disconnect();
  });
  installMenu(mainWindow);
  followWindowConventions(mainWindow);
  mainWindow.open();
}
