// Migration 028 (issue 21 items 2 and 3): what several servers in front of one database need.
// - api_requests.client_address: the address a request came from (the connection's, or with `serve --trust-proxy`
//   the last X-Forwarded-For hop, the one the proxy added). NULL for the rows logged before this migration.
// - dispatcher_lease replaces migration 005's webhook_dispatcher_lease (docs/architecture.md "The dispatcher's
//   lease"): a row per lease name ('webhooks'), its `holder` (a random id per dispatcher start), the `host` it runs
//   on (a holder whose process is gone is replaced at once only when it ran on this very machine: a process id
//   means nothing on another one), `pid` (for the folder-in-use messages and `dispatcherPid` only) and `expires_at`
//   (real epoch ms, never platform time; on PostgreSQL the database server's clock). Migration 005's
//   webhook_dispatcher_lease is left in place, unused from here on (a one-row table; dropping it gains nothing, and
//   a migration's SQLite text never changes once released).
// Registered by the webhooks area (core/areas/webhooks.ts); api_requests belongs to the developer tools (013).
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration028 = {
  id: 28,
  name: 'team-server-network',
  ...bothDialects(`
ALTER TABLE api_requests ADD COLUMN client_address TEXT;

CREATE TABLE dispatcher_lease (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
`),
};
