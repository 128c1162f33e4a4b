// SQL for partners' logos (migration 017).
import type { Db } from '../db/database';

export interface PartnerLogoRow {
  company_id: number;
  mime: string;
  data: Buffer;
  pdf_png: Buffer | null;
  width: number;
  height: number;
  size_bytes: number;
  sha256: string;
  file_name: string;
  uploaded_at: number;
  uploaded_by: string;
}

export type PartnerLogoMeta = Omit<PartnerLogoRow, 'data' | 'pdf_png'>;

export interface PartnerLogosRepository {
  get(companyId: number): PartnerLogoRow | undefined;
  /** Everything but the bytes (for the session's "which logo" and lists). */
  meta(companyId: number): PartnerLogoMeta | undefined;
  put(row: PartnerLogoRow): void;
  delete(companyId: number): boolean;
}

export function createPartnerLogosRepository(db: Db): PartnerLogosRepository {
  const get = db.prepare<[number], PartnerLogoRow>('SELECT * FROM partner_logos WHERE company_id = ?');
  const meta = db.prepare<[number], PartnerLogoMeta>(
    'SELECT company_id, mime, width, height, size_bytes, sha256, file_name, uploaded_at, uploaded_by FROM partner_logos WHERE company_id = ?',
  );
  const put = db.prepare(
    `INSERT INTO partner_logos (company_id, mime, data, pdf_png, width, height, size_bytes, sha256, file_name, uploaded_at, uploaded_by)
     VALUES (@company_id, @mime, @data, @pdf_png, @width, @height, @size_bytes, @sha256, @file_name, @uploaded_at, @uploaded_by)
     ON CONFLICT(company_id) DO UPDATE SET mime = excluded.mime, data = excluded.data, pdf_png = excluded.pdf_png,
       width = excluded.width, height = excluded.height, size_bytes = excluded.size_bytes, sha256 = excluded.sha256,
       file_name = excluded.file_name, uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by`,
  );
  const remove = db.prepare('DELETE FROM partner_logos WHERE company_id = ?');
  return {
    get: (companyId) => get.get(companyId),
    meta: (companyId) => meta.get(companyId),
    put: (row) => void put.run(row),
    delete: (companyId) => remove.run(companyId).changes > 0,
  };
}
