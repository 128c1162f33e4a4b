// The platform server's part of the API request log: it observes every finished request and hands those to
// /admin, /token and /api/tokeninfo to the log's buffer (api-log-service.ts); the server's close writes what
// is still waiting. Nothing here runs before the answer is sent.
import type { PlatformModule } from '../server/router';
import { redactedPath } from './redact-path';

/** The paths the log records (issue 19 item 5). */
export function isLoggedPath(pathname: string): boolean {
  return pathname.startsWith('/admin/') || pathname === '/admin' || pathname === '/token' || pathname === '/api/tokeninfo';
}

export const apiLogModule: PlatformModule = ({ platform }) => ({
  routes: [],
  observe({ at, method, url, status, durationMs, trace, clientAddress }) {
    if (!url || !isLoggedPath(url.pathname)) return;
    platform.apiLog.record({
      at,
      appId: trace.appId,
      companyId: trace.companyId,
      method,
      path: redactedPath(url),
      status,
      durationMs,
      errorCode: trace.errorCode,
      notes: trace.notes,
      clientAddress,
    });
  },
  close: () => platform.apiLog.flush(),
});
