import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { ApiResult } from '../../shared/api/result';
import type { Backend } from '../backend';
import { API_CALL_CHANNEL, API_EVENT_CHANNEL } from '../../preload/channels';
import type { MainWindow } from './window';
import type { RendererOrigin } from './rendererOrigin';

const unauthorized: ApiResult<never> = {
  ok: false,
  error: { code: 'UNAUTHORIZED', message: 'Only the app window may call the backend.' },
};

/**
 * The Electron transport: calls arrive on `api:call`, events leave on `api:event`, and nothing else
 * crosses the process boundary. Every call must come from the main frame of the app window while it
 * shows the app's own page; input validation is the dispatcher's job. Returns a disconnect function.
 */
export function connectIpc(backend: Backend, mainWindow: MainWindow, origin: RendererOrigin): () => void {
  ipcMain.handle(API_CALL_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    if (!isAppFrame(event, mainWindow, origin)) {
      console.warn(`Refused a backend call from ${event.senderFrame?.url || 'an unknown frame'}.`);
      return unauthorized;
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'The method name must be a string.' } };
    }
    try {
      return await backend.call(method, input);
    } catch (err) {
      // The dispatcher answers every failure itself; this only guards the process boundary.
      console.error(
        backend.scrub(`${method} failed outside the dispatcher: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
      );
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside the app. Please try again.' } };
    }
  });

  const unsubscribe = backend.subscribe((event) => {
    const contents = mainWindow.get()?.webContents;
    if (!contents || contents.isDestroyed() || !origin.isTrusted(contents.getURL())) return;
    contents.send(API_EVENT_CHANNEL, event);
  });

  return () => {
    ipcMain.removeHandler(API_CALL_CHANNEL);
    unsubscribe();
  };
}

function isAppFrame(event: IpcMainInvokeEvent, mainWindow: MainWindow, origin: RendererOrigin): boolean {
  const window = mainWindow.get();
  const frame = event.senderFrame;
  if (!window || !frame || frame.isDestroyed() || frame.parent !== null) return false;
  const mainFrame = window.webContents.mainFrame;
  if (event.sender.id !== window.webContents.id) return false;
  // Compare ids rather than wrapper objects: two WebFrameMain wrappers may name the same frame.
  if (
    frame.frameTreeNodeId !== mainFrame.frameTreeNodeId ||
    frame.processId !== mainFrame.processId ||
    frame.frameToken !== mainFrame.frameToken
  )
    return false;
  return origin.isTrusted(frame.url);
}
