// Migration 001: companies, partners, users, partner requests, shop settings, the outbox, settings and
// the audit log. Times are epoch milliseconds from the clock service.
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration001 = {
  id: 1,
  name: 'foundation',
  ...bothDialects(`
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE companies (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  street TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL,
  vat_id TEXT,
  token TEXT,
  is_sample INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
  payment_route TEXT NOT NULL DEFAULT 'direct' CHECK (payment_route IN ('direct', 'via_partner')),
  is_partner INTEGER NOT NULL DEFAULT 0 CHECK (is_partner IN (0, 1)),
  partner_id INTEGER REFERENCES companies(id),
  admin_domain TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (partner_id IS NULL OR partner_id <> id),
  CHECK (payment_route = 'direct' OR partner_id IS NOT NULL)
) STRICT;
CREATE INDEX companies_partner ON companies(partner_id, name COLLATE NOCASE);
CREATE UNIQUE INDEX companies_token ON companies(token) WHERE token IS NOT NULL;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  permissions TEXT NOT NULL DEFAULT '[]',
  is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX users_company ON users(company_id);

CREATE TABLE partner_attestations (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  partner_id INTEGER NOT NULL REFERENCES companies(id),
  user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  statement TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE partner_requests (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  partner_id INTEGER NOT NULL REFERENCES companies(id),
  requested_by_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  message TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'cancelled')),
  created_at INTEGER NOT NULL,
  decided_at INTEGER
) STRICT;
CREATE INDEX partner_requests_partner ON partner_requests(partner_id, status);
CREATE INDEX partner_requests_company ON partner_requests(company_id, status);
CREATE UNIQUE INDEX partner_requests_one_pending ON partner_requests(company_id, partner_id) WHERE status = 'pending';

CREATE TABLE shop_settings (
  company_id INTEGER PRIMARY KEY REFERENCES companies(id),
  shop_name TEXT NOT NULL,
  currency TEXT NOT NULL,
  default_vat_rate_bp INTEGER NOT NULL,
  storefront_open INTEGER NOT NULL DEFAULT 0 CHECK (storefront_open IN (0, 1)),
  support_email TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  company_id INTEGER REFERENCES companies(id),
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  read_at INTEGER
) STRICT;
CREATE INDEX outbox_company ON outbox(company_id, id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  company_id INTEGER,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX audit_log_company ON audit_log(company_id, id);
`),
};
