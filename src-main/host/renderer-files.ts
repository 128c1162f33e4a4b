// The console's page and the renderer's files as the browser host serves them (GET and HEAD outside the API, the
// event stream and embedded-app frames): the page itself with its Content-Security-Policy, the saved theme written
// on it (its first paint needs it) or, on a team console, the team marker (and the sign-in page for a visitor who
// is not signed in); every other file from the renderer's folder by a path that cannot leave it. The page holds no
// secret (the same bundle for everybody): what it may do is decided by the session it gets from a launch link.
// How the bytes go out (compression, caching by content hash) is static-files.ts.
import { existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/api/content-security-policy';
import { TEAM_CONSOLE_ATTRIBUTE } from '../../src-shared/api/team-console';
import { withThemeChoice, type ThemeChoice } from '../../src-shared/api/theme-choice';
import { isContentHashed, sendStaticFile, sendTransformedFile } from './static-files';
import { TEAM_SIGN_IN_PATH, type TeamAccess } from './team-access';

export interface RendererFilesOptions {
  rendererDir: string;
  /** The saved theme (prefs.json), written into the page (none: the page's default). */
  themeChoice?: () => ThemeChoice;
  /** A team server's console: the page is for signed-in people only and says it is a team console. */
  access?: TeamAccess;
}

/** Answers a GET or HEAD for the page or one of the renderer's files (404 when there is no such file). */
export function serveRendererFile(req: IncomingMessage, res: ServerResponse, url: URL, options: RendererFilesOptions): Promise<void> | void {
  const { access, themeChoice } = options;
  if (url.pathname === '/' || url.pathname === '/index.html') {
    const page = { caching: 'no-store', headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } } as const;
    const file = join(options.rendererDir, 'index.html');
    // A team console's page is for signed-in people only; it says it is one (the page signs out instead of
    // asking for a launch link).
    if (access) {
      if (!access.consoleOf(req)) {
        res.writeHead(303, { Location: TEAM_SIGN_IN_PATH, 'Cache-Control': 'no-store' }).end();
        return;
      }
      return sendTransformedFile(req, res, file, (html) => html.replace(/<html(?=[\s>])/i, `<html ${TEAM_CONSOLE_ATTRIBUTE}`), page);
    }
    return themeChoice ? sendTransformedFile(req, res, file, (html) => withThemeChoice(html, themeChoice()), page) : sendStaticFile(req, res, file, page);
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
  // Scripts and styles are named after their content's hash (scripts/build.mjs): a name never gets other content.
  return sendStaticFile(req, res, file, { caching: isContentHashed(requestPath) ? 'immutable' : 'revalidate' });
}

/** `root` joined with a request's path, or null when the result would lie outside `root`. */
export function safeJoin(root: string, requestPath: string): string | null {
  const target = normalize(join(root, requestPath));
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  return target.startsWith(base) ? target : null;
}
