// Console methods for a client's shop data (src-shared/api/methods/shop.ts). Store functions: each runs
// only while the console acts as the company named in the input; the core then checks visibility, that
// the company has a shop, and the permission.
import type { Actor } from '../../core/access';
import type { ConsoleContext, Handlers } from '../console-context';

type Entity = 'products' | 'categories' | 'customers' | 'orders' | 'subscribers' | 'accessGroups' | 'groupMembers' | 'newsletterRecipients' | 'themes' | 'files';
type Crud<P extends Entity> = `${P}.list` | `${P}.get` | `${P}.create` | `${P}.update` | `${P}.delete`;

/** The five operations every shop object has, as the core services offer them. */
interface CrudService {
  list(actor: Actor, companyId: number, filter: never): unknown;
  get(actor: Actor, companyId: number, id: number): unknown;
  create(actor: Actor, companyId: number, input: never): unknown;
  update(actor: Actor, companyId: number, id: number, patch: never): unknown;
  delete(actor: Actor, companyId: number, id: number): unknown;
}

export function shopDataHandlers(ctx: ConsoleContext): Pick<Handlers, Crud<Entity> | 'checkout.place'> {
  const { platform } = ctx;

  function crud<P extends Entity>(prefix: P, idKey: string, what: string, service: CrudService): Pick<Handlers, Crud<P>> {
    type Input = { companyId: number } & Record<string, unknown>;
    const run = (input: Input, work: (actor: Actor) => unknown) => {
      ctx.requireActingAs(input.companyId, what);
      return work(ctx.actor());
    };
    const handlers: Record<string, (input: Input) => unknown> = {
      [`${prefix}.list`]: (input) => run(input, (actor) => service.list(actor, input.companyId, input as never)),
      [`${prefix}.get`]: (input) => run(input, (actor) => service.get(actor, input.companyId, input[idKey] as number)),
      [`${prefix}.create`]: (input) => run(input, (actor) => service.create(actor, input.companyId, input as never)),
      [`${prefix}.update`]: (input) => run(input, (actor) => service.update(actor, input.companyId, input[idKey] as number, input as never)),
      [`${prefix}.delete`]: (input) => run(input, (actor) => service.delete(actor, input.companyId, input[idKey] as number)),
    };
    return handlers as unknown as Pick<Handlers, Crud<P>>;
  }

  const { catalog, customers, orders, audience, content } = platform;
  return {
    ...crud('products', 'productId', 'The product catalogue', {
      list: catalog.listProducts,
      get: catalog.getProduct,
      create: (actor, companyId, input) => catalog.createProduct(actor, companyId, input),
      update: catalog.updateProduct,
      delete: catalog.deleteProduct,
    }),
    ...crud('categories', 'categoryId', 'The product catalogue', {
      list: catalog.listCategories,
      get: catalog.getCategory,
      create: catalog.createCategory,
      update: catalog.updateCategory,
      delete: catalog.deleteCategory,
    }),
    ...crud('customers', 'customerId', 'The customer list', customers),
    ...crud('orders', 'orderId', 'The order list', {
      list: orders.list,
      get: orders.get,
      create: (actor, companyId, input) => orders.create(actor, companyId, input, { source: 'console' }),
      update: orders.update,
      delete: orders.delete,
    }),
    ...crud('subscribers', 'subscriberId', 'The subscriber list', audience.subscribers),
    ...crud('accessGroups', 'groupId', 'Access groups', audience.accessGroups),
    ...crud('groupMembers', 'memberId', 'Access groups', audience.groupMembers),
    ...crud('newsletterRecipients', 'recipientId', 'The newsletter list', audience.newsletterRecipients),
    ...crud('themes', 'themeId', 'Themes', content.themes),
    ...crud('files', 'fileId', 'Content files', content.files),
    'checkout.place': (input) => {
      ctx.requireActingAs(input.companyId, 'The storefront');
      return platform.checkout.place(ctx.actor(), input.companyId, input);
    },
  };
}
