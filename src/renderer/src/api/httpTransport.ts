import type { ApiEvent, ApiResult } from '../../../shared/api';
import { isApiErrorBody } from '../../../shared/api/result';
import type { Connection, LinkState } from './connection';
import { downloadBlob } from '../lib/downloadBlob';

/** How long to wait before opening a new event stream after the server closed it for good. */
const RETRY_CLOSED_MS = 5_000;

const unreachable: ApiResult<never> = {
  ok: false,
  error: {
    code: 'INTERNAL',
    message: 'Could not reach the Hybrid Data Studio server. Check that `npm run serve` is still running, then try again.',
  },
};

/**
 * Browser mode: calls are `POST /api/call` with the token in a header; events arrive over one shared
 * EventSource. EventSource reconnects by itself after a network drop; when it does, the caller is
 * told so it can refetch whatever it may have missed.
 */
export function createHttpTransport(token: string, forgetToken: () => void): Connection {
  const listeners = new Set<(event: ApiEvent) => void>();
  const reconnectListeners = new Set<() => void>();
  const stateListeners = new Set<(state: LinkState) => void>();
  let source: EventSource | null = null;
  let everOpened = false;
  let state: LinkState = 'connecting';
  let retryTimer: number | undefined;

  const setState = (next: LinkState) => {
    if (next === state) return;
    state = next;
    for (const l of stateListeners) l(next);
  };

  const open = () => {
    const es = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source = es;
    es.onopen = () => {
      const again = everOpened;
      everOpened = true;
      setState('open');
      if (again) for (const l of reconnectListeners) l();
    };
    es.onmessage = (message: MessageEvent<string>) => {
      let event: ApiEvent;
      try {
        event = JSON.parse(message.data) as ApiEvent;
      } catch {
        return;
      }
      for (const l of listeners) l(event);
    };
    es.onerror = () => {
      if (es.readyState === EventSource.CLOSED) {
        // The server refused the stream (a restart changes the token) or is gone: try again later.
        setState('lost');
        es.close();
        source = null;
        window.clearTimeout(retryTimer);
        retryTimer = window.setTimeout(() => {
          if (listeners.size > 0) open();
        }, RETRY_CLOSED_MS);
      } else {
        setState('reconnecting');
      }
    };
  };

  return {
    host: 'browser',
    transport: {
      async call(method, input) {
        let response: Response;
        try {
          response = await fetch('/api/call', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-hds-token': token },
            body: JSON.stringify({ method, input }),
          });
        } catch {
          return unreachable;
        }
        let body: unknown;
        try {
          body = await response.json();
        } catch {
          return {
            ok: false,
            error: { code: 'INTERNAL', message: `The server answered with status ${response.status} and no readable reply.` },
          };
        }
        if (isApiResult(body)) return body;
        return { ok: false, error: { code: 'INTERNAL', message: 'The server sent a reply this version of the app does not understand.' } };
      },
      subscribe(listener) {
        listeners.add(listener);
        if (!source) open();
        return () => {
          listeners.delete(listener);
          if (listeners.size === 0 && source) {
            source.close();
            source = null;
          }
        };
      },
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    onLinkState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    linkState: () => state,
    forget: forgetToken,
    async download(path) {
      const response = await fetch('/api/download', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hds-token': token },
        body: JSON.stringify({ path }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The server could not send the file (status ${response.status}).`);
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
      downloadBlob(await response.blob(), name);
    },
  };
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  return v.ok === true ? 'value' in v : v.ok === false && isApiErrorBody(v.error);
}
