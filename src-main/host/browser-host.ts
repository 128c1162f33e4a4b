// The browser host: serves the renderer and the console API on 127.0.0.1 only, so the console runs in a
// normal Chromium tab. Protected by a per-launch secret (the console URL carries it once and trades it
// for an HttpOnly, SameSite=Strict cookie), Host checks against DNS rebinding, and Origin plus a custom
// header against CSRF — so neither another local program nor a web page can drive it.
import { logFor } from '../core/logging/logger';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CSRF_HEADER, HTTP_API_PREFIX, HTTP_EVENTS_PATH, type CallReply, type ConsoleTransportTarget } from '../../src-shared/api/contract';
import { ApiError, HTTP_STATUS_OF } from '../../src-shared/api/errors';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/api/content-security-policy';
import { EMBED_FRAME_PREFIX, parseEmbedFramePath } from '../../src-shared/api/embed-frame';
import type { EmbedTarget } from '../../src-shared/api/embedded-app-types';
import { httpOrigin } from '../../src-shared/domain/embedded-apps';
import { toApiError } from '../core/errors';
import { closeServer, isAllowedHost, isAllowedOrigin, listenOnLoopback, LOOPBACK_HOST, secretsEqual } from '../core/server/loopback';
import { embedFrameError, embedFramePage, type EmbedFramePage } from './embed-frame-page';

export interface BrowserHostOptions {
  console: ConsoleTransportTarget;
  rendererDir: string;
  port?: number;
  /** The per-launch secret; random when omitted. */
  secret: string;
}

export interface BrowserHost {
  port: number;
  origin: string;
  /** The URL to open: carries the launch secret once. */
  consoleUrl: string;
  close(): Promise<void>;
}


const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const MAX_BODY_BYTES = 1024 * 1024;

const logUnexpected = (message: string, error: unknown): void => logFor('browser-host').error(message, error);

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { secret } = options;
  let port = 0;
  let cookieName = 'pd_session';
  const sseClients = new Set<ServerResponse>();

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      const apiError = toApiError(error, { what: `${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0]}`, log: logUnexpected });
      if (!res.headersSent) sendError(res, apiError);
      else res.end();
    });
  });

  function baseHeaders(res: ServerResponse): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  }

  function isAuthenticated(req: IncomingMessage): boolean {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && secretsEqual(auth.slice(7), secret)) return true;
    const cookie = parseCookies(req.headers.cookie ?? '')[cookieName];
    return cookie !== undefined && secretsEqual(cookie, secret);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    baseHeaders(res);
    if (!isAllowedHost(req.headers.host, port)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request: unknown Host header.\n');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);

    if (url.pathname === HTTP_EVENTS_PATH) return events(req, res);
    if (url.pathname.startsWith(HTTP_API_PREFIX)) return api(req, res, url.pathname.slice(HTTP_API_PREFIX.length));

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname.startsWith(EMBED_FRAME_PREFIX)) return embedFrame(req, res, url);
    const launch = url.searchParams.get('launch');
    if (url.pathname === '/' && launch !== null) {
      if (!secretsEqual(launch, secret)) return unauthorizedPage(res);
      // Trade the secret in the URL for a cookie and drop it from the address bar and history.
      res.writeHead(303, {
        'Set-Cookie': `${cookieName}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      if (!isAuthenticated(req)) return unauthorizedPage(res);
      return serveFile(res, join(options.rendererDir, 'index.html'), true);
    }
    let requestPath: string;
    try {
      requestPath = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request: the path has malformed percent-encoding.\n');
      return;
    }
    const file = safeJoin(options.rendererDir, requestPath);
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    return serveFile(res, file, false);
  }

  async function api(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, new ApiError('unknown_method', 'Console methods are called with POST.'), 405);
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !isAllowedOrigin(origin, port)) {
      return sendError(res, new ApiError('forbidden', 'Cross-origin requests are refused.'), 403);
    }
    if (req.headers[CSRF_HEADER] !== '1') {
      return sendError(res, new ApiError('forbidden', `Missing the ${CSRF_HEADER} header.`), 403);
    }
    if (!isAuthenticated(req)) {
      return sendError(res, new ApiError('unauthorized', 'This console session is not authorized. Open the URL that `partnerdeck console` printed.'), 401);
    }
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) {
      return sendError(res, new ApiError('validation_failed', 'The body must be JSON (Content-Type: application/json).'), 415);
    }
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        // Answer, then close the connection instead of reading the rest of an oversized body.
        res.setHeader('Connection', 'close');
        res.once('finish', () => req.destroy());
        return sendError(res, new ApiError('validation_failed', `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB.`), 413);
      }
      return sendError(res, new ApiError('validation_failed', `The body is not valid JSON: ${(error as Error).message}`), 400);
    }
    try {
      const result = await options.console.invoke(method, input);
      sendReply(res, 200, { ok: true, result: result ?? null });
    } catch (error) {
      sendError(res, toApiError(error, { what: method, log: logUnexpected }));
    }
  }

  /** Browser mode's embedded app: the wrapper page with its own CSP around the sandboxed app frame. */
  async function embedFrame(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const send = (page: EmbedFramePage): void => {
      res.writeHead(page.status, page.headers).end(req.method === 'HEAD' ? undefined : page.html);
    };
    if (!isAuthenticated(req)) return send(embedFrameError(401, 'This console session is not authorized.'));
    const request = parseEmbedFramePath(url.pathname, url.searchParams);
    if (!request) return send(embedFrameError(404, 'There is no such embedded app page.'));
    let target: EmbedTarget;
    try {
      target = (await options.console.invoke('embeddedApps.signedUrl', request)) as EmbedTarget;
    } catch (error) {
      const apiError = toApiError(error, { what: 'Opening the app', log: logUnexpected });
      return send(embedFrameError(HTTP_STATUS_OF[apiError.code], apiError.message));
    }
    // An app on the console's own origin could lift its sandbox (allow-scripts + allow-same-origin) and drive the console.
    if (httpOrigin(target.origin) === null || isAllowedOrigin(target.origin, port)) {
      return send(embedFrameError(403, `${target.appName} cannot be embedded: its Start URL must not be on the console's own origin.`));
    }
    return send(embedFramePage(target));
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') {
      res.writeHead(405, { Allow: 'GET' }).end();
      return;
    }
    if (!isAuthenticated(req)) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Unauthorized\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    sseClients.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      sseClients.delete(res);
    });
  }

  const unsubscribe = options.console.onEvent((event) => {
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of sseClients) client.write(line);
  });

  function serveFile(res: ServerResponse, file: string, isIndex: boolean): void {
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': isIndex ? 'no-store' : 'no-cache',
      ...(isIndex ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {}),
    });
    createReadStream(file).pipe(res);
  }

  function unauthorizedPage(res: ServerResponse): void {
    res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" });
    res.end(
      '<!doctype html><meta charset="utf-8"><title>PartnerDeck</title><body style="font:15px system-ui;margin:15vh auto;max-width:36em;color:#333">' +
        '<h1 style="font-size:20px">This PartnerDeck console needs its launch link</h1>' +
        '<p>For your safety the console only opens from the link that <code>partnerdeck console</code> printed (it carries a secret made for this launch). ' +
        'Run the command again, or use the link it printed.</p></body>',
    );
  }

  port = await listenOnLoopback(server, options.port ?? 0);
  cookieName = `pd_session_${port}`;
  const origin = `http://${LOOPBACK_HOST}:${port}`;
  return {
    port,
    origin,
    consoleUrl: `${origin}/?launch=${encodeURIComponent(secret)}`,
    async close() {
      unsubscribe();
      for (const client of sseClients) client.end();
      sseClients.clear();
      await closeServer(server);
    },
  };
}

function sendReply(res: ServerResponse, status: number, reply: CallReply): void {
  const text = JSON.stringify(reply);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiError, status = HTTP_STATUS_OF[error.code]): void {
  sendReply(res, status, { ok: false, error: error.toPayload() });
}

function parseCookies(header: string): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies[part.slice(0, index).trim()] = part.slice(index + 1).trim();
  }
  return cookies;
}

function safeJoin(root: string, requestPath: string): string | null {
  const target = normalize(join(root, requestPath));
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  return target.startsWith(base) ? target : null;
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData);
        req.pause();
        reject(new BodyTooLargeError('body too large'));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
