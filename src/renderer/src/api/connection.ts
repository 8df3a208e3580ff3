import type { Transport } from '../../../shared/api/client';
import { createHttpTransport } from './httpTransport';

export type LinkState = 'connecting' | 'open' | 'reconnecting' | 'lost';

/** A transport plus what the UI needs to know about the link under it. */
export interface Connection {
  host: 'desktop' | 'browser';
  transport: Transport;
  /** Called when the event stream comes back after a drop: events may have been missed. */
  onReconnect(listener: () => void): () => void;
  onLinkState(listener: (state: LinkState) => void): () => void;
  linkState(): LinkState;
  /** Browser mode: the token no longer works (the server restarted). */
  forget(): void;
  /** Browser mode only: saves a file or folder the app wrote (a folder as a zip) through the browser's downloads. */
  download?(path: string): Promise<void>;
}

export type ConnectionChoice = { kind: 'ready'; connection: Connection } | { kind: 'noToken' };

const TOKEN_KEY = 'hds.token';

/**
 * The desktop app's preload gives us `window.bridge`; otherwise we are in browser mode and talk HTTP
 * with the per-launch token from the address `npm run serve` printed. The token is moved from the
 * address bar to sessionStorage so it is not left in history or shown on screen.
 */
export function chooseConnection(): ConnectionChoice {
  const bridge = window.bridge;
  if (bridge) {
    return {
      kind: 'ready',
      connection: {
        host: 'desktop',
        transport: bridge,
        onReconnect: () => () => undefined,
        onLinkState: () => () => undefined,
        linkState: () => 'open',
        forget: () => undefined,
      },
    };
  }
  const token = takeToken();
  if (!token) return { kind: 'noToken' };
  return { kind: 'ready', connection: createHttpTransport(token, () => sessionStorage.removeItem(TOKEN_KEY)) };
}

function takeToken(): string | null {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const search = params.toString();
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`,
    );
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}
