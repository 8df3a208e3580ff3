import type { ApiEvent, ApiResult } from '../../shared/api';

/** What the Electron preload exposes, and nothing more (see src/preload). */
export interface Bridge {
  call(method: string, input: unknown): Promise<ApiResult<unknown>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}

declare global {
  interface Window {
    /** Present only inside the desktop app. */
    bridge?: Bridge;
  }
}
