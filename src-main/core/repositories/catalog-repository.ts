// SQL for a shop's catalogue: products (with their download file and categories) and categories, and the
// partner's listing of every client's products. Rules live in the catalog service.
import type { Db } from '../db/database';
import { CATALOGUE_KINDS, type ProductKind } from '../../../src-shared/domain/shop';
import { createTableWriter, likePattern, type ListQuery, type NamedShopRow, type TableWriter } from './table-access';

export interface ProductRow {
  id: number;
  company_id: number;
  kind: ProductKind;
  name: string;
  sku: string;
  description: string;
  price_minor: number;
  currency: string;
  vat_rate_bp: number;
  is_active: 0 | 1;
  weight_grams: number | null;
  stock: number | null;
  file_id: number | null;
  created_at: number;
  updated_at: number;
}

/** A product as lists and lookups return it: with its file's name (and its company for cross-client lists). */
export interface ProductListRow extends ProductRow {
  file_name: string | null;
  company_name: string;
  company_is_sample: 0 | 1;
}

export type CategoryRow = NamedShopRow;

export interface CategoryListRow extends CategoryRow {
  product_count: number;
}

export interface ProductFilter {
  companyId: number;
  search: string;
  kind?: ProductKind;
  /** Only the catalogue kinds a storefront sells (no App Store listings). */
  sellable?: boolean;
  categoryId?: number;
  active: 'any' | 'active' | 'inactive';
  sort: 'name' | 'price' | 'stock' | 'sku' | 'kind' | 'createdAt' | 'updatedAt';
  direction: 'asc' | 'desc';
}

export interface ClientProductFilter {
  partnerId: number;
  companyId?: number;
  search: string;
  kind?: ProductKind;
  active: 'any' | 'active' | 'inactive';
  includeDemo: boolean;
  sort: 'client' | 'name' | 'price' | 'kind' | 'createdAt';
  direction: 'asc' | 'desc';
}

export interface CategoryFilter {
  companyId: number;
  search: string;
  sort: 'name' | 'products' | 'createdAt';
  direction: 'asc' | 'desc';
}

const PRODUCT_COLUMNS = [
  'company_id', 'kind', 'name', 'sku', 'description', 'price_minor', 'currency', 'vat_rate_bp', 'is_active',
  'weight_grams', 'stock', 'file_id', 'created_at', 'updated_at',
] as const;

const PRODUCT_SORT: Record<ProductFilter['sort'], string> = {
  name: 'p.name COLLATE NOCASE',
  price: 'p.price_minor',
  stock: 'p.stock',
  sku: 'p.sku',
  kind: 'p.kind',
  createdAt: 'p.created_at',
  updatedAt: 'p.updated_at',
};

const CLIENT_PRODUCT_SORT: Record<ClientProductFilter['sort'], string[]> = {
  client: ['c.name COLLATE NOCASE', 'c.id', 'p.name COLLATE NOCASE'],
  name: ['p.name COLLATE NOCASE'],
  price: ['p.currency', 'p.price_minor'],
  kind: ['p.kind', 'p.name COLLATE NOCASE'],
  createdAt: ['p.created_at'],
};

const CATEGORY_SORT: Record<CategoryFilter['sort'], string> = {
  name: 'g.name COLLATE NOCASE',
  products: 'product_count',
  createdAt: 'g.created_at',
};

const PRODUCT_SELECT = 'p.*, f.name AS file_name, c.name AS company_name, c.is_sample AS company_is_sample';
const PRODUCT_FROM = 'products p JOIN companies c ON c.id = p.company_id LEFT JOIN content_files f ON f.id = p.file_id';

export interface CatalogRepository {
  products: TableWriter<ProductRow>;
  categories: TableWriter<CategoryRow>;
  getProduct(companyId: number, id: number): ProductListRow | undefined;
  /** Products by id within one company (order lines, checkout). */
  productsByIds(companyId: number, ids: number[]): ProductRow[];
  findProductBySku(companyId: number, sku: string): ProductRow | undefined;
  productQuery(filter: ProductFilter): ListQuery;
  clientProductQuery(filter: ClientProductFilter): ListQuery;
  /** Moves stock by `delta` (negative: sold); false when it would go below zero. */
  adjustStock(productId: number, delta: number, updatedAt: number): boolean;
  countProducts(companyId: number): { products: number; active: number };
  getCategory(companyId: number, id: number): CategoryListRow | undefined;
  findCategoryByName(companyId: number, name: string): CategoryRow | undefined;
  categoriesByIds(companyId: number, ids: number[]): CategoryRow[];
  categoryQuery(filter: CategoryFilter): ListQuery;
  /** Categories of each product, by name. */
  categoriesOf(productIds: number[]): Map<number, { id: number; name: string }[]>;
  setProductCategories(productId: number, categoryIds: number[]): void;
  productIdsInCategory(categoryId: number): number[];
}

export function createCatalogRepository(db: Db): CatalogRepository {
  const getProduct = db.prepare<[number, number], ProductListRow>(`SELECT ${PRODUCT_SELECT} FROM ${PRODUCT_FROM} WHERE p.id = ? AND p.company_id = ?`);
  const productsByIds = db.prepare<[number, string], ProductRow>(
    'SELECT * FROM products WHERE company_id = ? AND id IN (SELECT value FROM json_each(?))',
  );
  const productById = db.prepare<[number, number], ProductRow>('SELECT * FROM products WHERE id = ? AND company_id = ?');
  const bySku = db.prepare<[number, string], ProductRow>("SELECT * FROM products WHERE company_id = ? AND sku = ? AND sku <> ''");
  const adjustStock = db.prepare<[number, number, number, number]>(
    'UPDATE products SET stock = stock + ?, updated_at = ? WHERE id = ? AND stock IS NOT NULL AND stock + ? >= 0',
  );
  const countProducts = db.prepare<[number], { products: number; active: number }>(
    'SELECT COUNT(*) AS products, COALESCE(SUM(is_active), 0) AS active FROM products WHERE company_id = ?',
  );
  const getCategory = db.prepare<[number, number], CategoryListRow>(
    `SELECT g.*, (SELECT COUNT(*) FROM product_categories pc WHERE pc.category_id = g.id) AS product_count
     FROM categories g WHERE g.id = ? AND g.company_id = ?`,
  );
  const categoryByName = db.prepare<[number, string], CategoryRow>('SELECT * FROM categories WHERE company_id = ? AND name = ? COLLATE NOCASE');
  const categoriesByIds = db.prepare<[number, string], CategoryRow>(
    'SELECT * FROM categories WHERE company_id = ? AND id IN (SELECT value FROM json_each(?))',
  );
  const categoriesOf = db.prepare<[string], { product_id: number; id: number; name: string }>(
    `SELECT pc.product_id, g.id, g.name FROM product_categories pc JOIN categories g ON g.id = pc.category_id
     WHERE pc.product_id IN (SELECT value FROM json_each(?)) ORDER BY g.name COLLATE NOCASE, g.id`,
  );
  const clearCategories = db.prepare<[number]>('DELETE FROM product_categories WHERE product_id = ?');
  const addCategory = db.prepare<[number, number]>('INSERT INTO product_categories (product_id, category_id) VALUES (?, ?)');
  const inCategory = db.prepare<[number], number>('SELECT product_id FROM product_categories WHERE category_id = ? ORDER BY product_id').pluck();

  const productWhere = (filter: { search: string; kind?: ProductKind; sellable?: boolean; active: 'any' | 'active' | 'inactive' }): string[] => {
    const where: string[] = [];
    if (filter.kind) where.push('p.kind = @kind');
    if (filter.sellable) where.push(`p.kind IN (${CATALOGUE_KINDS.map((kind) => `'${kind}'`).join(', ')})`);
    if (filter.active !== 'any') where.push(`p.is_active = ${filter.active === 'active' ? 1 : 0}`);
    if (filter.search) where.push(`(p.name LIKE @like ESCAPE '\\' OR p.sku LIKE @like ESCAPE '\\')`);
    return where;
  };

  return {
    products: createTableWriter<ProductRow>(db, 'products', PRODUCT_COLUMNS),
    categories: createTableWriter<CategoryRow>(db, 'categories', ['company_id', 'name', 'description', 'created_at', 'updated_at']),
    getProduct: (companyId, id) => getProduct.get(id, companyId),
    productsByIds(companyId, ids) {
      // An order's few lines: primary-key lookups; many ids: one query.
      if (ids.length > 8) return productsByIds.all(companyId, JSON.stringify(ids));
      const out: ProductRow[] = [];
      for (const id of new Set(ids)) {
        const row = productById.get(id, companyId);
        if (row) out.push(row);
      }
      return out;
    },
    findProductBySku: (companyId, sku) => bySku.get(companyId, sku),
    productQuery(filter) {
      const where = ['p.company_id = @companyId', ...productWhere(filter)];
      if (filter.categoryId !== undefined) where.push('p.id IN (SELECT pc.product_id FROM product_categories pc WHERE pc.category_id = @categoryId)');
      return {
        select: PRODUCT_SELECT,
        from: PRODUCT_FROM,
        where,
        orderBy: [PRODUCT_SORT[filter.sort]],
        tieBreak: 'p.id',
        direction: filter.direction,
        params: { companyId: filter.companyId, kind: filter.kind, categoryId: filter.categoryId, like: likePattern(filter.search) },
      };
    },
    clientProductQuery(filter) {
      const where = ['c.partner_id = @partnerId', ...productWhere(filter)];
      if (filter.companyId !== undefined) where.push('c.id = @companyId');
      if (!filter.includeDemo) where.push('c.is_sample = 0');
      return {
        select: PRODUCT_SELECT,
        from: PRODUCT_FROM.replace('products p JOIN companies c ON c.id = p.company_id', 'companies c JOIN products p ON p.company_id = c.id'),
        where,
        orderBy: CLIENT_PRODUCT_SORT[filter.sort],
        tieBreak: 'p.id',
        direction: filter.direction,
        params: { partnerId: filter.partnerId, companyId: filter.companyId, kind: filter.kind, like: likePattern(filter.search) },
      };
    },
    adjustStock: (productId, delta, updatedAt) => adjustStock.run(delta, updatedAt, productId, delta).changes === 1,
    countProducts: (companyId) => countProducts.get(companyId)!,
    getCategory: (companyId, id) => getCategory.get(id, companyId),
    findCategoryByName: (companyId, name) => categoryByName.get(companyId, name),
    categoriesByIds: (companyId, ids) => (ids.length === 0 ? [] : categoriesByIds.all(companyId, JSON.stringify(ids))),
    categoryQuery(filter) {
      return {
        select: 'g.*, (SELECT COUNT(*) FROM product_categories pc WHERE pc.category_id = g.id) AS product_count',
        from: 'categories g',
        where: ['g.company_id = @companyId', ...(filter.search ? [`g.name LIKE @like ESCAPE '\\'`] : [])],
        orderBy: [CATEGORY_SORT[filter.sort]],
        tieBreak: 'g.id',
        direction: filter.direction,
        params: { companyId: filter.companyId, like: likePattern(filter.search) },
      };
    },
    categoriesOf(productIds) {
      const out = new Map<number, { id: number; name: string }[]>();
      if (productIds.length === 0) return out;
      for (const row of categoriesOf.all(JSON.stringify(productIds))) {
        let list = out.get(row.product_id);
        if (!list) out.set(row.product_id, (list = []));
        list.push({ id: row.id, name: row.name });
      }
      return out;
    },
    setProductCategories(productId, categoryIds) {
      clearCategories.run(productId);
      for (const categoryId of new Set(categoryIds)) addCategory.run(productId, categoryId);
    },
    productIdsInCategory: (categoryId) => inCategory.all(categoryId),
  };
}
