import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Transport } from '../shared/api/client';
import type { ApiEvent } from '../shared/api/events';
import type { ApiResult } from '../shared/api/result';
import { API_CALL_CHANNEL, API_EVENT_CHANNEL } from './channels';

/**
 * The whole surface the renderer gets: one call and one event stream, shaped as the typed client's
 * Transport. No Electron object, no channel name and no IPC event ever reaches the page.
 */
const bridge: Transport = {
  call: (method: string, input: unknown) => ipcRenderer.invoke(API_CALL_CHANNEL, method, input) as Promise<ApiResult<unknown>>,
  subscribe: (listener: (event: ApiEvent) => void) => {
    const handler = (_event: IpcRendererEvent, apiEvent: ApiEvent) => listener(apiEvent);
    ipcRenderer.on(API_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(API_EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('bridge', bridge);
