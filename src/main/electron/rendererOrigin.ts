/** The app's own origin: the built renderer served by the `app://` protocol (see appProtocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Where the window loads the renderer from, and which URLs count as the app itself. */
export interface RendererOrigin {
  readonly startUrl: string;
  /** True for the app's own pages only: they alone may call the backend, navigate, or be granted anything. */
  isTrusted(url: string): boolean;
}

/**
 * The packaged app only ever trusts `app://bundle`. An unpackaged build run by `electron-vite dev`
 * also trusts the dev server it names in ELECTRON_RENDERER_URL, and only when that is a loopback
 * http address: an environment variable must never be able to point the app, and the bridge, at a
 * remote site.
 */
export function rendererOrigin(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): RendererOrigin {
  const devUrl = isPackaged ? null : loopbackDevUrl(env.ELECTRON_RENDERER_URL);
  const devOrigin = devUrl?.origin ?? null;
  return {
    startUrl: devUrl?.href ?? APP_START_URL,
    isTrusted(url: string): boolean {
      const parsed = parseUrl(url);
      if (!parsed) return false;
      // WHATWG URL reports the origin of a custom scheme as "null", so compare scheme and host.
      if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
      return devOrigin !== null && parsed.origin === devOrigin;
    },
  };
}

function loopbackDevUrl(value: string | undefined): URL | null {
  if (!value) return null;
  const url = parseUrl(value);
  if (url && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) && !url.username && !url.password) return url;
  console.warn('Ignoring ELECTRON_RENDERER_URL: only an http://localhost dev server is allowed.');
  return null;
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
