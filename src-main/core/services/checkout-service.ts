// The storefront's checkout (spec §1, §2): places an order as a customer would. The customer is found by
// email or created (customer.created); lines are priced from the products (VAT per line, rounded half up),
// physical stock is taken (refused, naming the line, when it runs out); the order is paid at once (the
// local platform stands in for the payment provider). A sample company cannot make end-user sales, and a
// closed storefront takes no orders. Apps and themes are sold in the App Store, not here. Used by the console's test orders, demos and webhook triggers.
import type { z } from 'zod';
import { ApiError } from '../../../src-shared/api/errors';
import type { checkoutSchema } from '../../../src-shared/api/shop-inputs';
import type { Order } from '../../../src-shared/api/shop-types';
import type { Actor } from '../access';
import { toOrder } from '../shop-mappers';
import type { CustomersService } from './customers-service';
import type { OrdersService } from './orders-service';
import type { ServiceContext } from './service-context';
import { createShopOpener } from './shop-access';

export type CheckoutRequest = Omit<z.output<typeof checkoutSchema>, 'companyId'>;

export const SAMPLE_CANNOT_SELL = 'Sample companies cannot make end-user sales';

export interface CheckoutService {
  /** Places a paid order as the storefront would. Users need the "orders" permission; the operator may always. */
  place(actor: Actor, companyId: number, request: CheckoutRequest): Order;
}

export function createCheckoutService(ctx: ServiceContext, customers: CustomersService, orders: OrdersService): CheckoutService {
  const { repos, clock } = ctx;
  const openShop = createShopOpener(ctx);
  return {
    place(actor, companyId, request) {
      const shop = openShop(actor, companyId, 'orders');
      // A development company's test orders are allowed (marked as test data like a sample company's).
      if (shop.company.is_sample === 1) {
        throw new ApiError(
          'forbidden',
          `${SAMPLE_CANNOT_SELL}: ${shop.company.name} is a sample company. Its managing partner can turn the sample flag off when the shop goes live.`,
          { reason: 'sample_company' },
        );
      }
      if (!shop.settings.storefront_open) {
        throw new ApiError('conflict', `The storefront of ${shop.settings.shop_name} is closed. Open it in the shop settings to take orders.`, {
          reason: 'storefront_closed',
        });
      }
      // Apps and themes are bought in the App Store, which installs them; the storefront does not sell them.
      const products = new Map(repos.catalog.productsByIds(companyId, request.lines.map((l) => l.productId)).map((p) => [p.id, p]));
      const storeOnly: Record<string, string[]> = {};
      request.lines.forEach((line, i) => {
        const product = products.get(line.productId);
        if (product && (product.kind === 'app' || product.kind === 'theme')) {
          storeOnly[`lines.${i}.productId`] = [`"${product.name}" is ${product.kind === 'app' ? 'an app' : 'a theme'}: it is sold in the App Store`];
        }
      });
      if (Object.keys(storeOnly).length > 0) throw ApiError.validation(storeOnly);
      const orderId = ctx.transact((emit) => {
        const now = clock.now();
        const { customer } = customers.findOrCreate(emit, companyId, { ...request.customer, note: '' }, now);
        return orders.place(emit, shop, {
          customerId: customer.id,
          lines: request.lines,
          status: 'paid',
          source: 'checkout',
          note: request.note,
          placedAt: now,
          requireActive: true,
        });
      });
      return toOrder(repos.orders.get(companyId, orderId)!, repos.orders.lines(orderId));
    },
  };
}
