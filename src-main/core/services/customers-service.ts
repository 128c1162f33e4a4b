// A shop's customers (spec §2): one per email address and company. The checkout finds a returning
// customer by email or creates a new one (customer.created). A customer with orders cannot be deleted:
// the orders are records of sales and keep pointing at their customer.
import type { z } from 'zod';
import { ApiError } from '../../../src-shared/api/errors';
import type { customerCreateSchema, customerListSchema, customerUpdateSchema } from '../../../src-shared/api/shop-inputs';
import type { Customer, CustomerDetail, DeleteResult, Page } from '../../../src-shared/api/shop-types';
import { averageMinor } from '../../../src-shared/domain/shop';
import { actorLabel, type Actor } from '../access';
import { toIso } from '../clock';
import type { CustomerRow } from '../repositories/customers-repository';
import { toCustomer, toOrderSummary } from '../shop-mappers';
import type { Emit, ServiceContext } from './service-context';
import { createShopOpener, definedOnly, fieldError, notFound, pageOf, type OpenShop } from './shop-access';

export type CustomerCreate = Omit<z.output<typeof customerCreateSchema>, 'companyId'>;
export type CustomerPatch = Omit<z.output<typeof customerUpdateSchema>, 'companyId' | 'customerId'>;
export type CustomerList = Omit<z.output<typeof customerListSchema>, 'companyId'>;

export interface CustomersService {
  list(actor: Actor, companyId: number, filter: CustomerList): Page<Customer>;
  get(actor: Actor, companyId: number, customerId: number): CustomerDetail;
  create(actor: Actor, companyId: number, input: CustomerCreate): Customer;
  update(actor: Actor, companyId: number, customerId: number, patch: CustomerPatch): Customer;
  delete(actor: Actor, companyId: number, customerId: number): DeleteResult;
  /** Inside the caller's transaction: the customer with this email, or a new one (customer.created). */
  findOrCreate(emit: Emit, companyId: number, input: CustomerCreate, now: number): { customer: CustomerRow; created: boolean };
}

export function createCustomersService(ctx: ServiceContext): CustomersService {
  const { repos, clock } = ctx;
  const openShop = createShopOpener(ctx);

  function requireCustomer(shop: OpenShop, customerId: number): CustomerRow {
    const row = repos.customers.get(shop.company.id, customerId);
    if (!row) throw notFound('Customer', customerId);
    return row;
  }

  function checkEmail(companyId: number, email: string | undefined, customerId: number | null): void {
    if (email === undefined) return;
    const other = repos.customers.findByEmail(companyId, email);
    if (other && other.id !== customerId) throw fieldError('email', `is already the email of customer ${other.name}`);
  }

  function insert(emit: Emit, companyId: number, input: CustomerCreate, now: number): CustomerRow {
    const id = repos.customers.customers.insert({
      company_id: companyId,
      email: input.email,
      name: input.name,
      phone: input.phone,
      street: input.street,
      city: input.city,
      postal_code: input.postalCode,
      country: input.country,
      accepts_marketing: input.acceptsMarketing ? 1 : 0,
      note: input.note,
      created_at: now,
      updated_at: now,
    });
    repos.customers.bumpCounts(companyId, 1, 0);
    emit('customer.created', { companyId, id });
    return repos.customers.get(companyId, id)!;
  }

  return {
    list(actor, companyId, filter) {
      const shop = openShop(actor, companyId, 'customers');
      const query = repos.customers.query({ ...filter, companyId });
      const unfiltered = !filter.search && !filter.country;
      return pageOf(repos.lists, query, filter, (rows: CustomerRow[]) => rows.map((r) => toCustomer(r, shop.isDemo)), unfiltered ? repos.customers.counts(companyId).customers : undefined);
    },

    get(actor, companyId, customerId) {
      const shop = openShop(actor, companyId, 'customers');
      const row = requireCustomer(shop, customerId);
      const stats = repos.customers.orderStats(customerId);
      return {
        ...toCustomer(row, shop.isDemo),
        orderCount: stats.order_count,
        spent: repos.orders.spentByCurrency(customerId).map((s) => ({
          currency: s.currency,
          orders: s.orders,
          items: s.items,
          netMinor: s.net_minor,
          vatMinor: s.vat_minor,
          grossMinor: s.gross_minor,
          averageOrderMinor: averageMinor(s.gross_minor, s.orders),
        })),
        firstOrderAt: stats.first_order_at === null ? null : toIso(stats.first_order_at),
        lastOrderAt: stats.last_order_at === null ? null : toIso(stats.last_order_at),
        recentOrders: repos.orders.recentOfCustomer(customerId, 10).map(toOrderSummary),
      };
    },

    create(actor, companyId, input) {
      const shop = openShop(actor, companyId, 'customers');
      checkEmail(companyId, input.email, null);
      const row = ctx.transact((emit) => insert(emit, companyId, input, clock.now()));
      return toCustomer(row, shop.isDemo);
    },

    update(actor, companyId, customerId, patch) {
      const shop = openShop(actor, companyId, 'customers');
      requireCustomer(shop, customerId);
      checkEmail(companyId, patch.email, customerId);
      ctx.transact((emit) => {
        repos.customers.customers.update(customerId, {
          ...definedOnly({
            email: patch.email,
            name: patch.name,
            phone: patch.phone,
            street: patch.street,
            city: patch.city,
            postal_code: patch.postalCode,
            country: patch.country,
            note: patch.note,
            accepts_marketing: patch.acceptsMarketing === undefined ? undefined : patch.acceptsMarketing ? (1 as const) : (0 as const),
          }),
          updated_at: clock.now(),
        });
        emit('customer.updated', { companyId, id: customerId });
      });
      return toCustomer(repos.customers.get(companyId, customerId)!, shop.isDemo);
    },

    delete(actor, companyId, customerId) {
      const shop = openShop(actor, companyId, 'customers');
      const row = requireCustomer(shop, customerId);
      const orders = repos.orders.countOfCustomer(customerId);
      if (orders > 0) {
        throw new ApiError('conflict', `${row.name} has ${orders} order${orders === 1 ? '' : 's'}; a customer with orders cannot be deleted.`, { orders });
      }
      ctx.transact((emit) => {
        repos.customers.customers.remove(customerId);
        repos.customers.bumpCounts(companyId, -1, 0);
        repos.audit.record({ company_id: companyId, actor: actorLabel(actor), action: 'customer.deleted', detail: { id: customerId, email: row.email }, created_at: clock.now() });
        emit('customer.deleted', { companyId, id: customerId });
      });
      return { deleted: true, id: customerId };
    },

    findOrCreate(emit, companyId, input, now) {
      const existing = repos.customers.findByEmail(companyId, input.email);
      if (existing) return { customer: existing, created: false };
      return { customer: insert(emit, companyId, input, now), created: true };
    },
  };
}
