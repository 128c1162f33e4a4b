// A shop's catalogue (spec §2): products of every kind with price, currency, VAT rate, availability,
// weight and stock (physical) or a download file (digital), and the categories they belong to. App and
// theme products are created by the App Store through this same service (`allowStoreKinds`).
import type { z } from 'zod';
import type { Category, DeleteResult, Page, Product } from '../../../src-shared/api/shop-types';
import type {
  categoryCreateSchema,
  categoryListSchema,
  categoryUpdateSchema,
  productCreateSchema,
  productListSchema,
  productUpdateSchema,
} from '../../../src-shared/api/shop-inputs';
import { productKindProblems } from '../../../src-shared/api/shop-inputs';
import { ApiError } from '../../../src-shared/api/errors';
import { CATALOGUE_KINDS, type ProductKind } from '../../../src-shared/domain/shop';
import { actorLabel, type Actor } from '../access';
import { toCategory, toProduct } from '../shop-mappers';
import type { CategoryListRow, ProductListRow, ProductRow } from '../repositories/catalog-repository';
import type { Emit, ServiceContext } from './service-context';
import { createShopOpener, definedOnly, fieldError, notFound, pageOf, type OpenShop } from './shop-access';

type Without<T, K extends string> = Omit<T, K | 'companyId'>;
export type ProductCreate = Without<z.output<typeof productCreateSchema>, 'kind'> & { kind: ProductKind };
export type ProductPatch = Without<z.output<typeof productUpdateSchema>, 'productId'>;
export type ProductList = Without<z.output<typeof productListSchema>, never>;
export type CategoryCreate = Without<z.output<typeof categoryCreateSchema>, never>;
export type CategoryPatch = Without<z.output<typeof categoryUpdateSchema>, 'categoryId'>;
export type CategoryList = Without<z.output<typeof categoryListSchema>, never>;

export interface CreateProductOptions {
  /** The App Store creates `app` and `theme` products; the console and REST create the catalogue kinds. */
  allowStoreKinds?: boolean;
}

export interface CatalogService {
  listProducts(actor: Actor, companyId: number, filter: ProductList): Page<Product>;
  getProduct(actor: Actor, companyId: number, productId: number): Product;
  createProduct(actor: Actor, companyId: number, input: ProductCreate, options?: CreateProductOptions): Product;
  /**
   * Inside the caller's transaction, for a shop already opened and checked: writes a product (the App Store
   * creates a listing's app/theme product together with its registration) and emits product.created.
   */
  insertProduct(emit: Emit, shop: OpenShop, input: ProductCreate): number;
  /** Inside the caller's transaction: changes a product's sales fields (no kind fields) and emits product.updated. */
  patchProduct(emit: Emit, shop: OpenShop, productId: number, patch: Pick<ProductPatch, 'name' | 'description' | 'priceMinor' | 'currency' | 'vatRateBp' | 'isActive'>): void;
  updateProduct(actor: Actor, companyId: number, productId: number, patch: ProductPatch): Product;
  deleteProduct(actor: Actor, companyId: number, productId: number): DeleteResult;
  listCategories(actor: Actor, companyId: number, filter: CategoryList): Page<Category>;
  getCategory(actor: Actor, companyId: number, categoryId: number): Category;
  createCategory(actor: Actor, companyId: number, input: CategoryCreate): Category;
  updateCategory(actor: Actor, companyId: number, categoryId: number, patch: CategoryPatch): Category;
  deleteCategory(actor: Actor, companyId: number, categoryId: number): DeleteResult;
  /** Rows -> DTOs with their categories in one query (lists, export, the partner's listing). */
  productsOf(rows: ProductListRow[]): Product[];
}

/** The columns a change of a product's sales fields writes (those it leaves out stay as they are). */
function salesColumnsOf(patch: Pick<ProductPatch, 'name' | 'sku' | 'description' | 'priceMinor' | 'currency' | 'vatRateBp' | 'isActive'>): Partial<ProductRow> {
  return definedOnly<Partial<ProductRow>>({
    name: patch.name,
    sku: patch.sku,
    description: patch.description,
    price_minor: patch.priceMinor,
    currency: patch.currency,
    vat_rate_bp: patch.vatRateBp,
    is_active: patch.isActive === undefined ? undefined : patch.isActive ? 1 : 0,
  });
}

export function createCatalogService(ctx: ServiceContext): CatalogService {
  const { repos, clock } = ctx;
  const catalog = repos.catalog;
  const openShop = createShopOpener(ctx);

  const productsOf = (rows: ProductListRow[]): Product[] => {
    const categories = catalog.categoriesOf(rows.map((r) => r.id));
    return rows.map((row) => toProduct(row, categories.get(row.id) ?? []));
  };
  const productDto = (companyId: number, productId: number) => productsOf([catalog.getProduct(companyId, productId)!])[0];

  function insertProduct(emit: Emit, shop: OpenShop, input: ProductCreate): number {
    const now = clock.now();
    const companyId = shop.company.id;
    const physical = input.kind === 'physical';
    const productId = catalog.products.insert({
      company_id: companyId,
      kind: input.kind,
      name: input.name,
      sku: input.sku,
      description: input.description,
      price_minor: input.priceMinor,
      currency: input.currency ?? shop.settings.currency,
      vat_rate_bp: input.vatRateBp ?? shop.settings.default_vat_rate_bp,
      is_active: input.isActive ? 1 : 0,
      weight_grams: physical ? (input.weightGrams ?? null) : null,
      stock: physical ? (input.stock ?? null) : null,
      file_id: input.kind === 'digital' ? (input.fileId ?? null) : null,
      created_at: now,
      updated_at: now,
    });
    catalog.setProductCategories(productId, input.categoryIds);
    emit('product.created', { companyId, id: productId });
    return productId;
  }

  function requireProduct(shop: OpenShop, productId: number): ProductListRow {
    const row = catalog.getProduct(shop.company.id, productId);
    if (!row) throw notFound('Product', productId);
    return row;
  }

  function requireCategory(shop: OpenShop, categoryId: number): CategoryListRow {
    const row = catalog.getCategory(shop.company.id, categoryId);
    if (!row) throw notFound('Category', categoryId);
    return row;
  }

  /** Field problems with references and unique values, all at once. */
  function checkReferences(shop: OpenShop, values: { sku?: string; categoryIds?: number[]; fileId?: number | null }, productId: number | null): void {
    const problems: Record<string, string[]> = {};
    if (values.sku) {
      const other = catalog.findProductBySku(shop.company.id, values.sku);
      if (other && other.id !== productId) problems.sku = [`is already used by "${other.name}"`];
    }
    if (values.categoryIds && values.categoryIds.length > 0) {
      const found = new Set(catalog.categoriesByIds(shop.company.id, values.categoryIds).map((c) => c.id));
      const missing = [...new Set(values.categoryIds)].filter((id) => !found.has(id));
      if (missing.length > 0) problems.categoryIds = [`${missing.length === 1 ? 'category' : 'categories'} ${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist in this shop`];
    }
    if (values.fileId !== undefined && values.fileId !== null && !repos.content.getFile(shop.company.id, values.fileId)) {
      problems.fileId = [`file ${values.fileId} does not exist in this shop`];
    }
    if (Object.keys(problems).length > 0) throw ApiError.validation(problems);
  }

  function checkCategoryName(shop: OpenShop, name: string | undefined, categoryId: number | null): void {
    if (name === undefined) return;
    const other = catalog.findCategoryByName(shop.company.id, name);
    if (other && other.id !== categoryId) throw fieldError('name', 'is already used by another category');
  }

  return {
    productsOf,

    listProducts(actor, companyId, filter) {
      openShop(actor, companyId, 'products');
      return pageOf(repos.lists, catalog.productQuery({ ...filter, companyId }), filter, productsOf);
    },

    getProduct(actor, companyId, productId) {
      const shop = openShop(actor, companyId, 'products');
      return productsOf([requireProduct(shop, productId)])[0];
    },

    createProduct(actor, companyId, input, options = {}) {
      const shop = openShop(actor, companyId, 'products');
      if (!options.allowStoreKinds && !(CATALOGUE_KINDS as readonly string[]).includes(input.kind)) {
        throw fieldError('kind', `must be one of ${CATALOGUE_KINDS.join(', ')} (apps and themes are listed through the App Store)`);
      }
      const kindProblems = productKindProblems(input);
      if (Object.keys(kindProblems).length > 0) throw ApiError.validation(kindProblems);
      checkReferences(shop, input, null);
      const id = ctx.transact((emit) => insertProduct(emit, shop, input));
      return productDto(companyId, id);
    },

    insertProduct,

    patchProduct(emit, shop, productId, patch) {
      catalog.products.update(productId, { ...salesColumnsOf(patch), updated_at: clock.now() });
      emit('product.updated', { companyId: shop.company.id, id: productId });
    },

    updateProduct(actor, companyId, productId, patch) {
      const shop = openShop(actor, companyId, 'products');
      const existing = requireProduct(shop, productId);
      const merged = {
        kind: existing.kind,
        weightGrams: patch.weightGrams !== undefined ? patch.weightGrams : existing.weight_grams,
        stock: patch.stock !== undefined ? patch.stock : existing.stock,
        fileId: patch.fileId !== undefined ? patch.fileId : existing.file_id,
      };
      const kindProblems = productKindProblems(merged);
      if (Object.keys(kindProblems).length > 0) throw ApiError.validation(kindProblems);
      checkReferences(shop, patch, productId);
      const now = clock.now();
      ctx.transact((emit) => {
        catalog.products.update(productId, {
          ...salesColumnsOf(patch),
          weight_grams: merged.weightGrams,
          stock: merged.stock,
          file_id: merged.fileId,
          updated_at: now,
        });
        if (patch.categoryIds !== undefined) catalog.setProductCategories(productId, patch.categoryIds);
        emit('product.updated', { companyId, id: productId });
      });
      return productDto(companyId, productId);
    },

    deleteProduct(actor, companyId, productId) {
      const shop = openShop(actor, companyId, 'products');
      const existing = requireProduct(shop, productId);
      const listing = repos.apps.findByProductId(productId);
      if (listing) {
        throw new ApiError('conflict', `"${existing.name}" is the App Store listing of the ${listing.kind} "${listing.name}": it stays while the listing exists (manage it under My Apps).`, {
          reason: 'app_store_listing',
          appId: listing.id,
        });
      }
      ctx.transact((emit) => {
        // Order lines keep their snapshot; subscriptions to it lose the product reference.
        catalog.products.remove(productId);
        repos.audit.record({ company_id: companyId, actor: actorLabel(actor), action: 'product.deleted', detail: { id: productId, name: existing.name }, created_at: clock.now() });
        emit('product.deleted', { companyId, id: productId });
      });
      return { deleted: true, id: productId };
    },

    listCategories(actor, companyId, filter) {
      const shop = openShop(actor, companyId, 'products');
      return pageOf(repos.lists, catalog.categoryQuery({ ...filter, companyId }), filter, (rows: CategoryListRow[]) => rows.map((r) => toCategory(r, shop.isDemo)));
    },

    getCategory(actor, companyId, categoryId) {
      const shop = openShop(actor, companyId, 'products');
      return toCategory(requireCategory(shop, categoryId), shop.isDemo);
    },

    createCategory(actor, companyId, input) {
      const shop = openShop(actor, companyId, 'products');
      checkCategoryName(shop, input.name, null);
      const now = clock.now();
      const id = ctx.transact((emit) => {
        const categoryId = catalog.categories.insert({ company_id: companyId, name: input.name, description: input.description, created_at: now, updated_at: now });
        emit('category.created', { companyId, id: categoryId });
        return categoryId;
      });
      return toCategory(catalog.getCategory(companyId, id)!, shop.isDemo);
    },

    updateCategory(actor, companyId, categoryId, patch) {
      const shop = openShop(actor, companyId, 'products');
      requireCategory(shop, categoryId);
      checkCategoryName(shop, patch.name, categoryId);
      ctx.transact((emit) => {
        catalog.categories.update(categoryId, { ...definedOnly(patch), updated_at: clock.now() });
        emit('category.updated', { companyId, id: categoryId });
      });
      return toCategory(catalog.getCategory(companyId, categoryId)!, shop.isDemo);
    },

    deleteCategory(actor, companyId, categoryId) {
      const shop = openShop(actor, companyId, 'products');
      requireCategory(shop, categoryId);
      ctx.transact((emit) => {
        const products = catalog.productIdsInCategory(categoryId);
        catalog.categories.remove(categoryId);
        emit('category.deleted', { companyId, id: categoryId });
        // The products lost a category: that is a change of each product.
        for (const id of products) emit('product.updated', { companyId, id });
      });
      return { deleted: true, id: categoryId };
    },
  };
}
