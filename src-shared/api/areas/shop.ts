// Console methods for a client's shop data (spec §2): list / get / create / update / delete of every kind
// of object, and the storefront's checkout. All are store functions: they run only while the console acts
// as that very client (never for a partner) and need the admin area's permission (products, orders,
// customers). Lists page with offset/limit in a stable order and report the total the filter matches.
// The ten kinds of objects, their methods and their events come from the entity table (../shop-entities.ts).
import { defineSharedArea } from '../area';
import { event, type EventDef } from '../event';
import { method } from '../method';
import { SHOP_ENTITY_METHODS, SHOP_EVENT_NAMES, type ShopEventName } from '../shop-entities';
import { checkoutSchema } from '../shop-inputs';
import type { Order } from '../shop-types';

export { SHOP_EVENT_NAMES, type ShopEventName } from '../shop-entities';

export const shopMethods = {
  ...SHOP_ENTITY_METHODS,
  'checkout.place': method<Order>()(
    checkoutSchema,
    'The storefront: place a paid order as a customer (refused for sample companies and closed storefronts)',
  ),
} as const;

/** A change to one object of a client's shop (the console refreshes the lists that show it). */
export interface ShopObjectEvent {
  companyId: number;
  id: number;
}

/** `<event prefix>.created/updated/deleted` of every entity. They feed the webhooks of spec §5 through the
 * transactional outbox, so services emit them inside the transaction. */
export const shopEvents = Object.fromEntries(SHOP_EVENT_NAMES.map((name) => [name, event<ShopObjectEvent>()('pushed')])) as {
  readonly [E in ShopEventName]: EventDef<ShopObjectEvent, 'pushed'>;
};

export const shopArea = defineSharedArea({ name: 'shop', methods: shopMethods, events: shopEvents });
