// SQL for a shop's themes (at most one active) and the metadata of its content files.
import type { Db } from '../db/database';
import { createTableWriter, likePattern, type ListQuery, type TableWriter } from './table-access';

export interface ThemeRow {
  id: number;
  company_id: number;
  name: string;
  version: string;
  author: string;
  description: string;
  settings: string;
  is_active: 0 | 1;
  created_at: number;
  updated_at: number;
}

export interface ContentFileRow {
  id: number;
  company_id: number;
  name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string | null;
  description: string;
  created_at: number;
  updated_at: number;
}

export interface ContentFileListRow extends ContentFileRow {
  used_by_products: number;
}

export interface ThemeFilter {
  companyId: number;
  search: string;
  sort: 'name' | 'createdAt' | 'updatedAt';
  direction: 'asc' | 'desc';
}

export interface FileFilter {
  companyId: number;
  search: string;
  mimeType?: string;
  sort: 'name' | 'size' | 'mimeType' | 'createdAt';
  direction: 'asc' | 'desc';
}

export interface ContentRepository {
  themes: TableWriter<ThemeRow>;
  files: TableWriter<ContentFileRow>;
  getTheme(companyId: number, id: number): ThemeRow | undefined;
  findThemeByName(companyId: number, name: string): ThemeRow | undefined;
  /** Id, name and version of every theme of a shop, by name (the App Store's theme listings pick one). */
  themeChoices(companyId: number): { id: number; name: string; version: string }[];
  activeTheme(companyId: number): ThemeRow | undefined;
  themeQuery(filter: ThemeFilter): ListQuery;
  getFile(companyId: number, id: number): ContentFileListRow | undefined;
  findFileByName(companyId: number, name: string): ContentFileRow | undefined;
  fileQuery(filter: FileFilter): ListQuery;
  productsUsingFile(fileId: number): { id: number; name: string }[];
}

export function createContentRepository(db: Db): ContentRepository {
  const getTheme = db.prepare<[number, number], ThemeRow>('SELECT * FROM themes WHERE id = ? AND company_id = ?');
  const themeByName = db.prepare<[number, string], ThemeRow>('SELECT * FROM themes WHERE company_id = ? AND name = ? COLLATE NOCASE');
  const themeChoices = db.prepare<[number], { id: number; name: string; version: string }>(
    'SELECT id, name, version FROM themes WHERE company_id = ? ORDER BY name COLLATE NOCASE, id',
  );
  const activeTheme = db.prepare<[number], ThemeRow>('SELECT * FROM themes WHERE company_id = ? AND is_active = 1');
  const fileSelect = 'f.*, (SELECT COUNT(*) FROM products p WHERE p.file_id = f.id) AS used_by_products';
  const getFile = db.prepare<[number, number], ContentFileListRow>(`SELECT ${fileSelect} FROM content_files f WHERE f.id = ? AND f.company_id = ?`);
  const fileByName = db.prepare<[number, string], ContentFileRow>('SELECT * FROM content_files WHERE company_id = ? AND name = ? COLLATE NOCASE');
  const usingFile = db.prepare<[number], { id: number; name: string }>('SELECT id, name FROM products WHERE file_id = ? ORDER BY name LIMIT 5');
  return {
    themes: createTableWriter<ThemeRow>(db, 'themes', [
      'company_id', 'name', 'version', 'author', 'description', 'settings', 'is_active', 'created_at', 'updated_at',
    ]),
    files: createTableWriter<ContentFileRow>(db, 'content_files', [
      'company_id', 'name', 'mime_type', 'size_bytes', 'sha256', 'description', 'created_at', 'updated_at',
    ]),
    getTheme: (companyId, id) => getTheme.get(id, companyId),
    findThemeByName: (companyId, name) => themeByName.get(companyId, name),
    themeChoices: (companyId) => themeChoices.all(companyId),
    activeTheme: (companyId) => activeTheme.get(companyId),
    themeQuery(filter) {
      const sort = { name: 't.name COLLATE NOCASE', createdAt: 't.created_at', updatedAt: 't.updated_at' }[filter.sort];
      return {
        select: 't.*',
        from: 'themes t',
        where: ['t.company_id = @companyId', ...(filter.search ? [`(t.name LIKE @like ESCAPE '\\' OR t.author LIKE @like ESCAPE '\\')`] : [])],
        orderBy: [sort],
        tieBreak: 't.id',
        direction: filter.direction,
        params: { companyId: filter.companyId, like: likePattern(filter.search) },
      };
    },
    getFile: (companyId, id) => getFile.get(id, companyId),
    findFileByName: (companyId, name) => fileByName.get(companyId, name),
    fileQuery(filter) {
      const where = ['f.company_id = @companyId'];
      if (filter.mimeType) where.push(`f.mime_type LIKE @mimeLike ESCAPE '\\'`);
      if (filter.search) where.push(`(f.name LIKE @like ESCAPE '\\' OR f.description LIKE @like ESCAPE '\\')`);
      const sort = { name: 'f.name COLLATE NOCASE', size: 'f.size_bytes', mimeType: 'f.mime_type', createdAt: 'f.created_at' }[filter.sort];
      return {
        select: fileSelect,
        from: 'content_files f',
        where,
        orderBy: [sort],
        tieBreak: 'f.id',
        direction: filter.direction,
        params: { companyId: filter.companyId, like: likePattern(filter.search), mimeLike: `${likePattern(filter.mimeType ?? '').slice(1)}` },
      };
    },
    productsUsingFile: (fileId) => usingFile.all(fileId),
  };
}
