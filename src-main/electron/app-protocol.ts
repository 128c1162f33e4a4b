// Serves the renderer (dist/renderer) on the privileged app://partnerdeck scheme: only files under that
// folder, only GET/HEAD, every response with the strict Content-Security-Policy and nosniff.
import { protocol } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { withThemeChoice, type ThemeChoice } from '../../src-shared/api/theme-choice';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './window-security';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Must run before `app` is ready: a standard, secure scheme (so it has a real origin), no CSP bypass. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * Maps an app:// URL to a file under `rendererDir`, or null when it is on another host or would leave the
 * folder. Paths without a file extension are client-side routes and get index.html.
 */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username || parsed.password) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = resolve(rendererDir);
  const relative = pathname === '/' || extname(pathname) === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = resolve(join(root, relative));
  return file.startsWith(root + sep) ? file : null;
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
  });
}

export interface AppProtocolOptions {
  /** The saved theme (prefs.json), written into index.html (`data-theme-choice`). */
  themeChoice?: () => ThemeChoice;
}

/** The protocol handler, separate from its registration so tests can call it with plain Requests. */
export function createAppProtocolHandler(rendererDir: string, options: AppProtocolOptions = {}): (request: { url: string; method: string }) => Promise<Response> {
  const page = resolve(join(rendererDir, 'index.html'));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return plain(404, 'Not found');
    try {
      if (!(await stat(file)).isFile()) return plain(404, 'Not found');
      const read = request.method === 'HEAD' ? null : await readFile(file);
      // The page carries the saved theme (first paint; nativeTheme follows it too).
      const body = read !== null && options.themeChoice && resolve(file) === page ? withThemeChoice(read.toString('utf8'), options.themeChoice()) : read;
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
        },
      });
    } catch {
      return plain(404, 'Not found');
    }
  };
}

/** Installs the handler on the default session (call after `app` is ready). */
export function installAppProtocol(rendererDir: string, options: AppProtocolOptions = {}): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir, options));
}
