// SQL for partners' logos (migration 017). Asynchronous, on the data layer (db/data.ts): the same SQL on SQLite and
// PostgreSQL (BLOB/BYTEA come back as Buffers from both drivers; ON CONFLICT … DO UPDATE is native in both).
import { statement, type Database } from '../db/data';

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
  get(companyId: number): Promise<PartnerLogoRow | undefined>;
  /** Everything but the bytes (for the session's "which logo" and lists). */
  meta(companyId: number): Promise<PartnerLogoMeta | undefined>;
  put(row: PartnerLogoRow): Promise<void>;
  delete(companyId: number): Promise<boolean>;
}

const get = statement('partnerLogos.get', ({ sql }, companyId: number) => sql<PartnerLogoRow>`SELECT * FROM partner_logos WHERE company_id = ${companyId}`);
const meta = statement(
  'partnerLogos.meta',
  ({ sql }, companyId: number) =>
    sql<PartnerLogoMeta>`SELECT company_id, mime, width, height, size_bytes, sha256, file_name, uploaded_at, uploaded_by FROM partner_logos WHERE company_id = ${companyId}`,
);
const put = statement(
  'partnerLogos.put',
  ({ sql }, r: PartnerLogoRow) =>
    sql`INSERT INTO partner_logos (company_id, mime, data, pdf_png, width, height, size_bytes, sha256, file_name, uploaded_at, uploaded_by)
     VALUES (${r.company_id}, ${r.mime}, ${r.data}, ${r.pdf_png}, ${r.width}, ${r.height}, ${r.size_bytes}, ${r.sha256}, ${r.file_name}, ${r.uploaded_at}, ${r.uploaded_by})
     ON CONFLICT(company_id) DO UPDATE SET mime = excluded.mime, data = excluded.data, pdf_png = excluded.pdf_png,
       width = excluded.width, height = excluded.height, size_bytes = excluded.size_bytes, sha256 = excluded.sha256,
       file_name = excluded.file_name, uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by`,
);
const remove = statement('partnerLogos.remove', ({ sql }, companyId: number) => sql`DELETE FROM partner_logos WHERE company_id = ${companyId}`);

export function createPartnerLogosRepository(data: Database): PartnerLogosRepository {
  return {
    get: (companyId) => data.one(get, companyId),
    meta: (companyId) => data.one(meta, companyId),
    put: async (row) => void (await data.run(put, row)),
    delete: async (companyId) => (await data.run(remove, companyId)).changes > 0,
  };
}
