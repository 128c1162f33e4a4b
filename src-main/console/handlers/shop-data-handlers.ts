// Console methods for a client's shop data: `<entity>.list/get/create/update/delete` of every object of the
// entity table (src-shared/api/shop-entities.ts) and the storefront's checkout. Store functions: each runs
// only while the console acts as the company named in the input; the core then checks visibility, that the
// company has a shop, and the permission.
import { entityIdKey, SHOP_ENTITIES, SHOP_ENTITY_KEYS, type EntityVerb, type ShopEntity } from '../../../src-shared/api/shop-entities';
import type { Actor } from '../../core/access';
import { shopEntityServices } from '../../core/services/shop-entity-services';
import type { ConsoleContext, Handlers } from '../console-context';

type EntityMethod = `${ShopEntity}.${EntityVerb}`;

export function shopDataHandlers(ctx: ConsoleContext): Pick<Handlers, EntityMethod | 'checkout.place'> {
  const { platform } = ctx;
  const services = shopEntityServices(platform, 'console');
  const handlers: Record<string, (input: { companyId: number } & Record<string, unknown>) => unknown> = {};
  for (const entity of SHOP_ENTITY_KEYS) {
    const service = services[entity];
    const idKey = entityIdKey(entity);
    const { what } = SHOP_ENTITIES[entity];
    const run = (companyId: number, work: (actor: Actor) => unknown) => {
      ctx.requireActingAs(companyId, what);
      return work(ctx.actor());
    };
    handlers[`${entity}.list`] = (input) => run(input.companyId, (actor) => service.list(actor, input.companyId, input as never));
    handlers[`${entity}.get`] = (input) => run(input.companyId, (actor) => service.get(actor, input.companyId, input[idKey] as number));
    handlers[`${entity}.create`] = (input) => run(input.companyId, (actor) => service.create(actor, input.companyId, input as never));
    handlers[`${entity}.update`] = (input) => run(input.companyId, (actor) => service.update(actor, input.companyId, input[idKey] as number, input as never));
    handlers[`${entity}.delete`] = (input) => run(input.companyId, (actor) => service.delete(actor, input.companyId, input[idKey] as number));
  }
  return {
    // One handler per entity method, as the loop above builds them (a test calls every contract method).
    ...(handlers as unknown as Pick<Handlers, EntityMethod>),
    'checkout.place': (input) => {
      ctx.requireActingAs(input.companyId, 'The storefront');
      return platform.checkout.place(ctx.actor(), input.companyId, input);
    },
  };
}
