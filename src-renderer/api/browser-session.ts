// Browser mode's session (the Electron app has none: IPC is its channel). The console opens from a one-time
// launch link `http://127.0.0.1:<port>/#launch=<token>`: this trades the token once for a session
// (`POST /auth/launch`), takes it out of the address bar, and keeps the session in this origin's localStorage, so a
// reload or another tab of the same console keeps working while it runs. Every call then sends it as
// `Authorization: Bearer`. Nothing is a cookie: cookies are not port-scoped and would reach any other server on
// 127.0.0.1; this origin's storage is readable only by this origin (scheme, host and port).
// From ipc.ts, not contract.ts: boot.ts bundles this file and must not pull in the contract's schemas.
import { CSRF_HEADER, HTTP_LAUNCH_PATH, LAUNCH_FRAGMENT_PARAM, type CallReply } from '../../src-shared/api/ipc';
import { firstAnswersOf, type FirstAnswers } from '../../src-shared/api/first-screen';

export const SESSION_STORAGE_KEY = 'partnerdeck.session';

/** Why the console cannot be used in this tab (shown by the launch-needed screen). */
export type LockedReason = 'no-link' | 'link-used' | 'ended' | 'unreachable';

/** `info`: the session's first answer (`session.get` as Self), when the launch trade brought it along; `first`:
 * the first screen's answers it brought (first-answers.ts). */
export type SessionOutcome = { state: 'ready'; session: string; info?: unknown; first?: FirstAnswers } | { state: 'locked'; reason: LockedReason };

export interface SessionEnvironment {
  fetch: typeof fetch;
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** The trade boot.ts started before the modules loaded (it took the token out of the address then). */
  early?: EarlyLaunch | null;
}

export type LaunchTrade = { session: string; path?: string; info?: unknown; first?: FirstAnswers } | { failed: 'link-used' | 'unreachable' };

/** A launch link's trade under way: the token and the answer to come. */
export interface EarlyLaunch {
  token: string;
  traded: Promise<LaunchTrade>;
}

/** Where boot.ts leaves its trade for main.tsx. */
const EARLY_LAUNCH_KEY = '__partnerdeckLaunch';

/**
 * Starts trading the address's launch token (if any) and takes it out of the address bar (and this history entry)
 * before anything else runs. boot.ts calls it as the page is parsed (issue 18 cold start: the trade and the
 * download of the console's modules overlap); establishSession calls it when boot.ts did not.
 */
export function startLaunch(env: Pick<SessionEnvironment, 'fetch' | 'location' | 'history'>): EarlyLaunch | null {
  const launch = launchTokenOf(env.location.hash);
  if (env.location.hash.startsWith(`#${LAUNCH_FRAGMENT_PARAM}=`)) env.history.replaceState(null, '', `${env.location.pathname}${env.location.search}#/`);
  return launch ? { token: launch, traded: exchangeLaunch(env.fetch, launch) } : null;
}

/** boot.ts: keeps the trade for main.tsx. */
export function leaveEarlyLaunch(target: object, early: EarlyLaunch | null): void {
  (target as Record<string, unknown>)[EARLY_LAUNCH_KEY] = early;
}

/** main.tsx: the trade boot.ts started (once; undefined when boot.ts did not run). */
export function takeEarlyLaunch(target: object): EarlyLaunch | null | undefined {
  const holder = target as Record<string, EarlyLaunch | null | undefined>;
  const early = holder[EARLY_LAUNCH_KEY];
  delete holder[EARLY_LAUNCH_KEY];
  return early;
}

/** The launch token in the address's fragment (`#launch=…`), if any. */
export function launchTokenOf(hash: string): string | null {
  const prefix = `#${LAUNCH_FRAGMENT_PARAM}=`;
  if (!hash.startsWith(prefix)) return null;
  const token = hash.slice(prefix.length);
  return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
}

/** A screen path a launch link may lead to (the console's own addresses only). */
const SCREEN_PATH = /^\/(?!\/)[A-Za-z0-9/_.-]{0,500}$/;

/** Trades a launch token for a session (and the screen the link leads to, if any), or says why not. */
export async function exchangeLaunch(fetchFn: typeof fetch, launch: string): Promise<LaunchTrade> {
  let reply: Response;
  try {
    reply = await fetchFn(HTTP_LAUNCH_PATH, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: '1' },
      body: JSON.stringify({ [LAUNCH_FRAGMENT_PARAM]: launch }),
    });
  } catch {
    return { failed: 'unreachable' };
  }
  const body = (await reply.json().catch(() => null)) as CallReply | null;
  const result = body?.ok ? (body.result as { session?: unknown; path?: unknown; info?: unknown; first?: unknown } | null) : null;
  const session = result?.session;
  if (typeof session !== 'string') return { failed: 'link-used' };
  const path = result?.path;
  if (typeof path === 'string' && SCREEN_PATH.test(path)) return { session, path };
  // The session's first answer and the first screen's, when the console sent them along (only for a link that
  // leads to no screen).
  if (typeof result?.info !== 'object' || result.info === null) return { session };
  const first = firstAnswersOf(result.first);
  return first ? { session, info: result.info, first } : { session, info: result.info };
}

/** Trades the launch link in the address for a session, or finds the one this origin already holds. */
export async function establishSession(env: SessionEnvironment): Promise<SessionOutcome> {
  const launch = env.early === undefined ? startLaunch(env) : env.early;
  const held = env.storage.getItem(SESSION_STORAGE_KEY);
  if (launch) {
    const traded = await launch.traded;
    if ('session' in traded) {
      env.storage.setItem(SESSION_STORAGE_KEY, traded.session);
      // A link that leads somewhere (`partnerdeck app dev`: the app, embedded): the tab opens on that screen.
      if (traded.path) env.history.replaceState(null, '', `${env.location.pathname}${env.location.search}#${traded.path}`);
      return { state: 'ready', session: traded.session, ...(traded.info !== undefined ? { info: traded.info } : {}), ...(traded.first ? { first: traded.first } : {}) };
    }
    // A used or expired link: a session this origin already holds (another tab of this console) still works.
    return held ? { state: 'ready', session: held } : { state: 'locked', reason: traded.failed };
  }
  return held ? { state: 'ready', session: held } : { state: 'locked', reason: 'no-link' };
}

/** Forgets a session the console refused (not one another tab has stored since). */
export function forgetSession(storage: Pick<Storage, 'getItem' | 'removeItem'>, session: string): void {
  if (storage.getItem(SESSION_STORAGE_KEY) === session) storage.removeItem(SESSION_STORAGE_KEY);
}
