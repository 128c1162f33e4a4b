// Browser mode's session (the Electron app has none: IPC is its channel). The console opens from a one-time
// launch link `http://127.0.0.1:<port>/#launch=<token>`: this trades the token once for a session
// (`POST /auth/launch`), takes it out of the address bar, and keeps the session in this origin's localStorage, so a
// reload or another tab of the same console keeps working while it runs. Every call then sends it as
// `Authorization: Bearer`. Nothing is a cookie: cookies are not port-scoped and would reach any other server on
// 127.0.0.1; this origin's storage is readable only by this origin (scheme, host and port).
import { CSRF_HEADER, HTTP_LAUNCH_PATH, LAUNCH_FRAGMENT_PARAM, type CallReply } from '../../src-shared/api/contract';

export const SESSION_STORAGE_KEY = 'partnerdeck.session';

/** Why the console cannot be used in this tab (shown by the launch-needed screen). */
export type LockedReason = 'no-link' | 'link-used' | 'ended' | 'unreachable';

export type SessionOutcome = { state: 'ready'; session: string } | { state: 'locked'; reason: LockedReason };

export interface SessionEnvironment {
  fetch: typeof fetch;
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
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
export async function exchangeLaunch(fetchFn: typeof fetch, launch: string): Promise<{ session: string; path?: string } | { failed: 'link-used' | 'unreachable' }> {
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
  const result = body?.ok ? (body.result as { session?: unknown; path?: unknown } | null) : null;
  const session = result?.session;
  if (typeof session !== 'string') return { failed: 'link-used' };
  const path = result?.path;
  return typeof path === 'string' && SCREEN_PATH.test(path) ? { session, path } : { session };
}

/** Trades the launch link in the address for a session, or finds the one this origin already holds. */
export async function establishSession(env: SessionEnvironment): Promise<SessionOutcome> {
  const launch = launchTokenOf(env.location.hash);
  if (env.location.hash.startsWith(`#${LAUNCH_FRAGMENT_PARAM}=`)) {
    // Out of the address bar (and this history entry) before anything else runs.
    env.history.replaceState(null, '', `${env.location.pathname}${env.location.search}#/`);
  }
  const held = env.storage.getItem(SESSION_STORAGE_KEY);
  if (launch) {
    const traded = await exchangeLaunch(env.fetch, launch);
    if ('session' in traded) {
      env.storage.setItem(SESSION_STORAGE_KEY, traded.session);
      // A link that leads somewhere (`partnerdeck app dev`: the app, embedded): the tab opens on that screen.
      if (traded.path) env.history.replaceState(null, '', `${env.location.pathname}${env.location.search}#${traded.path}`);
      return { state: 'ready', session: traded.session };
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
