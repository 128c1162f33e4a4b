// Migration 026 (issue 21 item 5): the sessions of a team server's console (`partnerdeck serve --console`), where
// every person signs in with email and password. Kept in the database, so any server of the team (later several on
// one PostgreSQL) knows a session another one made, and signing out (or deleting the user) ends it everywhere.
// Only the SHA-256 of the session token is stored: a copy of the folder or the database holds no usable session.
// Times are platform time (the clock service): `last_seen_at` for the idle expiry, `expires_at` the absolute one.
// A deleted user's sessions go with it (ON DELETE CASCADE). The desktop app and `partnerdeck console` keep their
// launch-link sessions in memory, as before; they never write here.
//
// PostgreSQL form (below, drafted by scripts/postgres-migration-draft.mjs): bigint times and ids, no STRICT.
export const migration026 = {
  id: 26,
  name: 'team-sessions',
  sql: `
CREATE TABLE team_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  client_address TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX team_sessions_user ON team_sessions(user_id);
CREATE INDEX team_sessions_expiry ON team_sessions(expires_at);
`,
  postgres: `
CREATE TABLE team_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  client_address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX team_sessions_user ON team_sessions(user_id);
CREATE INDEX team_sessions_expiry ON team_sessions(expires_at);
`,
};
