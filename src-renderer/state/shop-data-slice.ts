// A client's shop data as the Store screens show it: one server-paged list per kind of object (products,
// orders, ...; see shop-entities.ts), single objects opened in a form or a detail page, and the changes
// (create, update, delete, checkout). Lists belong to the acting company; pushed events refresh the lists
// and objects they touch, coalesced by the store's scheduler.
import type { ShopObjectEvent, ShopEventName } from '../../src-shared/api/contract';
import type { CheckoutInput } from '../../src-shared/api/shop-inputs';
import type { CsvExport, Order } from '../../src-shared/api/shop-types';
import { createKeyedLoader } from './keyed-loader';
import { ready, type Loadable } from './loadable';
import { createPagedLoader, emptyList, type PagedList, type PagedLoader } from './paged-list';
import {
  DEFAULT_FILTERS,
  DEPENDENT_LISTS,
  ENTITY_ID_KEYS,
  ENTITY_NOUNS,
  SHOP_ENTITIES,
  entityLabel,
  entityOfEvent,
  type EntityCreate,
  type EntityFilter,
  type EntityRow,
  type EntityUpdate,
  type ShopEntity,
} from './shop-entities';
import { entryTarget, mutate, patch, type SliceContext } from './slice-context';
import type { SliceParts } from '../area';

export type EntityList<E extends ShopEntity> = PagedList<EntityRow<E>, EntityFilter<E>>;

export interface ShopDataState {
  lists: { [E in ShopEntity]: EntityList<E> };
  /** Single objects by `itemKey(companyId, entity, id)`. */
  items: Record<string, Loadable<unknown>>;
}

export interface ShopDataActions {
  /** Shows a list for the acting company: loads its first page, or brings it up to date. */
  openShopList(entity: ShopEntity): void;
  setShopFilter<E extends ShopEntity>(entity: E, change: Partial<EntityFilter<E>>): void;
  /** Back to the default filter (keeps the sort). */
  clearShopFilter(entity: ShopEntity): void;
  /** The rows from..to are on screen: load the pages that hold them. */
  loadShopRows(entity: ShopEntity, from: number, to: number): void;
  refreshShopList(entity: ShopEntity): Promise<void>;
  loadShopItem(entity: ShopEntity, id: number): Promise<void>;
  createShopItem<E extends ShopEntity>(entity: E, input: EntityCreate<E>): Promise<{ id: number }>;
  updateShopItem<E extends ShopEntity>(entity: E, input: EntityUpdate<E>): Promise<{ id: number }>;
  deleteShopItem(entity: ShopEntity, id: number, label: string): Promise<void>;
  /** Rows for a picker (customers to order for, products for a line, files for a download). */
  searchShop<E extends ShopEntity>(entity: E, filter: Partial<EntityFilter<E>>, limit?: number): Promise<{ items: EntityRow<E>[]; total: number }>;
  /** Every row of a list's current filter as CSV (the rows the list shows, not just the loaded pages). */
  exportShopList(entity: ShopEntity): Promise<CsvExport>;
  /** The storefront's checkout (refused for sample companies and closed storefronts, with the reason). */
  placeCheckout(input: CheckoutInput): Promise<Order>;
  /** A pushed shop event: refreshes what shows the object. */
  applyShopEvent(name: ShopEventName, payload: ShopObjectEvent): void;
  /** The acting company changed: lists and objects of other companies go. */
  resetShopData(actingId: number | null): void;
}

export function itemKey(companyId: number, entity: ShopEntity, id: number): string {
  return `${companyId}:${entity}:${id}`;
}

function initialLists(): ShopDataState['lists'] {
  return Object.fromEntries(SHOP_ENTITIES.map((e) => [e, emptyList(DEFAULT_FILTERS[e])])) as unknown as ShopDataState['lists'];
}

type AnyCall = (method: string, input: unknown) => Promise<unknown>;

export function createShopDataSlice(ctx: SliceContext): SliceParts<ShopDataState, ShopDataActions> {
  const call = ctx.client.call as unknown as AnyCall;
  const actingId = (): number | null => ctx.get().session.info?.acting?.id ?? null;
  const loader = createKeyedLoader();

  const setList = (entity: ShopEntity, list: EntityList<ShopEntity>) =>
    patch(ctx, 'shopData', (s) => ({ lists: { ...s.lists, [entity]: list } }));
  const itemAt = (key: string) => entryTarget(ctx, 'shopData', 'items', key);

  const loaders = Object.fromEntries(
    SHOP_ENTITIES.map((entity) => [
      entity,
      createPagedLoader<EntityRow<ShopEntity>, EntityFilter<ShopEntity>>({
        get: () => ctx.get().shopData.lists[entity] as EntityList<ShopEntity>,
        set: (list) => setList(entity, list),
        fetch: (filter, companyId, offset, limit) =>
          call(`${entity}.list`, { ...filter, companyId, offset, limit }) as Promise<{ items: EntityRow<ShopEntity>[]; total: number; offset: number; limit: number }>,
      }),
    ]),
  ) as Record<ShopEntity, PagedLoader<EntityFilter<ShopEntity>>>;

  /** After a change: the lists that show it (and what depends on it) reload once. */
  function afterChange(entity: ShopEntity): void {
    for (const dependent of DEPENDENT_LISTS[entity]) {
      const list = ctx.get().shopData.lists[dependent];
      if (list.status !== 'idle' && list.companyId === actingId()) ctx.schedule(`shop-list:${dependent}`, () => void loaders[dependent].refresh());
    }
  }

  function storeItem(entity: ShopEntity, companyId: number, result: { id: number }): void {
    // Create / update return the plain object; the detail views (customer with spend, order with lines)
    // load their own richer version, so only plain objects are stored as they come.
    if (entity === 'customers') {
      const key = itemKey(companyId, entity, result.id);
      if (ctx.get().shopData.items[key]) ctx.schedule(`shop-item:${key}`, () => void actions.loadShopItem(entity, result.id));
      return;
    }
    itemAt(itemKey(companyId, entity, result.id)).set(ready(result));
  }

  const actions: ShopDataActions = {
    openShopList(entity) {
      loaders[entity].open(actingId());
    },

    setShopFilter(entity, change) {
      // A filter set before the list was shown (a link from elsewhere) belongs to the acting company.
      const list = ctx.get().shopData.lists[entity];
      if (list.companyId !== actingId()) loaders[entity].reset(list.filter as EntityFilter<ShopEntity>, actingId());
      loaders[entity].setFilter(change as Partial<EntityFilter<ShopEntity>>);
    },

    clearShopFilter(entity) {
      const { sort, direction } = ctx.get().shopData.lists[entity].filter as { sort?: string; direction?: string };
      loaders[entity].setFilter({ ...(DEFAULT_FILTERS[entity] as object), sort, direction, ...clearedKeys(entity) } as Partial<EntityFilter<ShopEntity>>);
    },

    loadShopRows(entity, from, to) {
      loaders[entity].load(from, to);
    },

    refreshShopList(entity) {
      return loaders[entity].refresh();
    },

    async loadShopItem(entity, id) {
      const companyId = actingId();
      if (companyId === null) return;
      const key = itemKey(companyId, entity, id);
      await loader.load(key, itemAt(key), () => call(`${entity}.get`, { companyId, [ENTITY_ID_KEYS[entity]]: id }));
    },

    async createShopItem(entity, input) {
      const companyId = (input as { companyId: number }).companyId;
      const result = (await mutate(ctx, () => call(`${entity}.create`, input) as Promise<{ id: number }>, (r) => `${capitalize(entityLabel(entity, r))} was ${entity === 'orders' ? 'entered' : 'added'}`));
      storeItem(entity, companyId, result);
      afterChange(entity);
      return result;
    },

    async updateShopItem(entity, input) {
      const companyId = (input as { companyId: number }).companyId;
      const result = (await mutate(ctx, () => call(`${entity}.update`, input) as Promise<{ id: number }>, (r) => `${capitalize(entityLabel(entity, r))} was saved`));
      storeItem(entity, companyId, result);
      afterChange(entity);
      return result;
    },

    async deleteShopItem(entity, id, label) {
      const companyId = actingId();
      if (companyId === null) return;
      await mutate(ctx, () => call(`${entity}.delete`, { companyId, [ENTITY_ID_KEYS[entity]]: id }), `${capitalize(label)} was deleted`);
      patch(ctx, 'shopData', (s) => {
        const items = { ...s.items };
        delete items[itemKey(companyId, entity, id)];
        return { items };
      });
      afterChange(entity);
    },

    async searchShop(entity, filter, limit = 50) {
      const companyId = actingId();
      const page = (await call(`${entity}.list`, { ...DEFAULT_FILTERS[entity], ...filter, companyId, offset: 0, limit })) as { items: EntityRow<typeof entity>[]; total: number };
      return { items: page.items, total: page.total };
    },

    async exportShopList(entity) {
      const list = ctx.get().shopData.lists[entity];
      const companyId = list.companyId ?? actingId();
      const filter = { ...list.filter, companyId };
      const result = await mutate(ctx, () => call('shop.exportCsv', { table: entity, filter }) as Promise<CsvExport>);
      ctx.get().actions.toast('success', `Exported ${result.rowCount.toLocaleString()} ${result.rowCount === 1 ? ENTITY_NOUNS[entity].one : ENTITY_NOUNS[entity].many}`);
      return result;
    },

    async placeCheckout(input) {
      // No toast for a refusal: the storefront shows the server's reason where the order would be.
      const order = await ctx.client.call('checkout.place', input);
      ctx.get().actions.toast('success', `Order #${order.number} was placed`);
      itemAt(itemKey(order.companyId, 'orders', order.id)).set(ready(order));
      afterChange('orders');
      afterChange('customers');
      return order;
    },

    applyShopEvent(name, payload) {
      const companyId = actingId();
      const entity = entityOfEvent(name);
      if (!entity || companyId === null || payload.companyId !== companyId) return;
      afterChange(entity);
      const s = ctx.get().shopData;
      const key = itemKey(companyId, entity, payload.id);
      if (s.items[key] && !name.endsWith('.deleted')) ctx.schedule(`shop-item:${key}`, () => void actions.loadShopItem(entity, payload.id));
      // A customer's page shows its orders and spend.
      if (entity === 'orders') {
        for (const k of Object.keys(s.items)) {
          const [c, e, id] = k.split(':');
          if (Number(c) === companyId && e === 'customers') ctx.schedule(`shop-item:${k}`, () => void actions.loadShopItem('customers', Number(id)));
        }
      }
    },

    resetShopData(acting) {
      const s = ctx.get().shopData;
      for (const entity of SHOP_ENTITIES) {
        if (s.lists[entity].companyId !== acting) loaders[entity].reset(DEFAULT_FILTERS[entity] as EntityFilter<ShopEntity>, null);
      }
      const items = Object.fromEntries(Object.entries(ctx.get().shopData.items).filter(([k]) => Number(k.split(':')[0]) === acting));
      patch(ctx, 'shopData', { items });
    },
  };

  return {
    state: { lists: initialLists(), items: {} },
    actions,
    afterActing: () => actions.resetShopData(ctx.get().session.info?.acting?.id ?? null),
  };
}

/** Optional filters (kind, category, status, ...) go back to "any". */
function clearedKeys(entity: ShopEntity): Record<string, undefined> {
  const optional: Partial<Record<ShopEntity, string[]>> = {
    products: ['kind', 'categoryId'],
    customers: ['country'],
    orders: ['status', 'customerId', 'from', 'to'],
    subscribers: ['status', 'productId'],
    groupMembers: ['groupId'],
    newsletterRecipients: ['status'],
    files: ['mimeType'],
  };
  return Object.fromEntries((optional[entity] ?? []).map((k) => [k, undefined]));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
