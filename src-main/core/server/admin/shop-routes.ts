// The shop resources of the /admin REST API (spec §4), each behind its scope with the verbs the scope
// grants: products and categories (products), customers, orders (no delete), themes, files (get and
// create). Every call goes to the shop services; nothing here reads or writes the database itself.
import {
  categoryCreateSchema,
  categoryListSchema,
  categoryUpdateSchema,
  customerCreateSchema,
  customerListSchema,
  customerUpdateSchema,
  fileCreateSchema,
  fileListSchema,
  orderCreateSchema,
  orderListSchema,
  orderUpdateSchema,
  productCreateSchema,
  productListSchema,
  productUpdateSchema,
  themeCreateSchema,
  themeListSchema,
  themeUpdateSchema,
} from '../../../../src-shared/api/shop-inputs';
import type { PlatformModule } from '../router';
import { shopResourceRoutes, type QueryParamType } from './shop-resource';

const LIST_PARAMS: Record<string, QueryParamType> = { search: 'string', sort: 'string', direction: 'string' };

export const shopModule: PlatformModule = ({ platform }) => ({
  routes: [
    ...shopResourceRoutes({
      scope: 'products',
      plural: 'products',
      singular: 'product',
      list: { schema: productListSchema, params: { ...LIST_PARAMS, kind: 'string', category_id: 'number', active: 'string' }, run: platform.catalog.listProducts },
      get: platform.catalog.getProduct,
      create: { schema: productCreateSchema, run: platform.catalog.createProduct },
      update: { schema: productUpdateSchema, idField: 'productId', run: platform.catalog.updateProduct },
      remove: platform.catalog.deleteProduct,
      readOnly: ['kind', 'categories', 'file_name'],
    }),
    ...shopResourceRoutes({
      scope: 'products',
      plural: 'categories',
      singular: 'category',
      list: { schema: categoryListSchema, params: LIST_PARAMS, run: platform.catalog.listCategories },
      get: platform.catalog.getCategory,
      create: { schema: categoryCreateSchema, run: platform.catalog.createCategory },
      update: { schema: categoryUpdateSchema, idField: 'categoryId', run: platform.catalog.updateCategory },
      remove: platform.catalog.deleteCategory,
      readOnly: ['product_count'],
    }),
    ...shopResourceRoutes({
      scope: 'customers',
      plural: 'customers',
      singular: 'customer',
      list: { schema: customerListSchema, params: { ...LIST_PARAMS, country: 'string' }, run: platform.customers.list },
      get: platform.customers.get,
      create: { schema: customerCreateSchema, run: platform.customers.create },
      update: { schema: customerUpdateSchema, idField: 'customerId', run: platform.customers.update },
      remove: platform.customers.delete,
      readOnly: ['order_count', 'spent', 'first_order_at', 'last_order_at', 'recent_orders'],
    }),
    ...shopResourceRoutes({
      scope: 'orders',
      plural: 'orders',
      singular: 'order',
      list: {
        schema: orderListSchema,
        params: { ...LIST_PARAMS, status: 'string', customer_id: 'number', from: 'string', to: 'string' },
        run: platform.orders.list,
      },
      get: platform.orders.get,
      // Orders entered through the API are marked as such (source "api").
      create: { schema: orderCreateSchema, run: (actor, companyId, input) => platform.orders.create(actor, companyId, input, { source: 'api' }) },
      update: { schema: orderUpdateSchema, idField: 'orderId', run: platform.orders.update },
      readOnly: ['number', 'customer_id', 'customer_name', 'customer_email', 'currency', 'net_minor', 'vat_minor', 'gross_minor', 'item_count', 'source', 'placed_at'],
    }),
    ...shopResourceRoutes({
      scope: 'themes',
      plural: 'themes',
      singular: 'theme',
      list: { schema: themeListSchema, params: LIST_PARAMS, run: platform.content.themes.list },
      get: platform.content.themes.get,
      create: { schema: themeCreateSchema, run: platform.content.themes.create },
      update: { schema: themeUpdateSchema, idField: 'themeId', run: platform.content.themes.update },
      remove: platform.content.themes.delete,
    }),
    ...shopResourceRoutes({
      scope: 'files',
      plural: 'files',
      singular: 'file',
      list: { schema: fileListSchema, params: { ...LIST_PARAMS, mime_type: 'string' }, run: platform.content.files.list },
      get: platform.content.files.get,
      create: { schema: fileCreateSchema, run: platform.content.files.create },
      readOnly: ['used_by_products'],
    }),
  ],
});
