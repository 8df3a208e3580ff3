import { app, dialog } from 'electron';
import { APP_NAME } from '../version';
import { registerAppScheme } from './appProtocol';
import type { MainWindow } from './window';

const APP_ID = 'org.hybriddatastudio.app';
/** Long enough for jobs to record themselves as interrupted; a hung close must not trap the app. */
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Everything that must happen before `ready`. The data folder doubles as Chromium's profile folder,
 * so two test runs with different HDS_DATA_DIR values hold different single-instance locks.
 * Returns false, and quits, when another instance already owns this data folder.
 */
export function prepareApp(dataDir: string): boolean {
  app.setName(APP_NAME);
  app.setPath('userData', dataDir);
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  app.enableSandbox();
  registerAppScheme();
  if (app.requestSingleInstanceLock()) return true;
  app.quit();
  return false;
}

/** A second launch focuses the open window; closing the last window quits, except on macOS. */
export function followWindowConventions(mainWindow: MainWindow): void {
  app.on('second-instance', () => mainWindow.focus());
  app.on('activate', () => mainWindow.open());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

/**
 * Holds the quit until `close` has finished (running jobs become `interrupted`, pending key writes
 * land), then quits for real. A close that fails or hangs is logged and the app quits anyway.
 */
export function closeBeforeQuit(close: () => Promise<void>): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`closing took longer than ${CLOSE_TIMEOUT_MS / 1000} s`)), CLOSE_TIMEOUT_MS);
    });
    Promise.race([close(), timeout])
      .catch((err: unknown) => console.error(`Quitting without a clean close: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        clearTimeout(timer);
        state = 'closed';
        app.quit();
      });
  });
}

/** Start-up failed before a window could show it: say so in a native box and exit. */
export function reportStartupFailure(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error(err);
  dialog.showErrorBox(`${APP_NAME} could not start`, message);
  app.exit(1);
}
