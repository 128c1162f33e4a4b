// The platform's own HTTP server on 127.0.0.1 (what `partnerdeck serve` runs headless, and what the
// desktop app and browser mode start beside the console). OAuth, /admin REST and tokeninfo join it in
// later issues. Today it answers a public health check and an operator status guarded by the admin token.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Platform } from '../platform';
import { closeServer, isAllowedHost, listenOnLoopback, LOOPBACK_HOST, secretsEqual } from './loopback';

export interface PlatformServer {
  url: string;
  port: number;
  adminToken: string;
  close(): Promise<void>;
}

export interface PlatformServerOptions {
  port?: number;
  version: string;
}

export async function startPlatformServer(platform: Platform, options: PlatformServerOptions): Promise<PlatformServer> {
  const adminToken = platform.ids.token(32);
  let port = 0;
  const server: Server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      console.error('platform server error:', error);
      sendJson(res, 500, { error: 'internal_error' });
    }
  });

  function handle(req: IncomingMessage, res: ServerResponse): void {
    if (!isAllowedHost(req.headers.host, port)) return sendJson(res, 421, { error: 'misdirected_request', error_description: 'unknown Host header' });
    const url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);
    if (req.method === 'GET' && url.pathname === '/health') {
      return sendJson(res, 200, { ok: true, version: options.version, now: platform.clock.nowIso() });
    }
    if (url.pathname.startsWith('/_partnerdeck/')) {
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (!token || !secretsEqual(token, adminToken)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="partnerdeck-admin"');
        return sendJson(res, 401, { error: 'unauthorized', error_description: 'admin token required' });
      }
      if (req.method === 'GET' && url.pathname === '/_partnerdeck/status') {
        return sendJson(res, 200, {
          dataDir: platform.dataDir,
          companies: platform.repos.companies.countAll(),
          clock: { now: platform.clock.nowIso(), offsetMs: platform.clock.offsetMs() },
        });
      }
    }
    sendJson(res, 404, { error: 'not_found' });
  }

  port = await listenOnLoopback(server, options.port ?? 0);
  const url = `http://${LOOPBACK_HOST}:${port}`;
  platform.setPublicUrl(url);
  return { url, port, adminToken, close: () => closeServer(server) };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}
