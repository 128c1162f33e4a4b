// Migration 021: the logo a document was issued with (white label, spec §7 "documents are immutable once issued").
// A partner's documents to its clients are headed by its logo; the logo it has today may be another one, or none.
// So the logo is stored with the document when it is issued: `document_logos` keeps each logo that headed a document
// by its content (sha256; the same file is stored once however many documents it heads) and `billing_document_logos`
// says which one a document has (no row: issued without a logo). Neither is ever changed or deleted, like the document.
// Documents issued before this migration get the issuer's logo of the moment the migration runs: that is what they
// showed until now, and the nearest record there is of what they were issued with.
import { bothDialects } from '../../postgres/postgres-dialect';
import { immutableTriggers } from './sql-text';

export const migration021 = {
  id: 21,
  name: 'document-logos',
  ...bothDialects(`
CREATE TABLE document_logos (
  sha256 TEXT PRIMARY KEY,
  mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'image/webp', 'image/svg+xml')),
  data BLOB NOT NULL,
  pdf_png BLOB,
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0)
) STRICT, WITHOUT ROWID;

CREATE TABLE billing_document_logos (
  document_id INTEGER PRIMARY KEY REFERENCES billing_documents(id),
  sha256 TEXT NOT NULL REFERENCES document_logos(sha256)
) STRICT;

INSERT OR IGNORE INTO document_logos (sha256, mime, data, pdf_png, width, height)
  SELECT l.sha256, l.mime, l.data, l.pdf_png, l.width, l.height FROM partner_logos l
  WHERE l.company_id IN (SELECT issuer_company_id FROM billing_documents WHERE issuer_company_id IS NOT NULL);
INSERT INTO billing_document_logos (document_id, sha256)
  SELECT d.id, l.sha256 FROM billing_documents d JOIN partner_logos l ON l.company_id = d.issuer_company_id;

${immutableTriggers('issued documents are immutable: issue a correction instead', 'document_logos', 'billing_document_logos')}
`, [
    // INSERT OR IGNORE is SQLite's; PostgreSQL skips the logo already stored with ON CONFLICT.
    { find: 'INSERT OR IGNORE INTO document_logos', replace: 'INSERT INTO document_logos' },
    {
      find: 'WHERE issuer_company_id IS NOT NULL);',
      replace: 'WHERE issuer_company_id IS NOT NULL)\n  ON CONFLICT (sha256) DO NOTHING;',
    },
  ]),
};
