// Migration 003: apps (the API credentials of spec §3/§6) and webhooks (spec §4/§5), the tables that the
// OAuth server, the /admin REST API, the webhook dispatcher and the App Store all build on. Later
// migrations add what each of those needs (tokens, delivery state, store listing) in tables of their own.
// (Migration 002 is the shop data; it lands with the shop issue.)
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration003 = {
  id: 3,
  name: 'apps-and-webhooks',
  ...bothDialects(`
CREATE TABLE apps (
  id INTEGER PRIMARY KEY,
  -- The developer's company: apps are products created by a shop company (spec §6).
  company_id INTEGER NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  client_id TEXT NOT NULL UNIQUE,
  -- The Shared Secret, sealed by the SecretStore (it is needed back to sign webhooks and embed URLs).
  client_secret_sealed TEXT NOT NULL,
  -- JSON array of redirect URIs, compared by exact string match.
  redirect_uris TEXT NOT NULL DEFAULT '[]',
  -- Canonical comma-separated scopes the app asks for (its "Permissions").
  scopes TEXT NOT NULL DEFAULT '',
  -- Must be identical to one of redirect_uris when set (spec §6).
  authorization_url TEXT,
  -- Makes it an embedded app.
  start_url TEXT,
  developer_email TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX apps_company ON apps(company_id);

CREATE TABLE webhooks (
  id INTEGER PRIMARY KEY,
  -- A webhook is bound to one app and one company (spec §5).
  app_id INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  address TEXT NOT NULL,
  -- Canonical topic (orders/create is stored as order/create).
  topic TEXT NOT NULL,
  format TEXT NOT NULL DEFAULT 'json' CHECK (format = 'json'),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  deactivated_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX webhooks_company_topic ON webhooks(company_id, topic, is_active);
CREATE INDEX webhooks_app_company ON webhooks(app_id, company_id);
`),
};
