// Migration 017: a partner's logo (white label, spec §8). One row per partner: the checked file (an SVG rebuilt by
// core/branding/svg-sanitizer.ts, never the upload as sent), its format and size, and for formats pdfkit cannot
// draw (WebP) a PNG rendition for the PDFs. Removing the logo deletes the row (back to the platform's logo).
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration017 = {
  id: 17,
  name: 'partner-logos',
  ...bothDialects(`
CREATE TABLE partner_logos (
  company_id INTEGER PRIMARY KEY REFERENCES companies(id) ON DELETE CASCADE,
  mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'image/webp', 'image/svg+xml')),
  data BLOB NOT NULL,
  pdf_png BLOB,
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL,
  uploaded_by TEXT NOT NULL
) STRICT;
`),
};
