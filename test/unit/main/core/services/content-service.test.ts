// The content service: themes (at most one active) and files (one offered as a download stays).
import { describe, expect, it } from 'vitest';
import { fileCreateSchema, themeCreateSchema } from '../../../../../src-shared/api/shop-inputs';
import { parseInput } from '../../../../../src-shared/api/validation';
import { errorOf, FIRST_PAGE as page, openShopForTest, withoutCompany as strip } from '../../../../helpers/shop';

function setup() {
  const shop = openShopForTest();
  return { ...shop, companyId: shop.newClient() };
}

describe('themes and files', () => {
  it('keeps at most one active theme', () => {
    const { platform, partner, companyId, recordEvents } = setup();
    const theme = (name: string, isActive: boolean) => platform.content.themes.create(partner, companyId, strip(parseInput(themeCreateSchema, { companyId, name, isActive, settings: { primaryColor: '#0a7' } })));
    const classic = theme('Classic', true);
    const events = recordEvents();
    const modern = theme('Modern', true);
    expect(platform.content.themes.get(partner, companyId, classic.id).isActive).toBe(false);
    expect(modern).toMatchObject({ isActive: true, settings: { primaryColor: '#0a7' }, version: '1.0.0' });
    expect(events).toEqual([['theme.updated', { companyId, id: classic.id }], ['theme.created', { companyId, id: modern.id }]]);
    platform.content.themes.update(partner, companyId, classic.id, { isActive: true });
    expect(platform.content.themes.list(partner, companyId, { ...page, sort: 'name' }).items.map((t) => [t.name, t.isActive])).toEqual([['Classic', true], ['Modern', false]]);
    expect(errorOf(() => parseInput(themeCreateSchema, { companyId, name: 'X', version: 'v1', settings: { '1bad': 'x' } })).fields).toMatchObject({ version: ['must be a version such as 1.0.0'] });
  });

  it('a file offered as a download cannot be deleted; metadata is validated', () => {
    const { platform, partner, companyId } = setup();
    const file = platform.content.files.create(partner, companyId, strip(parseInput(fileCreateSchema, { companyId, name: 'album.zip', mimeType: 'Application/Zip', sizeBytes: 52_428_800 })));
    expect(file.mimeType).toBe('application/zip');
    const product = platform.catalog.createProduct(partner, companyId, { kind: 'digital', name: 'Album', sku: '', description: '', priceMinor: 999, isActive: true, categoryIds: [], fileId: file.id } as never);
    expect(platform.content.files.get(partner, companyId, file.id).usedByProducts).toBe(1);
    const refused = errorOf(() => platform.content.files.delete(partner, companyId, file.id));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain('"Album"');
    platform.catalog.updateProduct(partner, companyId, product.id, { fileId: null });
    expect(platform.content.files.delete(partner, companyId, file.id)).toEqual({ deleted: true, id: file.id });
    expect(errorOf(() => parseInput(fileCreateSchema, { companyId, name: '../etc/passwd', mimeType: 'text', sizeBytes: -1 })).fields).toEqual({
      name: ['must be a file name without / or \\'],
      mimeType: ['must be a MIME type such as application/pdf'],
      sizeBytes: ['must not be negative'],
    });
    expect(platform.content.files.list(partner, companyId, { ...page, mimeType: 'image/', sort: 'name' }).total).toBe(0);
  });
});
