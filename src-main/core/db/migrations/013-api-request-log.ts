// Migration 013: the API request log (docs/platform-api.md, "The API request log"). One row per request to
// /admin, /token and /api/tokeninfo: platform time, the app and company it was made for (when the request
// named them), method, path with secret query values replaced, status, latency and error code. Never a token,
// a secret or a body. `notes` is JSON: local-only conveniences the request relied on and what the hosted
// platform would have done (hosted-compatibility mode). No foreign keys: the log outlives deleted apps and
// companies, like the delivery log; it is kept for API_LOG_RETENTION_DAYS of platform time.
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration013 = {
  id: 13,
  name: 'api-request-log',
  ...bothDialects(`
CREATE TABLE api_requests (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  app_id INTEGER,
  company_id INTEGER,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL,
  duration_ms REAL NOT NULL,
  error_code TEXT,
  notes TEXT
) STRICT;
CREATE INDEX api_requests_at ON api_requests(at);
CREATE INDEX api_requests_app ON api_requests(app_id, id);
CREATE INDEX api_requests_company ON api_requests(company_id, id);
`),
};
