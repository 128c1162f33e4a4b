// The desktop app's "Connect to team server" (issue 21 item 5, docs/team-server.md): a profile (data folder) may
// point at a team server's console (`partnerdeck serve --console`) instead of its embedded core. The choice is
// `teamServerUrl` in the profile's prefs.json; a start with it set opens the remote window below and leaves the
// local platform closed, and "Use This Computer's PartnerDeck" (File menu) clears it and restarts the app.
//
// The remote window is a web page of another machine, so it gets less than the console window, not more:
// - no preload: no `window.partnerdeck` bridge, no IPC channel (the IPC bridge would refuse its frames anyway);
// - its own persistent session partition per server (`persist:team-<host>`), so its cookie (the team sign-in) never
//   meets the embedded console's pages or another server's, and survives a restart;
// - the locked-down web preferences of every PartnerDeck web contents (sandbox, context isolation, no Node);
// - navigation and redirects only within the server's origin (the sign-in page and the console are one origin);
//   any other link goes to the system browser after the usual question (window-security.ts); new windows only of
//   that origin (the console's "Open in new window"), with the same rules;
// - every permission request denied; certificate errors are never overridden (Chromium refuses the page);
// - downloads (exports) only from that origin, through the save dialog.
import { BrowserWindow, dialog, session as electronSession, type App, type Rectangle, type Session, type WebContents } from 'electron';
import { ApiError } from '../../src-shared/api/errors';
import { TEAM_SERVER_HEADER, TEAM_SIGN_IN_PATH } from '../../src-shared/api/team-console';
import type { Prefs } from '../console/prefs';
import { installSaveDialogs } from './downloads';
import { WINDOW_TITLE } from './main-window';
import { denyAllPermissions, guardNavigation, LOCKED_DOWN_WEB_PREFERENCES } from './window-security';
import { MIN_WINDOW_SIZE, initialWindowBounds, trackWindowBounds } from './window-state';

/** The key in prefs.json: the team server's origin, or null (or absent) for this computer's embedded core. */
export const TEAM_SERVER_PREF = 'teamServerUrl';
/** How long the check before saving waits for the server. */
export const PROBE_TIMEOUT_MS = 10_000;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The team server's address as typed, checked: `https://host[:port]` (a path, query or trailing slash is dropped:
 * the console is the server's root), or `http://` on this computer only (localhost, 127.0.0.1, [::1]) for a server
 * tried out here. Refused in words naming the field: anything else, user info, a fragment.
 */
export function checkTeamServerUrl(raw: string): URL {
  const refuse = (problem: string): never => {
    throw new ApiError('validation_failed', `Team server address: ${problem}`, { fields: { url: [problem] } });
  };
  const typed = raw.trim();
  if (typed === '') refuse('enter the address of your team’s PartnerDeck server, e.g. https://deck.example.com');
  // "deck.example.com" alone: the person meant https.
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(typed) && !/^[^:/]+:\d+(\/|$)/.test(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return refuse(`“${typed.slice(0, 100)}” is not a web address (e.g. https://deck.example.com)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') refuse(`it must start with https:// (not ${url.protocol}//)`);
  if (url.username !== '' || url.password !== '') refuse('leave out a user name or password: you sign in on the server’s own page');
  if (url.hash !== '' || typed.includes('#')) refuse('leave out the part after #');
  if (url.hostname === '') refuse('it names no server');
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    refuse(`use https://${url.host}: passwords and the sign-in cookie must not cross a network unencrypted (plain http:// is accepted only for a server on this computer, localhost or 127.0.0.1)`);
  }
  return new URL(url.origin);
}

/** The stored choice in its proper shape: an origin the check above accepts, or null (this computer). */
export function readTeamServerUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    return checkTeamServerUrl(value).origin;
  } catch {
    return null;
  }
}

/** The session partition of a server: persistent (the sign-in survives a restart), one per server and port. */
export function teamServerPartition(origin: string): string {
  const url = new URL(origin);
  return `persist:team-${url.protocol === 'http:' ? 'http-' : ''}${url.host.replace(/[^a-z0-9.-]/gi, '_')}`;
}

/** The window title: which server this window shows. */
export function teamServerTitle(origin: string): string {
  return `Team server ${new URL(origin).host} — ${WINDOW_TITLE}`;
}

/** True when `url` is on the server's origin exactly (scheme, host, port; no user info). */
export function isOnOrigin(origin: string, url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.origin === origin && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

export type FetchLike = (url: string, init: { method: string; redirect: 'manual'; signal: AbortSignal; headers: Record<string, string> }) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

/** What a failed request's message (Chromium's net::ERR_…, or Node's) means, in the user's words. */
export function unreachableMessage(origin: string, error: unknown): string {
  const host = new URL(origin).host;
  const text = error instanceof Error ? `${error.name} ${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error);
  const code = /ERR_[A-Z_]+/.exec(text)?.[0] ?? /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|CERT_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)\b/.exec(text)?.[0] ?? '';
  if (/TimeoutError|AbortError/.test(text)) return `${host} did not answer within ${PROBE_TIMEOUT_MS / 1000} seconds. Check the address and your network (a VPN?), then try again.`;
  if (/CERT|SSL|self.signed|UNABLE_TO_VERIFY/i.test(code || text)) {
    return `The certificate of ${host} is not trusted by this computer (${code || 'certificate error'}). PartnerDeck does not skip this check: ask whoever runs the server for a certificate from a public authority, or have your IT install its authority in the system’s certificates.`;
  }
  if (/NAME_NOT_RESOLVED|ENOTFOUND|EAI_AGAIN/.test(code)) return `No server called ${new URL(origin).hostname} was found. Check the address for typing mistakes (and your network).`;
  if (/CONNECTION_REFUSED|ECONNREFUSED/.test(code)) return `Nothing answers at ${host}: the server is not running, or listens on another port.`;
  if (/INTERNET_DISCONNECTED|NETWORK_CHANGED|ADDRESS_UNREACHABLE/.test(code)) return `This computer is not connected to a network that reaches ${host}.`;
  return `${host} could not be reached${code ? ` (${code})` : ''}. Check the address and try again.`;
}

/**
 * Asks the server's sign-in page before the address is kept: it must answer as a PartnerDeck team console (the
 * `X-PartnerDeck-Team-Server` header, or its sign-in page's title from an older server). Throws, in words, what
 * failed: no answer, a certificate not trusted, a web server that is not a PartnerDeck team server.
 */
export async function probeTeamServer(origin: string, fetchLike: FetchLike): Promise<void> {
  const host = new URL(origin).host;
  const refuse = (problem: string): never => {
    throw new ApiError('validation_failed', problem, { fields: { url: [problem] } });
  };
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await fetchLike(`${origin}${TEAM_SIGN_IN_PATH}`, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), headers: { Accept: 'text/html' } });
  } catch (error) {
    return refuse(unreachableMessage(origin, error));
  }
  if (response.headers.get(TEAM_SERVER_HEADER) !== null) return;
  // A signed-in session is sent on to the console (303 to /): that is a team server too, if it says so.
  const body = response.status === 200 ? await response.text().catch(() => '') : '';
  if (/<title>Sign in · PartnerDeck<\/title>/.test(body)) return;
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location') ?? '';
    return refuse(`${host} answered with a redirect${location ? ` to ${location.slice(0, 100)}` : ''}, not a PartnerDeck sign-in page. Enter the address the redirect goes to, or the one your team uses in a browser.`);
  }
  return refuse(`${host} answers (HTTP ${response.status}), but it is not a PartnerDeck team server. Its address is the one your team opens in a browser to sign in (started with \`partnerdeck serve --console\`).`);
}

export interface TeamWindowOptions {
  origin: string;
  prefs: Prefs;
  workAreas: Rectangle[];
  backgroundColor: string;
  icon?: string;
  /** An http(s) link that leaves the server's origin: to the system browser after the question (window-security.ts). */
  openLink: (contents: WebContents, url: string) => void;
  downloadsDir: () => string;
  log?: (message: string, error?: unknown) => void;
  /** The page could not be loaded: what to do (try again, this computer, close), asked in a box. */
  onLoadFailed?: (window: BrowserWindow, message: string) => void;
}

/** The server's session, secured once: permissions denied, downloads only of its origin through the save dialog. */
const secured = new WeakSet<Session>();
export function teamServerSession(origin: string, options: Pick<TeamWindowOptions, 'downloadsDir' | 'log'>): Session {
  const ses = electronSession.fromPartition(teamServerPartition(origin));
  if (!secured.has(ses)) {
    secured.add(ses);
    denyAllPermissions(ses);
    installSaveDialogs(ses, { origin, downloadsDir: options.downloadsDir, log: options.log });
  }
  return ses;
}

/** The rules of a web contents showing the server: its origin only, new windows of it only, the title fixed. */
function guardTeamContents(window: BrowserWindow, options: TeamWindowOptions, partition: string): void {
  const contents = window.webContents;
  const allowed = (url: string) => isOnOrigin(options.origin, url);
  guardNavigation(contents, allowed, options.openLink);
  contents.setWindowOpenHandler(({ url }) => {
    if (!allowed(url)) {
      options.openLink(contents, url);
      return { action: 'deny' };
    }
    // The console's "Open in new window": the same preferences, partition and rules, never a preload.
    return { action: 'allow', overrideBrowserWindowOptions: { title: teamServerTitle(options.origin), webPreferences: { ...LOCKED_DOWN_WEB_PREFERENCES, partition } } };
  });
  contents.on('did-create-window', (child: BrowserWindow) => guardTeamContents(child, options, partition));
  window.on('page-title-updated', (event) => event.preventDefault());
  contents.on('did-fail-load', (_event: unknown, errorCode: number, errorDescription: string, validatedUrl: string, isMainFrame: boolean) => {
    // -3: aborted (a navigation replaced it), not a failure.
    if (!isMainFrame || errorCode === -3 || window.isDestroyed()) return;
    options.log?.(`the team server page ${validatedUrl.slice(0, 200)} did not load: ${errorDescription} (${errorCode})`);
    options.onLoadFailed?.(window, unreachableMessage(options.origin, new Error(`net::${errorDescription}`)));
  });
}

/** The window showing a team server's console: see the top of this file for what it may and may not do. */
export function createTeamServerWindow(options: TeamWindowOptions): BrowserWindow {
  const partition = teamServerPartition(options.origin);
  teamServerSession(options.origin, options);
  const { maximized, ...bounds } = initialWindowBounds(options.prefs.get('windowBounds'), options.workAreas);
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: teamServerTitle(options.origin),
    show: false,
    backgroundColor: options.backgroundColor,
    ...(options.icon ? { icon: options.icon } : {}),
    // No preload: the remote page gets no bridge to this computer.
    webPreferences: { ...LOCKED_DOWN_WEB_PREFERENCES, partition },
  });
  guardTeamContents(window, options, partition);
  trackWindowBounds(window, options.prefs);
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  // Shown at once too: a server that does not answer never fires ready-to-show, and the box needs a window.
  setTimeout(() => {
    if (!window.isDestroyed()) window.show();
  }, 3000).unref?.();
  void window.loadURL(`${options.origin}/`);
  return window;
}

/** The box after the server's page did not load: 0 try again, 1 this computer's PartnerDeck, 2 close the window. */
export async function askAfterLoadFailure(window: BrowserWindow, origin: string, message: string): Promise<'retry' | 'this-computer' | 'close'> {
  const { response } = await dialog.showMessageBox(window, {
    type: 'warning',
    title: 'Team server not reachable',
    message: `The team server ${new URL(origin).host} did not answer.`,
    detail: `${message}\n\nThis profile is connected to that server. You can try again, or go back to this computer's own PartnerDeck (its data is as you left it).`,
    buttons: ['Try Again', "Use This Computer's PartnerDeck", 'Close'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  });
  return response === 0 ? 'retry' : response === 1 ? 'this-computer' : 'close';
}

/**
 * Certificate errors are never overridden: Chromium's default (refuse the page) stands. The handler only logs them,
 * so a "certificate not trusted" is in the log beside the box the page's failed load brings.
 */
export function logCertificateErrors(app: App, log: (message: string) => void): void {
  app.on('certificate-error', (_event, _contents, url, error) => {
    log(`refused ${url.slice(0, 200)}: its certificate is not trusted (${error})`);
  });
}
