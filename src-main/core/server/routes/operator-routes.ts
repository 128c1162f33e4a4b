// Operator routes: the public health check, the developer docs (docs/platform-api.md as plain text), and
// everything under /_partnerdeck/, which needs the admin token that `partnerdeck serve` prints (other
// modules add their own /_partnerdeck/ routes; this module's guard protects them all).
import { existsSync, readFileSync } from 'node:fs';
import { HttpError } from '../http-error';
import { sendJson, sendText } from '../http-io';
import { secretsEqual } from '../loopback';
import type { PlatformModule, RouteContext } from '../router';

export const OPERATOR_PREFIX = '/_partnerdeck/';

/** Throws 401 unless the request carries `Authorization: Bearer <admin token>`. */
export function requireAdminToken(ctx: RouteContext): void {
  const auth = ctx.req.headers.authorization ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
  if (!token || !secretsEqual(token, ctx.deps.adminToken)) {
    throw new HttpError(401, 'unauthorized', 'admin token required', true, undefined, { 'WWW-Authenticate': 'Bearer realm="partnerdeck-admin"' });
  }
}

export const operatorModule: PlatformModule = () => ({
  prefixes: [{ prefix: OPERATOR_PREFIX, errors: 'json', guard: requireAdminToken }],
  routes: [
    {
      method: 'GET',
      path: '/health',
      handle: ({ res, deps }) => sendJson(res, 200, { ok: true, version: deps.version, now: deps.platform.clock.nowIso() }),
    },
    {
      method: 'GET',
      path: '/docs/platform-api.md',
      handle: ({ res, deps }) => {
        if (!deps.docsFile || !existsSync(deps.docsFile)) throw new HttpError(404, 'not_found', 'The developer docs are not bundled with this build (see docs/platform-api.md in the source).');
        sendText(res, 200, readFileSync(deps.docsFile, 'utf8'), 'text/plain; charset=utf-8');
      },
    },
    {
      method: 'GET',
      path: '/_partnerdeck/status',
      handle: ({ res, deps }) => {
        const { platform } = deps;
        sendJson(res, 200, {
          dataDir: platform.dataDir,
          companies: platform.repos.companies.countAll(),
          clock: { now: platform.clock.nowIso(), offsetMs: platform.clock.offsetMs() },
        });
      },
    },
  ],
});
