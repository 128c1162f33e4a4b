// Migration 004: the OAuth 2.0 server (spec §3). App authorizations (which company granted which app which
// scopes, by whom; revocable), authorization codes, and token families with their refresh and access
// tokens. Secrets are stored only as SHA-256 hashes (hex): codes, tokens, and the apps' shared secrets
// (whose sealed copy in `apps.client_secret_sealed` is kept for signing webhooks and embed URLs).
// Times are epoch milliseconds from the clock service.
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration004 = {
  id: 4,
  name: 'oauth',
  ...bothDialects(`
-- Verifying a client never needs the secret back: compare hashes in constant time. Empty for apps made
-- before this migration (none are: apps are created from this migration on).
ALTER TABLE apps ADD COLUMN client_secret_hash TEXT NOT NULL DEFAULT '';

-- A company's grant to an app: the base of its tokens (and, later, of App Store installs). One active row
-- per (app, company); a new consent updates it, a revocation ends it and every token issued under it.
CREATE TABLE app_authorizations (
  id INTEGER PRIMARY KEY,
  app_id INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  -- Canonical comma-separated scopes granted.
  scopes TEXT NOT NULL,
  granted_by_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  -- Who granted it, as shown in the console (kept when the user is removed).
  granted_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  revoked_at INTEGER,
  revoked_by TEXT
) STRICT;
CREATE UNIQUE INDEX app_authorizations_active ON app_authorizations(app_id, company_id) WHERE revoked_at IS NULL;
CREATE INDEX app_authorizations_company ON app_authorizations(company_id, revoked_at);

-- Authorization codes: single use, 10 minutes, bound to client, redirect URI, user, company, scopes and
-- the PKCE challenge (S256 only).
CREATE TABLE oauth_codes (
  id INTEGER PRIMARY KEY,
  code_hash TEXT NOT NULL UNIQUE,
  app_id INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  authorization_id INTEGER NOT NULL REFERENCES app_authorizations(id) ON DELETE CASCADE,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  redirect_uri TEXT NOT NULL,
  scopes TEXT NOT NULL,
  code_challenge TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) STRICT;
CREATE INDEX oauth_codes_expires ON oauth_codes(expires_at);

-- A token family: everything one authorization code led to, through any number of refresh rotations.
-- Revoking the family (code reuse, refresh-token reuse, revoked authorization, removed user) ends all of
-- its tokens at once.
CREATE TABLE oauth_token_families (
  id INTEGER PRIMARY KEY,
  app_id INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  authorization_id INTEGER NOT NULL REFERENCES app_authorizations(id) ON DELETE CASCADE,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  -- The user on whose behalf the tokens act; NULL once the user is removed (the tokens stop working).
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  -- The upper bound of every token in the family (what was granted with the code).
  scopes TEXT NOT NULL,
  code_id INTEGER REFERENCES oauth_codes(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  revoked_reason TEXT
) STRICT;
CREATE INDEX oauth_token_families_code ON oauth_token_families(code_id);
CREATE INDEX oauth_token_families_authorization ON oauth_token_families(authorization_id, revoked_at);
CREATE INDEX oauth_token_families_user ON oauth_token_families(user_id);

-- One row per issued pair: the refresh token (found by its hash: the wire format is fixed to 32 hex
-- characters) and the access token issued with it ('<row id in base 36>.<secret>': found by the row id, its
-- secret checked against access_hash in constant time, so no second random index is written per refresh).
-- used_at marks the refresh token exchanged (once); parent_id links a rotation to the pair it replaced (a plain
-- id: rows go only with their whole family).
CREATE TABLE oauth_tokens (
  id INTEGER PRIMARY KEY,
  family_id INTEGER NOT NULL REFERENCES oauth_token_families(id) ON DELETE CASCADE,
  parent_id INTEGER,
  refresh_hash TEXT NOT NULL UNIQUE,
  access_hash TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  access_expires_at INTEGER NOT NULL,
  used_at INTEGER
) STRICT;
CREATE INDEX oauth_tokens_family ON oauth_tokens(family_id);
`),
};
