import type { Session, WebContents, WebPreferences } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'civicdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The renderer loads only its own bundle and talks only to main over IPC: no remote scripts,
 * no inline script, no network connections of its own.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Electron's checklist items that live in webPreferences, each stated rather than defaulted.
 * `packaged` is app.isPackaged: an installed build has no DevTools. It defaults to the closed
 * side, so a caller that forgets it gets the safe answer.
 */
export function secureWebPreferences(preloadPath: string, packaged = true): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
    // SEC-3/SEC-5: nothing persists between runs; a login window would get its own in-memory partition.
    partition: 'civicdesk-app',
    // Not NODE_ENV: nothing sets it in a packaged build, so DevTools would stay open there.
    devTools: !packaged,
  };
}

/** Only the app's own pages, served from the app:// protocol, are trusted. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** openExternal only for web pages and mail, never file:, javascript:, smb: and the like. */
export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === 'mailto:') return true;
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '' && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Navigation inside the window and new windows are denied; safe links open in the browser. */
export function guardNavigation(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/**
 * The clipboard is the one permission the app's own page gets: the Vault copies a password or
 * code and clears it 30 s later only if it is still there, which needs write and read. Camera,
 * microphone, geolocation, notifications and the rest: refused.
 */
const CLIPBOARD = new Set(['clipboard-sanitized-write', 'clipboard-read']);

export function allowPermission(permission: string, origin: string | undefined): boolean {
  return CLIPBOARD.has(permission) && origin !== undefined && isAppUrl(origin.endsWith('/') ? origin : `${origin}/`);
}

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((wc, permission, callback, details) =>
    callback(allowPermission(permission, details?.requestingUrl ?? wc?.getURL())));
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin) => allowPermission(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
}

/** The sender of an IPC message must be the app's own top-level page. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  return Boolean(frame) && frame?.parent === null && isAppUrl(frame.url);
}
