// Migration 007: the month close (spec §7, docs/billing.md). Issued documents (reports, invoices, credit
// notes of the platform, and partners' invoices to their managed clients) with their per-shop parts and
// lines; gapless number sequences per issuer, type and year; the close runs and, per company and month,
// how the company was billed (the unit that makes a second close change nothing); the partners' prices
// for their clients and the invoices drafted from them. Issued documents are immutable: triggers refuse
// every UPDATE and DELETE of them (a correction is a new document). Times are platform epoch ms.
import { bothDialects } from '../../postgres/postgres-dialect';
import { immutableTriggers } from './sql-text';

export const migration007 = {
  id: 7,
  name: 'month-close',
  ...bothDialects(`
CREATE TABLE billing_closes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  -- 'all' (the operator closed every company) or 'partner:<id>' (a partner's scope: itself and its clients).
  scope TEXT NOT NULL,
  actor TEXT NOT NULL,
  closed_at INTEGER NOT NULL,
  companies INTEGER NOT NULL,
  documents INTEGER NOT NULL
) STRICT;
CREATE INDEX billing_closes_month ON billing_closes(month, id);

-- One row per company and month once its month is closed: how it was billed, with the route, partner and
-- sample flag in force at the close, and the figures the documents were made from (to tell later changes).
CREATE TABLE billing_close_companies (
  month TEXT NOT NULL,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  close_id INTEGER NOT NULL REFERENCES billing_closes(id),
  -- direct: its own documents; via_partner: inside its partner's; partner: a partner's own documents;
  -- sample: never billed; nothing: no sales, nothing to bill.
  billed_as TEXT NOT NULL CHECK (billed_as IN ('direct', 'via_partner', 'partner', 'sample', 'nothing')),
  route TEXT NOT NULL CHECK (route IN ('direct', 'via_partner')),
  partner_id INTEGER,
  -- JSON: per currency the figures the close used (orders, net and gross of the shop's own products, app and theme net).
  figures TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (month, company_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX billing_close_companies_partner ON billing_close_companies(partner_id, month) WHERE partner_id IS NOT NULL;

-- Gapless numbers: the next number is taken in the transaction that issues the document.
CREATE TABLE billing_sequences (
  -- 'PD' (the platform) or 'P<partner id>' (a partner's invoices to its clients).
  prefix TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('report', 'invoice', 'credit_note')),
  year INTEGER NOT NULL,
  last_number INTEGER NOT NULL CHECK (last_number >= 1),
  PRIMARY KEY (prefix, type, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE billing_documents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  number TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL CHECK (type IN ('report', 'invoice', 'credit_note')),
  -- NULL: the platform; else the partner that issued an invoice to its client.
  issuer_company_id INTEGER REFERENCES companies(id),
  recipient_company_id INTEGER NOT NULL REFERENCES companies(id),
  -- Copied from the snapshots below for search and sort.
  issuer_name TEXT NOT NULL,
  recipient_name TEXT NOT NULL,
  -- The period (YYYY-MM) the document is about.
  month TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  -- direct: the recipient's own documents; partner: a partner's combined documents (per-shop parts).
  billed_as TEXT NOT NULL CHECK (billed_as IN ('direct', 'partner')),
  -- Per-shop parts about managed clients (partner documents).
  shop_count INTEGER NOT NULL DEFAULT 0,
  close_id INTEGER REFERENCES billing_closes(id),
  corrects_document_id INTEGER REFERENCES billing_documents(id),
  reason TEXT,
  -- JSON snapshots of both parties as they were at issue (name, address lines, country, VAT-ID, email).
  issuer TEXT NOT NULL,
  recipient TEXT NOT NULL,
  vat_rate_bp INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  vat_reason TEXT,
  reverse_charge INTEGER NOT NULL CHECK (reverse_charge IN (0, 1)),
  net_minor INTEGER NOT NULL,
  vat_minor INTEGER NOT NULL,
  gross_minor INTEGER NOT NULL CHECK (gross_minor = net_minor + vat_minor),
  -- JSON array of sentences printed under the lines (VAT treatment, route, ...).
  notes TEXT NOT NULL DEFAULT '[]',
  issued_at INTEGER NOT NULL,
  due_at INTEGER
) STRICT;
CREATE INDEX billing_documents_recipient ON billing_documents(recipient_company_id, month, id);
CREATE INDEX billing_documents_month ON billing_documents(month, id);
CREATE INDEX billing_documents_issuer ON billing_documents(issuer_company_id, id) WHERE issuer_company_id IS NOT NULL;
CREATE INDEX billing_documents_corrects ON billing_documents(corrects_document_id) WHERE corrects_document_id IS NOT NULL;

-- The parts of a document: one per shop (a managed client's own report, invoice or credit note inside its
-- partner's document, numbered <document number>/<position>), and the partner's own part (revenue share).
CREATE TABLE billing_document_sections (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES billing_documents(id),
  position INTEGER NOT NULL,
  number TEXT,
  company_id INTEGER REFERENCES companies(id),
  title TEXT NOT NULL,
  subtitle TEXT NOT NULL DEFAULT '',
  net_minor INTEGER NOT NULL,
  vat_minor INTEGER NOT NULL,
  gross_minor INTEGER NOT NULL CHECK (gross_minor = net_minor + vat_minor),
  UNIQUE (document_id, position)
) STRICT;
CREATE INDEX billing_document_sections_company ON billing_document_sections(company_id, document_id) WHERE company_id IS NOT NULL;

CREATE TABLE billing_document_lines (
  section_id INTEGER NOT NULL REFERENCES billing_document_sections(id),
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  description TEXT NOT NULL,
  quantity INTEGER,
  basis_minor INTEGER,
  rate_bp INTEGER,
  net_minor INTEGER NOT NULL,
  vat_minor INTEGER NOT NULL,
  gross_minor INTEGER NOT NULL CHECK (gross_minor = net_minor + vat_minor),
  in_total INTEGER NOT NULL CHECK (in_total IN (0, 1)),
  PRIMARY KEY (section_id, position)
) STRICT, WITHOUT ROWID;

${immutableTriggers('issued documents are immutable: issue a correction instead', 'billing_documents', 'billing_document_sections', 'billing_document_lines')}
-- A close run and its per-company rows are the record that a month was closed: never changed either.
${immutableTriggers('a closed month stays closed', 'billing_close_companies')}

-- A partner's own prices for a client (spec §1 "its own price list for its clients"): a monthly fee in the
-- price's currency and/or a percentage of the client's net sales.
CREATE TABLE partner_client_prices (
  company_id INTEGER PRIMARY KEY REFERENCES companies(id),
  partner_id INTEGER NOT NULL REFERENCES companies(id),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  monthly_fee_minor INTEGER NOT NULL CHECK (monthly_fee_minor >= 0),
  percent_bp INTEGER NOT NULL CHECK (percent_bp BETWEEN 0 AND 10000),
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX partner_client_prices_partner ON partner_client_prices(partner_id);

-- Invoices a partner drafts to its managed clients after a close (mutable until issued; issuing writes a
-- billing_documents row in the partner's own number sequence and removes the draft).
CREATE TABLE partner_invoice_drafts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  partner_id INTEGER NOT NULL REFERENCES companies(id),
  company_id INTEGER NOT NULL REFERENCES companies(id),
  month TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  -- JSON array of lines (kind, description, basis, rate, net, VAT, gross).
  lines TEXT NOT NULL,
  vat_rate_bp INTEGER NOT NULL,
  vat_reason TEXT NOT NULL,
  reverse_charge INTEGER NOT NULL CHECK (reverse_charge IN (0, 1)),
  net_minor INTEGER NOT NULL,
  vat_minor INTEGER NOT NULL,
  gross_minor INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (partner_id, company_id, month, currency)
) STRICT;
`, [
    // The function the immutability triggers call (SQLite's RAISE(ABORT, …) has no PostgreSQL form).
    {
      find: 'CREATE TRIGGER billing_documents_immutable_update ',
      replace:
        'CREATE FUNCTION partnerdeck_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$\n' +
        'BEGIN\n' +
        "  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';\n" +
        'END;\n' +
        '$$;\n' +
        'CREATE TRIGGER billing_documents_immutable_update ',
    },
  ]),
};
