// The console window's security settings, each a small function a test can check: web preferences, the
// Content-Security-Policy, window-open and navigation guards, permissions denied by default, no <webview>.
import { BrowserWindow, dialog, shell, type App, type MessageBoxOptions, type Session, type WebContents, type WebPreferences } from 'electron';
import { isAppUrl } from './app-origin';
import { logFor } from '../core/logging/logger';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/api/content-security-policy';

export { CONTENT_SECURITY_POLICY } from '../../src-shared/api/content-security-policy';

/**
 * What every web content PartnerDeck makes gets (the console window and each embedded app's view): no Node
 * anywhere, sandboxed and context-isolated, nothing insecure loaded, no <webview>, no experimental features.
 */
export const LOCKED_DOWN_WEB_PREFERENCES = {
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
} as const satisfies WebPreferences;

/** The renderer gets no Node, runs sandboxed and isolated from the preload, and loads nothing insecure. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    ...LOCKED_DOWN_WEB_PREFERENCES,
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

/**
 * Why a link may not leave for the system browser, or null: only plain web URLs, and none with user info
 * ("http://127.0.0.1:3000@evil.example/" reads as one host and goes to another).
 */
export function externalLinkProblem(url: string): string | null {
  if (!isSafeExternalUrl(url)) return 'not a web address';
  if (/^https?:\/\/[^/?#]*@/i.test(url)) return 'a web address with user info';
  return null;
}

/** The question asked before a link leaves for the system browser (I6): it names the address and the host it goes to. */
export function externalLinkQuestion(url: string, askedBy: string | null): MessageBoxOptions {
  // The host as the URL parser reads it: a look-alike international name shows in its xn-- form.
  const host = new URL(url).host;
  return {
    type: 'question',
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: askedBy ? 'Open a page outside the app?' : 'Open a page outside PartnerDeck?',
    message: askedBy ? `${askedBy} wants to open ${host} in your web browser.` : `Open ${host} in your web browser?`,
    detail: `${shownAddress(url)}\n\nIt goes to ${host} and opens in your web browser, not inside PartnerDeck.`,
  };
}

/** An address as the question shows it: a long one cut after its first 200 characters (the box would fill the screen). */
function shownAddress(url: string): string {
  const SHOWN = 200;
  return url.length <= SHOWN ? url : `${url.slice(0, SHOWN)}… (${url.length.toLocaleString('en-US')} characters)`;
}

/** Asks before a link leaves for the system browser; resolves true when the user agrees. */
export type ConfirmLink = (window: BrowserWindow | null, url: string, askedBy: string | null) => Promise<boolean>;

export const confirmLinkWithDialog: ConfirmLink = async (window, url, askedBy) => {
  const options = externalLinkQuestion(url, askedBy);
  const { response } = window && !window.isDestroyed() ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  return response === 0;
};

export interface ExternalLinksOptions {
  confirm?: ConfirmLink;
  log?: (message: string, error?: unknown) => void;
}

/**
 * Opens web links in the system browser only after the user agreed to the address (I6), one question per window
 * at a time (links clicked while one is on screen are dropped, not stacked); anything else is dropped unasked.
 */
export function createExternalLinks(options: ExternalLinksOptions = {}): (contents: WebContents, url: string) => void {
  const confirm = options.confirm ?? confirmLinkWithDialog;
  const asking = new WeakSet<WebContents>();
  return (contents, url) => {
    const problem = externalLinkProblem(url);
    if (problem) {
      options.log?.(`blocked a link (${problem}): ${url.slice(0, 200)}`);
      return;
    }
    if (asking.has(contents)) return;
    asking.add(contents);
    const window = typeof BrowserWindow?.fromWebContents === 'function' ? BrowserWindow.fromWebContents(contents) : null;
    confirm(window, url, null)
      .then((agreed) => (agreed ? shell.openExternal(url) : undefined))
      .catch((error: unknown) => options.log?.('could not open a link in the system browser', error))
      .finally(() => asking.delete(contents));
  };
}

/** The console window's links (and any other web contents' until it sets its own rule, as embedded apps do). */
const consoleLinks = createExternalLinks({ log: (message, error) => logFor('app').callback()(message, error) });

/** No new windows, ever; an http(s) link that asked for one opens in the system browser instead, once the user agreed. */
export function guardWindowOpen(webContents: WebContents, openLink: (contents: WebContents, url: string) => void = consoleLinks): void {
  webContents.setWindowOpenHandler(({ url }) => {
    openLink(webContents, url);
    return { action: 'deny' };
  });
}

/**
 * The console window never leaves the app origin: foreign navigations and redirects are prevented (a
 * followed http(s) link opens in the system browser once the user agreed). Embedded apps have their own rule.
 */
export function guardNavigation(
  webContents: WebContents,
  isAllowed: (url: string) => boolean = isAppUrl,
  openLink: (contents: WebContents, url: string) => void = consoleLinks,
): void {
  webContents.on('will-navigate', (event) => {
    if (isAllowed(event.url)) return;
    event.preventDefault();
    openLink(webContents, event.url);
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
