// The browser host: serves the renderer and the console API on 127.0.0.1 only, so the console runs in a
// normal Chromium tab. Who may drive it (docs/architecture.md, Security model):
// - Sessions travel in a header, never in a cookie. Cookies are not port-scoped: any other server on 127.0.0.1
//   (an embedded app, an app's redirect URI, a developer's dev server) would receive them. A session is a random
//   256-bit token the page keeps in its own origin's storage and sends as `Authorization: Bearer`; a page of
//   another origin (another port, `localhost`, any site) can neither read it nor make the browser send it.
// - A session is made only from a launch link (`launchLink()`): a one-time token, valid a few minutes, in the
//   link's fragment, traded once (`POST /auth/launch`) and useless afterwards. A link may carry a destination
//   (kept here, never in the URL): the local user the console signs in as and the screen the tab opens on
//   (`partnerdeck app dev` opens the app embedded in its development company).
// - Another PartnerDeck process of the same user (`app dev` reusing a running console) asks for such a link at
//   `POST /control/launch-link` with the control token of the data folder's console.json (0600, like serve's
//   server.json): whoever can read that file can read the database itself.
// - Embedded-app wrapper pages (`/embed/…`, loaded by an iframe, which cannot send headers) need a one-time ticket
//   that only an authenticated `embeddedApps.open` hands out.
// - Host header checks (DNS rebinding), Origin and a custom header (CSRF) on every call, as before; server
//   timeouts and a connection cap; bodies must be JSON in UTF-8 within 1 MiB.
// - A team server's console (`access`, team-access.ts) replaces launch links with a sign-in per person: each request
//   runs on the console of the person its session cookie names, and Host/Origin are checked against the address the
//   server is reached at (with TLS here or at a trusted proxy).
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import {
  CSRF_HEADER,
  HTTP_API_PREFIX,
  HTTP_EVENTS_PATH,
  HTTP_LAUNCH_PATH,
  LAUNCH_FRAGMENT_PARAM,
  ACTING_HEADER,
  envelopeOfActingHeader,
  type CallEnvelope,
  type CallReply,
  type ConsoleTransportTarget,
} from '../../src-shared/api/contract';
import { ApiError, HTTP_STATUS_OF } from '../../src-shared/api/errors';
import { EMBED_FRAME_PREFIX, EMBED_TICKET_PARAM, parseEmbedFramePath } from '../../src-shared/api/embed-frame';
import type { EmbedOpenResult, EmbedTarget } from '../../src-shared/api/embedded-app-types';
import { httpOrigin } from '../../src-shared/domain/embedded-apps';
import { toApiError } from '../core/errors';
import { cryptoIds } from '../core/ids';
import { logFor } from '../core/logging/logger';
import { HttpError } from '../core/server/http-error';
import { mediaTypeOf, readText } from '../core/server/http-io';
import { closeServer, hardenServer, isAllowedHost, isAllowedOrigin, listenOn, LOOPBACK_HOST, SERVER_OPTIONS } from '../core/server/loopback';
import { createOneTimeTokens } from '../core/server/one-time-tokens';
import { hashSecret } from '../core/secrets/secret-hash';
import { embedFrameError, embedFramePage, type EmbedFramePage } from './embed-frame-page';
import { serveRendererFile } from './renderer-files';
import type { ThemeChoice } from '../../src-shared/api/theme-choice';
import { STREAM_SEQ_PREFIX } from '../../src-shared/api/first-screen';
import { firstScreenAnswers } from './first-answers';
import { FIRST_PAGE_QUIET_MS, watchFirstPage } from './first-page';
import type { TeamAccess } from './team-access';

/** How long a launch link works (once). */
export const LAUNCH_TTL_MS = 5 * 60_000;
/** How long the ticket of an embedded app's wrapper page works (once): the frame loads right after the call. */
export const FRAME_TICKET_TTL_MS = 60_000;
/** Live sessions kept at most (each launch makes one; the oldest goes first). */
const MAX_SESSIONS = 64;
const MAX_BODY_BYTES = 1024 * 1024;

const logUnexpected = (message: string, error: unknown): void => logFor('browser-host').error(message, error);

export interface BrowserHostOptions {
  console: ConsoleTransportTarget;
  rendererDir: string;
  port?: number;
  /** Real time in milliseconds (tests move it); launch links and tickets expire by it, never by the platform clock. */
  now?: () => number;
  /** Server limits (tests shorten them). */
  limits?: { headersTimeoutMs?: number; requestTimeoutMs?: number; maxConnections?: number };
  /** The token another process of this user presents at `POST /control/launch-link` (none: no control endpoint). */
  controlToken?: string;
  /** The saved theme (prefs.json), written into the page so its first paint has it (none: the page's default). */
  themeChoice?: () => ThemeChoice;
  /**
   * Called once when the first page opened from a launch link has made its start-up calls: after a launch trade,
   * the first moment no console call has been under way for FIRST_PAGE_QUIET_MS (the console starts its worker
   * threads then, so they do not boot beside the page's first calls: issue 18 cold start).
   */
  onFirstPageSettled?: () => void;
  /** A team server's console: sign-in per person instead of launch links (team-access.ts). */
  access?: TeamAccess;
  /** Serve over TLS (PEM certificate chain and key). */
  tls?: { cert: string; key: string };
  /** The address to listen on (default 127.0.0.1; anything else only for a team console, checked by `serve`). */
  listenHost?: string;
}

/** Where a launch link leads: the local user the console signs in as, and the screen path the tab opens on. */
export interface LaunchDestination {
  userId?: number;
  /** A console screen path (`/apps/12`, `/c/5/orders`): no scheme, no fragment. */
  path?: string;
}

/** `POST /control/launch-link`: another process of this user asks the running console for a launch link. */
export const HTTP_CONTROL_LAUNCH_PATH = '/control/launch-link';

export { FIRST_PAGE_QUIET_MS };

const SCREEN_PATH = /^\/(?!\/)[A-Za-z0-9/_.-]{0,500}$/;

export interface LaunchLink {
  /** `http://127.0.0.1:<port>/#launch=<token>`: opens the console once. */
  url: string;
  expiresAt: number;
  /** Resolves once the link was used or has expired (whichever first). */
  settled: Promise<'used' | 'expired'>;
}

export interface BrowserHost {
  port: number;
  origin: string;
  /** A new one-time launch link (each call makes another; each works once, within LAUNCH_TTL_MS), optionally
   * leading to a user and a screen. */
  launchLink(destination?: LaunchDestination): LaunchLink;
  /** Live console sessions (browser tabs share one per launch). */
  sessionCount(): number;
  /** Whether a launch link was traded yet (a page is starting or has started). */
  launched(): boolean;
  close(): Promise<void>;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const now = options.now ?? Date.now;
  let port = 0;
  const sseClients = new Set<ServerResponse>();
  const launches = createOneTimeTokens<{ settle(outcome: 'used'): void; destination: LaunchDestination }>({ now, max: 100 });
  const frameTickets = createOneTimeTokens<{ path: string; call: CallEnvelope; target: ConsoleTransportTarget }>({ now, max: 200 });
  /** Session token hashes (insertion order = age). */
  const sessions = new Set<string>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const firstPage = watchFirstPage(options.onFirstPageSettled);
  /** Changes the console has pushed so far (a launch trade's carried answers are current while it is unchanged). */
  let pushedSeq = 0;

  const { access } = options;
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error) => {
      const apiError = toApiError(error, { what: `${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0]}`, log: logUnexpected });
      if (!res.headersSent) sendError(res, apiError);
      else res.end();
    });
  };
  // https.Server has every limit of http.Server that hardenServer sets.
  const server: Server = options.tls ? (createTlsServer({ ...SERVER_OPTIONS, ...options.tls }, onRequest) as unknown as Server) : createServer(SERVER_OPTIONS, onRequest);
  hardenServer(server, options.limits);

  function baseHeaders(res: ServerResponse): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  }

  /** The console a request may drive: its person's on a team console, else this console's with a live session. */
  function consoleOf(req: IncomingMessage): ConsoleTransportTarget | null {
    if (access) return access.consoleOf(req);
    return isAuthenticated(req) ? options.console : null;
  }

  /** The session a request carries in `Authorization: Bearer`, if it is live. Cookies are never looked at. */
  function isAuthenticated(req: IncomingMessage): boolean {
    const match = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(req.headers.authorization ?? '');
    return match !== null && sessions.has(hashSecret(match[1]));
  }

  function newSession(): string {
    const token = cryptoIds.token(32);
    sessions.add(hashSecret(token));
    while (sessions.size > MAX_SESSIONS) sessions.delete(sessions.values().next().value!);
    return token;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    baseHeaders(res);
    if (!(access ? access.isAllowedHost(req.headers.host) : isAllowedHost(req.headers.host, port))) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request: unknown Host header.\n');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);

    if (access) {
      if (await access.route(req, res, url)) return;
    } else {
      if (url.pathname === HTTP_LAUNCH_PATH) return launch(req, res);
      if (url.pathname === HTTP_CONTROL_LAUNCH_PATH) return controlLaunch(req, res);
    }
    if (url.pathname === HTTP_EVENTS_PATH) return events(req, res);
    if (url.pathname.startsWith(HTTP_API_PREFIX)) return api(req, res, url.pathname.slice(HTTP_API_PREFIX.length));

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname.startsWith(EMBED_FRAME_PREFIX)) return embedFrame(req, res, url);
    // The page and the renderer's files (renderer-files.ts).
    return serveRendererFile(req, res, url, { rendererDir: options.rendererDir, themeChoice: options.themeChoice, access });
  }

  /** The checks every call to the host shares: POST, same origin (when the browser says), the CSRF header. */
  function checkCall(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('Cache-Control', 'no-store');
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      throw Object.assign(new ApiError('unknown_method', 'Console methods are called with POST.'), { status: 405 });
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !(access ? access.isAllowedOrigin(origin, req) : isAllowedOrigin(origin, port))) throw new ApiError('forbidden', 'Cross-origin requests are refused.');
    if (req.headers[CSRF_HEADER] !== '1') throw new ApiError('forbidden', `Missing the ${CSRF_HEADER} header.`);
  }

  async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    if (mediaTypeOf(req.headers['content-type']) !== 'application/json') {
      throw Object.assign(new ApiError('validation_failed', 'The body must be JSON in UTF-8 (Content-Type: application/json).'), { status: 415 });
    }
    let text: string;
    try {
      text = await readText(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof HttpError && error.status === 413) {
        // Answer, then close the connection instead of reading the rest of an oversized body.
        res.setHeader('Connection', 'close');
        res.once('finish', () => req.destroy());
        throw Object.assign(new ApiError('validation_failed', `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB.`), { status: 413 });
      }
      if (error instanceof HttpError) throw Object.assign(new ApiError('validation_failed', 'The body is not valid UTF-8.'), { status: 400 });
      throw error;
    }
    try {
      return text.length === 0 ? {} : JSON.parse(text);
    } catch (error) {
      throw Object.assign(new ApiError('validation_failed', `The body is not valid JSON: ${(error as Error).message}`), { status: 400 });
    }
  }

  /** `POST /auth/launch {"launch": token}`: a launch token, once, for a new session. */
  async function launch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      checkCall(req, res);
      const body = await readJson(req, res);
      const token = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[LAUNCH_FRAGMENT_PARAM] : undefined;
      const link = typeof token === 'string' ? launches.take(token) : undefined;
      if (!link) {
        throw new ApiError('unauthorized', 'This launch link was already used or has expired. Open a new one from `partnerdeck console` (it prints a fresh link, or press o and Enter in its terminal).');
      }
      link.settle('used');
      const { userId, path } = link.destination;
      firstPage.launched();
      // The console signs in as the link's user (as Switch user would) before the tab loads anything.
      if (userId !== undefined) await options.console.invoke('session.signIn', { userId });
      const session = newSession();
      // The session's first answer (`session.get` as Self: a launch link's address names no company) comes with
      // the trade, so the page renders its first screen without asking for it after its modules ran (issue 18
      // cold start). A link that leads to a screen gets none (that screen may act as a company); neither does a
      // failed ask (the page asks itself and shows what went wrong).
      const seq = pushedSeq; // the changes pushed before the first answer below (session.get's) was made
      const info = path ? undefined : await options.console.invoke('session.get', {}, { acting: null }).catch(() => undefined);
      // And so do the first screen's answers (the overview's calls as Self, made here as the page's own calls
      // would be, while its scripts download), for a page that opens on the overview with this session.
      const first = info !== undefined ? await firstScreenAnswers((method, input) => answer(options.console, method, input, { acting: null }), seq) : undefined;
      sendReply(res, 200, { ok: true, result: { session, ...(path ? { path } : {}), ...(info !== undefined ? { info } : {}), ...(first ? { first } : {}) } });
    } catch (error) {
      sendThrown(res, error);
    }
  }

  /** The control token, checked in constant time (hashes of equal length). */
  function isControl(req: IncomingMessage): boolean {
    const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(req.headers.authorization ?? '');
    if (!options.controlToken || !match) return false;
    return timingSafeEqual(Buffer.from(hashSecret(match[1])), Buffer.from(hashSecret(options.controlToken)));
  }

  /** `POST /control/launch-link {"userId"?, "path"?}` with the control token: a launch link for another process. */
  async function controlLaunch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      checkCall(req, res);
      if (!isControl(req)) throw new ApiError('unauthorized', 'The control token is missing or wrong (it is in console.json of the data folder).');
      const body = (await readJson(req, res)) as Record<string, unknown> | null;
      const destination = launchDestination(body);
      const link = host.launchLink(destination);
      sendReply(res, 200, { ok: true, result: { url: link.url, expiresAt: link.expiresAt } });
    } catch (error) {
      sendThrown(res, error);
    }
  }

  async function api(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    let input: unknown;
    let call: CallEnvelope;
    let target: ConsoleTransportTarget | null;
    try {
      checkCall(req, res);
      target = consoleOf(req);
      if (!target) {
        throw new ApiError(
          'unauthorized',
          access ? 'Your session has ended (signed out, or unused for too long). Sign in again.' : 'This console session is not authorized. Open the link that `partnerdeck console` printed.',
        );
      }
      // The tab's acting company (from its address), checked by the console for this call only.
      const envelope = envelopeOfActingHeader(req.headers[ACTING_HEADER]);
      if (typeof envelope === 'string') throw new ApiError('validation_failed', envelope, { fields: { acting: [envelope] } });
      call = envelope;
      input = await readJson(req, res);
    } catch (error) {
      return sendThrown(res, error);
    }
    const reply = await answer(target, method, input, call);
    sendReply(res, reply.ok ? 200 : HTTP_STATUS_OF[reply.error.code], reply);
  }

  /** A console call's reply as `POST /api/<method>` sends it (the first page's calls counted while under way). */
  async function answer(target: ConsoleTransportTarget, method: string, input: unknown, call: CallEnvelope): Promise<CallReply> {
    firstPage.callStarted();
    try {
      const result = await target.invoke(method, input, call);
      return { ok: true, result: withFrameTicket(method, result, call, target) ?? null };
    } catch (error) {
      return { ok: false, error: toApiError(error, { what: method, log: logUnexpected }).toPayload() };
    } finally {
      firstPage.callEnded();
    }
  }

  function withFrameTicket(method: string, result: unknown, call: CallEnvelope, target: ConsoleTransportTarget): unknown {
    if (method !== 'embeddedApps.open') return result;
    const opened = result as EmbedOpenResult;
    if (opened?.mode !== 'frame') return result;
    // The ticket keeps the tab's acting company: the wrapper's request cannot send it, the app is signed for it.
    const ticket = frameTickets.issue({ path: opened.src, call, target }, FRAME_TICKET_TTL_MS);
    return { ...opened, src: `${opened.src}${opened.src.includes('?') ? '&' : '?'}${EMBED_TICKET_PARAM}=${ticket}` };
  }

  /** Browser mode's embedded app: the wrapper page with its own CSP around the sandboxed app frame. */
  async function embedFrame(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const send = (page: EmbedFramePage): void => {
      res.writeHead(page.status, page.headers).end(req.method === 'HEAD' ? undefined : page.html);
    };
    const ticketed = frameTickets.take(url.searchParams.get(EMBED_TICKET_PARAM));
    const params = new URLSearchParams(url.search);
    params.delete(EMBED_TICKET_PARAM);
    const path = `${url.pathname}${params.size > 0 ? `?${params}` : ''}`;
    if (!ticketed || ticketed.path !== path) {
      return send(embedFrameError(401, 'This app view has expired or is not for this page. Open the app again from Manage Apps.'));
    }
    const request = parseEmbedFramePath(url.pathname, params);
    if (!request) return send(embedFrameError(404, 'There is no such embedded app page.'));
    let target: EmbedTarget;
    try {
      target = (await ticketed.target.invoke('embeddedApps.signedUrl', request, ticketed.call)) as EmbedTarget;
    } catch (error) {
      const apiError = toApiError(error, { what: 'Opening the app', log: logUnexpected });
      return send(embedFrameError(HTTP_STATUS_OF[apiError.code], apiError.message));
    }
    // An app on the console's own origin could lift its sandbox (allow-scripts + allow-same-origin) and drive the console.
    if (httpOrigin(target.origin) === null || (access ? access.isAllowedOrigin(target.origin, req) : isAllowedOrigin(target.origin, port))) {
      return send(embedFrameError(403, `${target.appName} cannot be embedded: its Start URL must not be on the console's own origin.`));
    }
    return send(embedFramePage(target));
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') {
      res.writeHead(405, { Allow: 'GET' }).end();
      return;
    }
    const target = consoleOf(req);
    if (!target) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('Unauthorized\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    // The count of changes pushed so far: a page whose launch trade carried answers made at another count reloads them.
    res.write(access ? ': connected\n\n' : `${STREAM_SEQ_PREFIX}${pushedSeq}\n\n`);
    sseClients.add(res);
    // A team console: each person's stream carries their console's events (only companies they may see).
    // Ended when the server lets go of this person's console (team-access.ts): the page reconnects and resyncs.
    const own = access ? target.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`), () => res.end()) : null;
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      own?.();
      sseClients.delete(res);
    });
  }

  const unsubscribe = access
    ? () => undefined
    : options.console.onEvent((event) => {
        pushedSeq++;
        const line = `data: ${JSON.stringify(event)}\n\n`;
        for (const client of sseClients) client.write(line);
      });

  const listenHost = options.listenHost ?? LOOPBACK_HOST;
  port = await listenOn(server, options.port ?? 0, listenHost);
  const shownHost = listenHost === '0.0.0.0' || listenHost === '::' ? LOOPBACK_HOST : listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  const origin = `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`;
  const host: BrowserHost = {
    port,
    origin,
    launchLink(destination = {}) {
      launchDestination(destination);
      let settle!: (outcome: 'used' | 'expired') => void;
      const settled = new Promise<'used' | 'expired'>((resolve) => (settle = resolve));
      const token = launches.issue({ settle, destination }, LAUNCH_TTL_MS);
      const timer = setTimeout(() => {
        timers.delete(timer);
        settle('expired');
      }, LAUNCH_TTL_MS);
      timer.unref();
      timers.add(timer);
      return { url: `${origin}/#${LAUNCH_FRAGMENT_PARAM}=${token}`, expiresAt: now() + LAUNCH_TTL_MS, settled };
    },
    sessionCount: () => sessions.size,
    launched: () => firstPage.wasLaunched(),
    async close() {
      unsubscribe();
      firstPage.stop();
      for (const timer of timers) clearTimeout(timer);
      for (const client of sseClients) client.end();
      sseClients.clear();
      sessions.clear();
      access?.close();
      await closeServer(server);
    },
  };
  return host;
}

/** A launch link's destination from a caller, checked (a wrong one is refused naming the field). */
function launchDestination(value: unknown): LaunchDestination {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object') throw new ApiError('validation_failed', 'The body must be an object {"userId"?, "path"?}.');
  const { userId, path, ...rest } = value as Record<string, unknown>;
  const unknownKey = Object.keys(rest)[0];
  if (unknownKey !== undefined) throw new ApiError('validation_failed', `${unknownKey} is not a launch link field (userId, path)`, { fields: { [unknownKey]: ['is not a launch link field'] } });
  if (userId !== undefined && !(typeof userId === 'number' && Number.isSafeInteger(userId) && userId > 0)) {
    throw new ApiError('validation_failed', 'userId must be a user id (a positive whole number)', { fields: { userId: ['must be a user id'] } });
  }
  if (path !== undefined && !(typeof path === 'string' && SCREEN_PATH.test(path))) {
    throw new ApiError('validation_failed', 'path must be a console screen path such as /apps/12', { fields: { path: ['must be a console screen path such as /apps/12'] } });
  }
  return { ...(userId !== undefined ? { userId } : {}), ...(path !== undefined ? { path } : {}) };
}

function sendReply(res: ServerResponse, status: number, reply: CallReply): void {
  const text = JSON.stringify(reply);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiError, status = HTTP_STATUS_OF[error.code]): void {
  sendReply(res, status, { ok: false, error: error.toPayload() });
}

/** An ApiError thrown by the host's own checks (optionally with a `status` other than its code's). */
function sendThrown(res: ServerResponse, error: unknown): void {
  if (!(error instanceof ApiError)) throw error;
  sendError(res, error, (error as ApiError & { status?: number }).status ?? HTTP_STATUS_OF[error.code]);
}
