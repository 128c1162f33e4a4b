// Who may drive a team server's console (`partnerdeck serve --console`, issue 21 item 5): every person signs in
// with the email and password of their platform user, and each request then runs as that person, with exactly
// the permissions the console enforces for a user it switched to (console-context.ts): a console service per
// signed-in user, whose "Switch user" is refused. The browser host (browser-host.ts) asks this module who a
// request is (`consoleOf`) and lets it answer its own routes (the sign-in page, sign-in, sign-out).
//
// - Sessions are the platform's (services/team-sessions-service.ts, migration 026): only a token's hash is stored,
//   idle and absolute expiry by the clock service, signing out ends the session on every server.
// - The session token travels in a cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page
//   makes the browser send it), Path=/, `Secure` and the `__Host-` name when the request came over TLS (this
//   server's, or the proxy's X-Forwarded-Proto with --trust-proxy). Console calls still need the custom CSRF header
//   and a same-origin Origin, as in the desktop's browser mode.
// - The sign-in form (no script on the page) is accepted only with an Origin header naming this very origin
//   (every browser sends one on a form POST), so no other site can sign a person in as someone else.
// - Sign-in is throttled per email and per client address (the store of migration 024; the address is the
//   proxy's X-Forwarded-For only with --trust-proxy).
// - Pushed events reach a person only when they concern a company that person may see (or no company at all).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConsoleTransportTarget, PushedEvent } from '../../src-shared/api/contract';
import type { ConsoleService } from '../console/console-service';
import type { Platform } from '../core/platform';
import { logFor } from '../core/logging/logger';
import { cookiesOf, readText } from '../core/server/http-io';
import { requestNetwork, type ServerNetwork } from '../core/server/network';
import { TEAM_SERVER_HEADER, TEAM_SIGN_IN_PATH, TEAM_SIGN_OUT_PATH } from '../../src-shared/api/team-console';
import { signInPage, SIGN_IN_CSS, SIGN_IN_PAGE_CSP } from './team-sign-in-page';

export { TEAM_SIGN_IN_PATH, TEAM_SIGN_OUT_PATH };
export const TEAM_SIGN_IN_CSS_PATH = '/sign-in.css';
/** The cookie's name: `__Host-` (Secure, Path=/, no Domain: bound to this host) whenever the request is secure. */
export const SESSION_COOKIE = 'partnerdeck_session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
/** Signed-in people whose console service is kept ready (the least recently used goes first). */
const MAX_CONSOLES = 200;
const FORM_LIMIT = 8 * 1024;

/** How the team console is reached (core/server/network.ts, shared with the platform's own server). */
export type TeamNetwork = ServerNetwork;

export interface TeamAccessOptions {
  platform: () => Platform;
  network: TeamNetwork;
  /** A console service acting for one signed-in user (its "Switch user" refused). */
  consoleFor(userId: number): ConsoleService;
  /** The port it listens on, once known (for the Host check on loopback). */
  port: () => number;
  /** How many people's console services are kept ready (default 200; a test uses a few). */
  maxConsoles?: number;
}

export interface TeamAccess {
  /** Answers the routes of signing in and out; false when the request is not one of them. */
  route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** The console of the person this request is signed in as, or null (nobody, expired, signed out). */
  consoleOf(req: IncomingMessage): ConsoleTransportTarget | null;
  isAllowedHost(host: string | undefined): boolean;
  /** An Origin header that names this server as the request reached it. */
  isAllowedOrigin(origin: string, req: IncomingMessage): boolean;
  /** Whether the request came over TLS (here or at the trusted proxy): the cookie is `Secure` then. */
  isSecure(req: IncomingMessage): boolean;
  /** The client's address (the proxy's X-Forwarded-For only when trusted). */
  clientAddress(req: IncomingMessage): string;
  close(): void;
}

/** The Set-Cookie value of a session (or of its removal with `token` null). */
export function sessionCookie(token: string | null, secure: boolean, maxAgeSeconds = 0): string {
  const name = secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  const value = token ?? '';
  const age = token === null ? 0 : Math.max(0, Math.floor(maxAgeSeconds));
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${age}${secure ? '; Secure' : ''}`;
}

export function createTeamAccess(options: TeamAccessOptions): TeamAccess {
  const { network } = options;
  const log = logFor('team-console');
  /** Console services by user id (insertion order = last use). */
  const consoles = new Map<number, { service: ConsoleService; target: ConsoleTransportTarget; streams: Set<() => void> }>();
  const maxConsoles = options.maxConsoles ?? MAX_CONSOLES;

  /**
   * Lets go of one console past maxConsoles: the least recently used of the people with no page listening (they
   * get a new one at their next request), else the least recently used, whose pages' event streams are ended so
   * they reconnect (and reload what they show) instead of going silent on a closed console.
   */
  function evictOne(keep: number): void {
    let chosen: number | null = null;
    for (const [userId, entry] of consoles) {
      if (userId === keep) continue;
      if (entry.streams.size === 0) {
        chosen = userId;
        break;
      }
      chosen ??= userId;
    }
    if (chosen === null) return;
    const entry = consoles.get(chosen)!;
    consoles.delete(chosen);
    const ends = [...entry.streams];
    entry.streams.clear();
    entry.service.close();
    for (const end of ends) end();
    if (ends.length > 0) log.info(`${maxConsoles} people have a console open: user ${chosen}'s pages reconnect (their console was the least recently used)`);
  }

  // Secure, client address, Host and Origin: the rules every server reachable beyond loopback shares.
  const { isSecure, clientAddress, ownOrigin, isAllowedHost, isAllowedOrigin } = requestNetwork(network, options.port);

  /** The person's console, keeping only what concerns a company they may see in the events it pushes. */
  function consoleOfUser(userId: number): ConsoleTransportTarget {
    const kept = consoles.get(userId);
    if (kept) {
      consoles.delete(userId);
      consoles.set(userId, kept);
      return kept.target;
    }
    const service = options.consoleFor(userId);
    const visible = (event: PushedEvent): boolean => {
      const payload = event.payload as { companyId?: unknown; partnerId?: unknown } | null;
      const companyId = payload && typeof payload === 'object' ? payload.companyId : undefined;
      if (typeof companyId !== 'number') return true;
      const platform = options.platform();
      const user = platform.localUsers.actorOf(userId);
      if (!user) return false;
      if (platform.access.canSee(user, companyId)) return true;
      // A deleted client: its partner's people hear of it.
      return event.name === 'company.deleted' && typeof payload!.partnerId === 'number' && platform.access.canSee(user, payload!.partnerId);
    };
    /** The ends of this person's open event streams (each page's pushed events). */
    const streams = new Set<() => void>();
    const target: ConsoleTransportTarget = {
      invoke: (method, input, call) => service.invoke(method, input, call),
      onEvent: (listener, ended) => {
        const off = service.onEvent((event) => (visible(event) ? listener(event) : undefined));
        const end = ended ?? (() => undefined);
        streams.add(end);
        return () => {
          streams.delete(end);
          off();
        };
      },
    };
    consoles.set(userId, { service, target, streams });
    while (consoles.size > maxConsoles) evictOne(userId);
    return target;
  }

  function tokenOf(req: IncomingMessage): string | undefined {
    const cookies = cookiesOf(req.headers.cookie);
    // Over TLS only the __Host- cookie counts (a plain-HTTP page of the same host cannot set that one).
    return isSecure(req) ? cookies.get(SECURE_SESSION_COOKIE) : cookies.get(SESSION_COOKIE);
  }

  function consoleOf(req: IncomingMessage): ConsoleTransportTarget | null {
    const token = tokenOf(req);
    if (!token) return null;
    const session = options.platform().teamSessions.resolve(token);
    return session ? consoleOfUser(session.userId) : null;
  }

  function sendPage(req: IncomingMessage, res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
    // same-origin, not no-referrer: under no-referrer the browser sends `Origin: null` with the form, which the
    // sign-in refuses (it accepts the form only from this very origin).
    // The header: the desktop app's "Connect to team server" checks it before keeping the address.
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': SIGN_IN_PAGE_CSP, 'Referrer-Policy': 'same-origin', [TEAM_SERVER_HEADER]: '1', ...headers });
    res.end(req.method === 'HEAD' ? undefined : html);
  }

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    if (origin === undefined || origin !== ownOrigin(req)) {
      return sendPage(req, res, 403, signInPage({ error: 'This sign-in form was sent from another page. Open this server’s address and sign in here.' }));
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      return sendPage(req, res, 415, signInPage({ error: 'The sign-in form must be sent by this page.' }));
    }
    let form: URLSearchParams;
    try {
      form = new URLSearchParams(await readText(req, FORM_LIMIT));
    } catch {
      res.setHeader('Connection', 'close');
      return sendPage(req, res, 400, signInPage({ error: 'The sign-in form could not be read. Try again.' }));
    }
    const email = (form.get('email') ?? '').trim();
    const password = form.get('password') ?? '';
    if (!email || !password) {
      return sendPage(req, res, 400, signInPage({ email, error: !email ? 'Enter your email address.' : 'Enter your password.', field: !email ? 'email' : 'password' }));
    }
    const address = clientAddress(req);
    const outcome = await options.platform().teamSessions.signIn(email, password, address);
    if (!outcome.ok) {
      log.info(`sign-in refused for ${email.toLowerCase()} from ${address} (${outcome.reason})`);
      return sendPage(req, res, outcome.reason === 'throttled' ? 429 : 401, signInPage({ email, error: outcome.message, field: 'password' }), outcome.reason === 'throttled' ? { 'Retry-After': String(Math.ceil(outcome.waitMs / 1000)) } : {});
    }
    log.info(`${outcome.user.email} signed in from ${address}`);
    const secure = isSecure(req);
    const maxAge = (outcome.expiresAt - options.platform().clock.now()) / 1000;
    res.writeHead(303, { Location: '/', 'Set-Cookie': sessionCookie(outcome.token, secure, maxAge), 'Cache-Control': 'no-store' }).end();
  }

  /** `POST /auth/sign-out` from the console (its CSRF header and Origin, as every call): ends the session everywhere. */
  function signOut(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('Cache-Control', 'no-store');
    const origin = req.headers.origin;
    if (req.method !== 'POST' || req.headers['x-partnerdeck-csrf'] !== '1' || (origin !== undefined && origin !== ownOrigin(req))) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Sign out from the console.\n');
      return;
    }
    const token = tokenOf(req);
    if (token) options.platform().teamSessions.signOut(token);
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Set-Cookie': sessionCookie(null, isSecure(req)) }).end(JSON.stringify({ ok: true, result: { signedOut: true } }));
  }

  return {
    async route(req, res, url) {
      if (url.pathname === TEAM_SIGN_IN_CSS_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
        res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }).end(req.method === 'HEAD' ? undefined : SIGN_IN_CSS);
        return true;
      }
      if (url.pathname === TEAM_SIGN_OUT_PATH) {
        signOut(req, res);
        return true;
      }
      if (url.pathname !== TEAM_SIGN_IN_PATH) return false;
      if (req.method === 'POST') {
        await signIn(req, res);
        return true;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD, POST' }).end();
        return true;
      }
      // Signed in already: straight to the console.
      if (consoleOf(req)) {
        res.writeHead(303, { Location: '/', 'Cache-Control': 'no-store', [TEAM_SERVER_HEADER]: '1' }).end();
        return true;
      }
      const notice = url.searchParams.get('signed-out') !== null ? 'You are signed out.' : url.searchParams.get('expired') !== null ? 'Your session has ended. Sign in again to go on.' : undefined;
      sendPage(req, res, 200, signInPage({ notice }));
      return true;
    },
    consoleOf,
    isAllowedHost,
    isAllowedOrigin,
    isSecure,
    clientAddress,
    close() {
      for (const { service } of consoles.values()) service.close();
      consoles.clear();
    },
  };
}
