import { app, shell, type Session, type WebContents } from 'electron';
import type { RendererOrigin } from './rendererOrigin';

/**
 * Keeps every web contents on the app's own pages: navigation and redirects elsewhere are stopped,
 * new windows are never created (an https link opens in the person's browser instead), and
 * <webview> cannot be attached. Registered before any window exists, so it covers all of them.
 */
export function guardNavigation(origin: RendererOrigin): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, origin));
}

/**
 * Nothing the app does needs a browser permission (camera, notifications, geolocation, USB…), so
 * every request and check is refused. The single exception is writing plain text to the clipboard
 * from the app's own page, which copy buttons use (navigator.clipboard.writeText).
 */
export function denyPermissions(session: Session, origin: RendererOrigin): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permission === 'clipboard-sanitized-write' && origin.isTrusted(details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return permission === 'clipboard-sanitized-write' && origin.isTrusted(requestingOrigin);
  });
  session.setDevicePermissionHandler(() => false);
}

function guardContents(contents: WebContents, origin: RendererOrigin): void {
  contents.on('will-navigate', (event) => {
    if (origin.isTrusted(event.url)) return;
    event.preventDefault();
    openInBrowser(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!origin.isTrusted(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!origin.isTrusted(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url);
    return { action: 'deny' };
  });
}

/** Only https links leave the app, and only to the system browser. */
function openInBrowser(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return;
  shell.openExternal(parsed.href).catch(() => {
    // No browser to hand the link to: nothing more the app can do.
  });
}
