// The service behind each of the shop's objects (src-shared/api/shop-entities.ts), as one table: the console's
// handlers, the /admin REST resources and the CSV export reach an object's list / get / create / update / delete
// through it, so none of them lists the ten kinds again. Inputs arrive validated by the entity's schemas.
import type { ShopEntity } from '../../../src-shared/api/shop-entities';
import type { DeleteResult, OrderSource, Page } from '../../../src-shared/api/shop-types';
import type { Actor } from '../access';
import type { AudienceService } from './audience-service';
import type { CatalogService } from './catalog-service';
import type { ContentService } from './content-service';
import type { CustomersService } from './customers-service';
import type { OrdersService } from './orders-service';

/** The five operations every shop object has. Inputs are the entity schemas' output without companyId (and the
 * id field), which each service types precisely; here they are opaque (`never`). */
export interface EntityService {
  list(actor: Actor, companyId: number, filter: never): Page<unknown>;
  get(actor: Actor, companyId: number, id: number): unknown;
  create(actor: Actor, companyId: number, input: never): unknown;
  update(actor: Actor, companyId: number, id: number, patch: never): unknown;
  delete(actor: Actor, companyId: number, id: number): DeleteResult;
}

export interface ShopDataServices {
  catalog: CatalogService;
  customers: CustomersService;
  orders: OrdersService;
  audience: AudienceService;
  content: ContentService;
}

/** Every entity's service. `orderSource` marks orders entered through this table (console, api). */
export function shopEntityServices(s: ShopDataServices, orderSource: OrderSource): Record<ShopEntity, EntityService> {
  const { catalog, orders } = s;
  return {
    products: {
      list: catalog.listProducts,
      get: catalog.getProduct,
      create: (actor, companyId, input) => catalog.createProduct(actor, companyId, input),
      update: catalog.updateProduct,
      delete: catalog.deleteProduct,
    },
    categories: {
      list: catalog.listCategories,
      get: catalog.getCategory,
      create: catalog.createCategory,
      update: catalog.updateCategory,
      delete: catalog.deleteCategory,
    },
    customers: s.customers,
    orders: {
      list: orders.list,
      get: orders.get,
      create: (actor, companyId, input) => orders.create(actor, companyId, input, { source: orderSource }),
      update: orders.update,
      delete: orders.delete,
    },
    subscribers: s.audience.subscribers,
    accessGroups: s.audience.accessGroups,
    groupMembers: s.audience.groupMembers,
    newsletterRecipients: s.audience.newsletterRecipients,
    themes: s.content.themes,
    files: s.content.files,
  };
}
