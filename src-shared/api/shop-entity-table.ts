// The shop's ten kinds of objects (spec §2): the table of their names, places and REST resources, without their
// input schemas (./shop-entities.ts adds those and re-exports all of this). Free of zod, so the renderer's store
// and route table use it without building the console's schemas at start (issue 18, cold start).
//
// Names follow one rule, so they cannot drift: `key` is the plural in camelCase (products, accessGroups); the
// id field of get / update / delete is `<singular>Id` (accessGroupId); events and REST wire names are the
// singular in snake_case (access_group.created, {"product": ...}). Webhook topics are the spec's own names
// (src-shared/domain/webhooks.ts: newsrecipient/create is fired by newsletter_recipient.created).
import type { OAuthScope } from '../domain/oauth-scopes';
import type { Permission } from '../domain/permissions';
import type {
  AccessGroup,
  Category,
  ContentFile,
  Customer,
  CustomerDetail,
  GroupMember,
  NewsletterRecipient,
  Order,
  OrderSummary,
  Product,
  Subscriber,
  Theme,
} from './shop-types';

export type EntityVerb = 'list' | 'get' | 'create' | 'update' | 'delete';
export type EntityEventVerb = 'created' | 'updated' | 'deleted';
/** How a list filter arrives in a REST query string. */
export type QueryParamType = 'string' | 'number' | 'boolean';
/** The REST verbs of a resource (spec §4 grants them per scope). */
export type RestVerb = 'list' | 'get' | 'create' | 'update' | 'remove';

/** camelCase -> snake_case, in types (accessGroup -> access_group). */
export type Snake<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}` : S;

export function snake<S extends string>(value: S): Snake<S> {
  return value.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) as Snake<S>;
}

/** camelCase -> lower-case words (newsletterRecipients -> "newsletter recipients"). */
function words(value: string): string {
  return value.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}

export interface EntityInfo<S extends string, Row, Item, Saved> {
  /** camelCase singular; the id field, the event prefix and the REST wire names follow from it. */
  singular: S;
  /** The permission of the admin area that holds it (the core checks it on every call). */
  permission: Permission;
  /** The console's words for the place it lives, in "… works inside the company you act as". */
  what: string;
  /** Where the console lists it, below #/store/. */
  consolePath: string;
  summaries: Record<EntityVerb, string>;
  /** The /admin REST resource (spec §4), if the platform has one: its scope, verbs, list parameters (snake_case,
   * besides limit and page) and the output-only properties a client may send back unchanged in a PUT. */
  rest?: { scope: OAuthScope; verbs: readonly RestVerb[]; params: Readonly<Record<string, QueryParamType>>; readOnly?: readonly string[] };
  /** Never read at run time: a list row, what `get` returns, what create and update return. */
  types?: { row: Row; item: Item; saved: Saved };
}

function entity<Row, Item = Row, Saved = Item>() {
  return <const S extends string>(def: EntityInfo<S, Row, Item, Saved>) => def;
}

const LIST_PARAMS = { search: 'string', sort: 'string', direction: 'string' } as const;

export const SHOP_ENTITY_TABLE = {
  products: entity<Product>()({
    singular: 'product',
    permission: 'products',
    what: 'The product catalogue',
    consolePath: 'products',
    summaries: {
      list: 'Products of the shop: search, kind / category / availability filters, sort, page',
      get: 'One product with its categories and download file',
      create: 'Add a physical, digital or service product',
      update: 'Change a product (the kind stays)',
      delete: 'Delete a product (orders keep their line snapshots)',
    },
    rest: {
      scope: 'products',
      verbs: ['list', 'get', 'create', 'update', 'remove'],
      params: { ...LIST_PARAMS, kind: 'string', category_id: 'number', active: 'string' },
      readOnly: ['kind', 'categories', 'file_name'],
    },
  }),
  categories: entity<Category>()({
    singular: 'category',
    permission: 'products',
    what: 'The product catalogue',
    consolePath: 'categories',
    summaries: {
      list: 'Product categories with their product counts',
      get: 'One category',
      create: 'Add a category (names are unique per shop)',
      update: 'Rename or describe a category',
      delete: 'Delete a category (its products stay)',
    },
    rest: { scope: 'products', verbs: ['list', 'get', 'create', 'update', 'remove'], params: LIST_PARAMS, readOnly: ['product_count'] },
  }),
  customers: entity<Customer, CustomerDetail, Customer>()({
    singular: 'customer',
    permission: 'customers',
    what: 'The customer list',
    consolePath: 'customers',
    summaries: {
      list: 'Customers: search by name, email or city, country filter',
      get: 'One customer with order count, spend per currency and recent orders',
      create: 'Add a customer (emails are unique per shop)',
      update: "Change a customer's data",
      delete: 'Delete a customer without orders',
    },
    rest: {
      scope: 'customers',
      verbs: ['list', 'get', 'create', 'update', 'remove'],
      params: { ...LIST_PARAMS, country: 'string' },
      readOnly: ['order_count', 'spent', 'first_order_at', 'last_order_at', 'recent_orders'],
    },
  }),
  orders: entity<OrderSummary, Order, Order>()({
    singular: 'order',
    permission: 'orders',
    what: 'The order list',
    consolePath: 'orders',
    summaries: {
      list: 'Orders, newest first: status, customer and date filters, search by number or customer',
      get: 'One order with its lines',
      create: 'Enter a manual order for an existing customer',
      update: "Change an order's status, lines or note",
      delete: 'Delete a pending or cancelled order',
    },
    rest: {
      scope: 'orders',
      verbs: ['list', 'get', 'create', 'update'],
      params: { ...LIST_PARAMS, status: 'string', customer_id: 'number', from: 'string', to: 'string' },
      readOnly: ['number', 'customer_id', 'customer_name', 'customer_email', 'currency', 'net_minor', 'vat_minor', 'gross_minor', 'item_count', 'source', 'placed_at'],
    },
  }),
  subscribers: entity<Subscriber>()({
    singular: 'subscriber',
    permission: 'customers',
    what: 'The subscriber list',
    consolePath: 'audience/subscribers',
    summaries: {
      list: 'Subscribers of subscription products',
      get: 'One subscriber',
      create: 'Add a subscriber',
      update: 'Change a subscriber (status, product, period)',
      delete: 'Delete a subscriber',
    },
  }),
  accessGroups: entity<AccessGroup>()({
    singular: 'accessGroup',
    permission: 'customers',
    what: 'Access groups',
    consolePath: 'audience/groups',
    summaries: {
      list: 'Access groups with their member counts',
      get: 'One access group',
      create: 'Add an access group',
      update: 'Rename or describe an access group',
      delete: 'Delete an access group and its members',
    },
  }),
  groupMembers: entity<GroupMember>()({
    singular: 'groupMember',
    permission: 'customers',
    what: 'Access groups',
    consolePath: 'audience/members',
    summaries: {
      list: 'Members of the access groups (filter by group)',
      get: 'One group member',
      create: 'Add a member to an access group',
      update: 'Change a member (group, email, expiry)',
      delete: 'Remove a member from its group',
    },
  }),
  newsletterRecipients: entity<NewsletterRecipient>()({
    singular: 'newsletterRecipient',
    permission: 'customers',
    what: 'The newsletter list',
    consolePath: 'audience/newsletter',
    summaries: {
      list: 'Newsletter recipients',
      get: 'One newsletter recipient',
      create: 'Add a newsletter recipient',
      update: 'Change a recipient (opt in / out)',
      delete: 'Delete a newsletter recipient',
    },
  }),
  themes: entity<Theme>()({
    singular: 'theme',
    permission: 'products',
    what: 'Themes',
    consolePath: 'content/themes',
    summaries: {
      list: 'Themes of the shop (one is active)',
      get: 'One theme with its settings',
      create: 'Add a theme, optionally making it the active one',
      update: 'Change a theme; isActive: true activates it',
      delete: 'Delete a theme',
    },
    rest: { scope: 'themes', verbs: ['list', 'get', 'create', 'update', 'remove'], params: LIST_PARAMS },
  }),
  files: entity<ContentFile>()({
    singular: 'file',
    permission: 'products',
    what: 'Content files',
    consolePath: 'content/files',
    summaries: {
      list: 'Content files (metadata): search, MIME-type filter',
      get: 'One file',
      create: "Register a file's metadata (name, MIME type, size, SHA-256)",
      update: "Change a file's metadata",
      delete: 'Delete a file no product offers as its download',
    },
    rest: { scope: 'files', verbs: ['list', 'get', 'create'], params: { ...LIST_PARAMS, mime_type: 'string' }, readOnly: ['used_by_products'] },
  }),
} as const;

type Table = typeof SHOP_ENTITY_TABLE;
export type ShopEntity = keyof Table;
export const SHOP_ENTITY_KEYS = Object.keys(SHOP_ENTITY_TABLE) as ShopEntity[];

export type EntitySingular<E extends ShopEntity> = Table[E]['singular'];
/** The id field of get / update / delete: productId, accessGroupId, newsletterRecipientId, ... */
export type EntityIdKey<E extends ShopEntity> = `${EntitySingular<E>}Id`;
/** The event prefix: product, access_group, newsletter_recipient, ... */
export type EntityEventPrefix<E extends ShopEntity> = Snake<EntitySingular<E>>;
export type ShopEventName = { [E in ShopEntity]: `${EntityEventPrefix<E>}.${EntityEventVerb}` }[ShopEntity];

export function entityIdKey<E extends ShopEntity>(entity: E): EntityIdKey<E> {
  return `${SHOP_ENTITY_TABLE[entity].singular}Id` as EntityIdKey<E>;
}

export function entityEventPrefix<E extends ShopEntity>(entity: E): EntityEventPrefix<E> {
  return snake(SHOP_ENTITY_TABLE[entity].singular as EntitySingular<E>);
}

export function shopEventName<E extends ShopEntity, V extends EntityEventVerb>(entity: E, verb: V): `${EntityEventPrefix<E>}.${V}` {
  return `${entityEventPrefix(entity)}.${verb}`;
}

/** The entity a shop event is about (null for any other event). */
export function entityOfEvent(name: string): ShopEntity | null {
  const prefix = name.slice(0, name.lastIndexOf('.'));
  return SHOP_ENTITY_KEYS.find((entity) => entityEventPrefix(entity) === prefix) ?? null;
}

/** Nouns for messages: "access group" / "access groups". */
export function entityNouns(entity: ShopEntity): { one: string; many: string } {
  return { one: words(SHOP_ENTITY_TABLE[entity].singular), many: words(entity) };
}

/** The REST wire names: `products` -> /admin/products.json, `product` wraps one object. */
export function entityWireNames(entity: ShopEntity): { plural: string; singular: string } {
  return { plural: snake(entity), singular: snake(SHOP_ENTITY_TABLE[entity].singular) };
}

export const SHOP_EVENT_NAMES = SHOP_ENTITY_KEYS.flatMap((entity) =>
  (['created', 'updated', 'deleted'] as const).map((verb) => shopEventName(entity, verb)),
) as ShopEventName[];
