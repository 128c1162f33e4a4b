// The console window's security settings, each a small function a test can check: web preferences, the
// Content-Security-Policy, window-open and navigation guards, permissions denied by default, no <webview>.
import { shell, type App, type Session, type WebContents, type WebPreferences } from 'electron';
import { isAppUrl } from './app-origin';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/api/content-security-policy';

export { CONTENT_SECURITY_POLICY } from '../../src-shared/api/content-security-policy';

/** The renderer gets no Node, runs sandboxed and isolated from the preload, and loads nothing insecure. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
  };
}

/** Response headers with our CSP in place of any the response brought (header names are case-insensitive). */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

/** Puts the CSP on every response the session receives (the app protocol sets it too). */
export function installContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}

/** Denies every permission request and check: the console needs no camera, location, notifications... */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Only plain web links may leave the app, and only to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

function openInSystemBrowser(url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url).catch(() => undefined);
}

/** No new windows, ever; an http(s) link that asked for one opens in the system browser instead. */
export function guardWindowOpen(webContents: WebContents): void {
  webContents.setWindowOpenHandler(({ url }) => {
    openInSystemBrowser(url);
    return { action: 'deny' };
  });
}

/**
 * The console window never leaves the app origin: foreign navigations and redirects are prevented (a
 * followed http(s) link opens in the system browser). Embedded apps will need their own rule.
 */
export function guardNavigation(webContents: WebContents, isAllowed: (url: string) => boolean = isAppUrl): void {
  webContents.on('will-navigate', (event) => {
    if (isAllowed(event.url)) return;
    event.preventDefault();
    openInSystemBrowser(event.url);
  });
  webContents.on('will-redirect', (event) => {
    if (!isAllowed(event.url)) event.preventDefault();
  });
}

/** For every web contents the app ever creates: no <webview>, and no new windows. */
export function hardenAllWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    guardWindowOpen(contents);
  });
}
