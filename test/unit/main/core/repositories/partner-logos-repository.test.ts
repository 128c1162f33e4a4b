// Partners' logos (migration 017) on both databases of the data layer: the bytes (BLOB on SQLite, BYTEA on
// PostgreSQL) come back byte for byte, an upload replaces the one before, the meta read leaves the bytes out, a
// delete says whether there was one, and the logo goes with its company (ON DELETE CASCADE).
import { describe, expect, it } from 'vitest';
import { statement } from '../../../../../src-main/core/db/data';
import { createPartnerLogosRepository, type PartnerLogoRow } from '../../../../../src-main/core/repositories/partner-logos-repository';
import { dataTargets, useData } from '../../../../helpers/databases';

const addCompany = statement('test.addCompany', ({ sql }, id: number) =>
  sql`INSERT INTO companies (id, name, country, is_partner, created_at, updated_at) VALUES (${id}, 'Partner', 'DE', 1, 0, 0)`,
);
const dropCompany = statement('test.dropCompany', ({ sql }, id: number) => sql`DELETE FROM companies WHERE id = ${id}`);

const logo = (companyId: number, bytes: Buffer, pdfPng: Buffer | null = null): PartnerLogoRow => ({
  company_id: companyId,
  mime: 'image/png',
  data: bytes,
  pdf_png: pdfPng,
  width: 240,
  height: 60,
  size_bytes: bytes.length,
  sha256: `sha-${bytes.toString('hex')}`,
  file_name: 'logo.png',
  uploaded_at: 1_796_000_000_000,
  uploaded_by: 'dana@northwind-partners.example',
});

describe.each(await dataTargets())('partner logos on $name', (target) => {
  const db = useData(target, ['partner_logos', 'companies']);

  it('stores, replaces, reads (with and without the bytes) and deletes a logo', async () => {
    const repo = createPartnerLogosRepository(db.data);
    await db.data.run(addCompany, 7);
    // Every byte value, a NUL first: binary, not text.
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(await repo.get(7)).toBeUndefined();
    await repo.put(logo(7, Buffer.from([1, 2, 3])));
    await repo.put(logo(7, bytes, Buffer.from([0, 255])));
    const row = await repo.get(7);
    expect(Buffer.isBuffer(row!.data)).toBe(true);
    expect(row).toEqual(logo(7, bytes, Buffer.from([0, 255])));
    const meta = await repo.meta(7);
    expect(meta).toEqual({ ...logo(7, bytes), data: undefined, pdf_png: undefined });
    expect(meta).not.toHaveProperty('data');
    expect(await repo.delete(7)).toBe(true);
    expect(await repo.delete(7)).toBe(false);
    expect(await repo.get(7)).toBeUndefined();
  });

  it('goes with its company', async () => {
    const repo = createPartnerLogosRepository(db.data);
    await db.data.run(addCompany, 8);
    await repo.put(logo(8, Buffer.from('x')));
    await db.data.run(dropCompany, 8);
    expect(await repo.meta(8)).toBeUndefined();
  });
});
