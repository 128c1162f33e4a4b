// A shop's themes (at most one active: activating one deactivates the other) and the metadata of its
// content files (name, MIME type, size, checksum). A file that a digital product offers as its download
// cannot be deleted until no product uses it.
import { ApiError } from '../../../src-shared/api/errors';
import type { ContentFile, Theme } from '../../../src-shared/api/shop-types';
import type { ContentFileListRow, ContentFileRow, ThemeRow } from '../repositories/content-repository';
import { toContentFile, toTheme } from '../shop-mappers';
import type { ServiceContext } from './service-context';
import { definedOnly, fieldError, type OpenShop } from './shop-access';
import { createShopEntityService, type EntityServiceOf } from './shop-entity';

export interface ContentService {
  themes: EntityServiceOf<'themes', Theme>;
  files: EntityServiceOf<'files', ContentFile>;
}

export function createContentService(ctx: ServiceContext): ContentService {
  const content = ctx.repos.content;

  const checkThemeName = (shop: OpenShop, name: string | undefined, id: number | null) => {
    if (name === undefined) return;
    const other = content.findThemeByName(shop.company.id, name);
    if (other && other.id !== id) throw fieldError('name', 'is already used by another theme');
  };

  const themes = createShopEntityService<'themes', ThemeRow, ThemeRow, Theme>(ctx, {
    entity: 'themes',
    writer: content.themes,
    get: content.getTheme,
    query: (companyId, filter) => content.themeQuery({ ...filter, companyId }),
    toDto: (row, shop) => toTheme(row, shop.isDemo),
    checkCreate: (shop, input) => checkThemeName(shop, input.name, null),
    // Inserted inactive; afterWrite activates it (after deactivating the current one) when asked.
    toRow: (shop, input, now) => ({
      company_id: shop.company.id,
      name: input.name,
      version: input.version,
      author: input.author,
      description: input.description,
      settings: JSON.stringify(input.settings),
      is_active: 0,
      created_at: now,
      updated_at: now,
    }),
    checkPatch: (shop, existing, patch) => checkThemeName(shop, patch.name, existing.id),
    toPatch: (_existing, patch) => ({
      ...definedOnly({ name: patch.name, version: patch.version, author: patch.author, description: patch.description }),
      ...(patch.settings !== undefined ? { settings: JSON.stringify(patch.settings) } : {}),
      ...(patch.isActive === false ? { is_active: 0 as const } : {}),
    }),
    afterWrite(emit, shop, id, now, input) {
      if (input.isActive !== true) return;
      const current = content.activeTheme(shop.company.id);
      if (current && current.id !== id) {
        content.themes.update(current.id, { is_active: 0, updated_at: now });
        emit('theme.updated', { companyId: shop.company.id, id: current.id });
      }
      content.themes.update(id, { is_active: 1, updated_at: now });
    },
  });

  const checkFileName = (shop: OpenShop, name: string | undefined, id: number | null) => {
    if (name === undefined) return;
    const other = content.findFileByName(shop.company.id, name);
    if (other && other.id !== id) throw fieldError('name', 'is already used by another file');
  };

  const files = createShopEntityService<'files', ContentFileRow, ContentFileListRow, ContentFile>(ctx, {
    entity: 'files',
    writer: content.files,
    get: content.getFile,
    query: (companyId, filter) => content.fileQuery({ ...filter, companyId }),
    toDto: (row, shop) => toContentFile(row, shop.isDemo),
    checkCreate: (shop, input) => checkFileName(shop, input.name, null),
    toRow: (shop, input, now) => ({
      company_id: shop.company.id,
      name: input.name,
      mime_type: input.mimeType,
      size_bytes: input.sizeBytes,
      sha256: input.sha256,
      description: input.description,
      created_at: now,
      updated_at: now,
    }),
    checkPatch: (shop, existing, patch) => checkFileName(shop, patch.name, existing.id),
    toPatch: (_existing, patch) =>
      definedOnly({ name: patch.name, mime_type: patch.mimeType, size_bytes: patch.sizeBytes, sha256: patch.sha256, description: patch.description }),
    checkDelete(_shop, row) {
      const users = content.productsUsingFile(row.id);
      if (users.length > 0) {
        throw new ApiError('conflict', `${row.name} is the download of ${users.map((p) => `"${p.name}"`).join(', ')}; choose another file for ${users.length === 1 ? 'that product' : 'those products'} first.`, {
          productIds: users.map((p) => p.id),
        });
      }
    },
  });

  return { themes, files };
}
