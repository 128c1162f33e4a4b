// The shop's ten kinds of objects as the renderer handles them. The objects themselves, their methods, id
// fields, nouns and events come from the one entity table (src-shared/api/shop-entities.ts); here is what only
// the renderer needs: the default filter of each list and which lists show something of another.
// One table lets one slice, one table component and one form shell serve all ten.
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import { entityIdKey, entityNouns, SHOP_ENTITY_KEYS, type EntityIdKey, type ShopEntity } from '../../src-shared/api/shop-entity-table';

export { entityOfEvent, SHOP_ENTITY_KEYS as SHOP_ENTITIES, type ShopEntity } from '../../src-shared/api/shop-entity-table';

type Verb = 'list' | 'get' | 'create' | 'update' | 'delete';
export type EntityMethod<E extends ShopEntity, V extends Verb> = `${E}.${V}` & MethodName;

/** One row of an entity's list. */
export type EntityRow<E extends ShopEntity> = MethodOutput<EntityMethod<E, 'list'>>['items'][number];
/** What `<entity>.get` returns (customers: with spend and recent orders; orders: with lines). */
export type EntityItem<E extends ShopEntity> = MethodOutput<EntityMethod<E, 'get'>>;
export type EntityCreate<E extends ShopEntity> = MethodInput<EntityMethod<E, 'create'>>;
export type EntityUpdate<E extends ShopEntity> = MethodInput<EntityMethod<E, 'update'>>;
/** A list's filter: what the list method takes, without the company and the page. */
export type EntityFilter<E extends ShopEntity> = Omit<MethodInput<EntityMethod<E, 'list'>>, 'companyId' | 'offset' | 'limit'>;

/** The id field of each entity in get / update / delete (productId, accessGroupId, ...). */
export const ENTITY_ID_KEYS = Object.fromEntries(SHOP_ENTITY_KEYS.map((e) => [e, entityIdKey(e)])) as { readonly [E in ShopEntity]: EntityIdKey<E> };

/** Nouns for messages ("product" / "products", "group member" / "group members"). */
export const ENTITY_NOUNS = Object.fromEntries(SHOP_ENTITY_KEYS.map((e) => [e, entityNouns(e)])) as Record<ShopEntity, { one: string; many: string }>;

export const DEFAULT_FILTERS: { [E in ShopEntity]: EntityFilter<E> } = {
  products: { search: '', active: 'any', sort: 'name', direction: 'asc' },
  categories: { search: '', sort: 'name', direction: 'asc' },
  customers: { search: '', sort: 'name', direction: 'asc' },
  orders: { search: '', sort: 'placedAt', direction: 'desc' },
  subscribers: { search: '', sort: 'email', direction: 'asc' },
  accessGroups: { search: '', sort: 'name', direction: 'asc' },
  groupMembers: { search: '', sort: 'email', direction: 'asc' },
  newsletterRecipients: { search: '', sort: 'email', direction: 'asc' },
  themes: { search: '', sort: 'name', direction: 'asc' },
  files: { search: '', sort: 'name', direction: 'asc' },
};

/**
 * Lists that show something of another entity and must refresh when it changes: product counts of
 * categories, category and file names of products, member counts of groups, group names of members,
 * customers' spend (orders), the download files' "used by" count.
 */
export const DEPENDENT_LISTS: Record<ShopEntity, ShopEntity[]> = {
  products: ['products', 'categories', 'files', 'subscribers'],
  categories: ['categories', 'products'],
  customers: ['customers', 'orders'],
  orders: ['orders', 'customers', 'products'],
  subscribers: ['subscribers'],
  accessGroups: ['accessGroups', 'groupMembers'],
  groupMembers: ['groupMembers', 'accessGroups'],
  newsletterRecipients: ['newsletterRecipients'],
  themes: ['themes'],
  files: ['files', 'products'],
};

/** Whether a filter narrows the list (anything besides sorting differs from the default). */
export function isFiltered<E extends ShopEntity>(entity: E, filter: EntityFilter<E>): boolean {
  const defaults = DEFAULT_FILTERS[entity] as Record<string, unknown>;
  return Object.entries(filter as Record<string, unknown>).some(
    ([key, value]) => key !== 'sort' && key !== 'direction' && value !== undefined && value !== (defaults[key] ?? undefined),
  );
}

/** How an object is named in messages and dialogs: its name, its email, or "Order #1042". */
export function entityLabel(entity: ShopEntity, item: object): string {
  const o = item as { name?: string; email?: string; number?: number; id?: number };
  if (entity === 'orders' && typeof o.number === 'number') return `Order #${o.number}`;
  if ((entity === 'subscribers' || entity === 'groupMembers' || entity === 'newsletterRecipients') && o.email) return o.email;
  return o.name || o.email || `${ENTITY_NOUNS[entity].one} ${o.id ?? ''}`.trim();
}
