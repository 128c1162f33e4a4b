// Migration 023 (issue 21 item 3): single-use, short-lived tokens in the database instead of one server's memory,
// so a token issued by one process is redeemed by another on the same data folder (the desktop app and a serve;
// later several team servers on one PostgreSQL). First user: the OAuth consent tickets, the authorization flow's
// sign-in sessions (core/server/oauth/authorize-routes.ts). Only the SHA-256 of a token is kept (a stolen copy of
// the folder holds no usable ticket); redemption is ONE `DELETE ... RETURNING`, so of two processes racing for a
// ticket exactly one gets it. Expiry is platform time (the clock service); expired rows are swept on each issue.
//
// PostgreSQL form (made from this text by core/postgres/postgres-dialect.ts): the same statements with BIGINT for
// INTEGER and no STRICT; `DELETE ... RETURNING` is native there too.
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration023 = {
  id: 23,
  name: 'one-time-tokens',
  ...bothDialects(`
CREATE TABLE one_time_tokens (
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX one_time_tokens_expiry ON one_time_tokens(expires_at);
`),
};
