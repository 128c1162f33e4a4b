// Migration 024 (issue 21 item 3): the sign-in throttle (core/server/oauth/login-throttle.ts) in the database, so a
// lock survives a restart and holds on every process of the data folder (a guess on the desktop app's server
// counts on the serve's too). One row per email (normalized: trimmed, lower case); times are platform time.
// The throttle's rules (5 free failures, 30 s doubling to 15 min, records idle for an hour may go once there are
// 10,000, past 100,000 new emails share one record) are in that file; every change is one IMMEDIATE transaction.
//
// PostgreSQL form (made from this text by core/postgres/postgres-dialect.ts): BIGINT for INTEGER, no STRICT, the same
// index; the read-modify-write as `SELECT ... FOR UPDATE` in one transaction, or a single
// `INSERT ... ON CONFLICT (email) DO UPDATE`.
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration024 = {
  id: 24,
  name: 'login-throttles',
  ...bothDialects(`
CREATE TABLE login_throttles (
  email TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  locked_until INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL
) STRICT;
CREATE INDEX login_throttles_last_failure ON login_throttles(last_failure_at);
`),
};
