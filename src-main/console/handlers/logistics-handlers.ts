// Console methods of the logistics area (docs/logistics.md). The provider side runs as Self (a provider is a
// partner company); the shop side inside the company the console acts as; the review for the operator role only.
import type { ConsoleContext, Handlers } from '../console-context';

type LogisticsMethods = Extract<keyof Handlers, `logistics.${string}`>;

export function logisticsHandlers(ctx: ConsoleContext): Pick<Handlers, LogisticsMethods> {
  const { platform } = ctx;
  const PROVIDER = 'Logistics';
  const self = () => {
    ctx.requireSelf(PROVIDER);
    return ctx.actor();
  };
  const shop = (companyId: number, what: string) => {
    ctx.requireActingAs(companyId, what);
    return ctx.actor();
  };
  const operator = () => ctx.requireOperator('Logistics review');
  const { logistics, fulfillment } = platform;

  return {
    'logistics.provider': ({ companyId }) => ({ provider: logistics.providerOf(self(), companyId) }),
    'logistics.apply': (input) => logistics.apply(self(), input),
    'logistics.updateProfile': (input) => logistics.updateProfile(self(), input),
    'logistics.offerChoices': (input) => logistics.offerChoices(self(), input),
    'logistics.setOffers': (input) => logistics.setOffers(self(), input),
    'logistics.warehouses': ({ providerId }) => logistics.warehouses(self(), providerId),
    'logistics.saveWarehouse': (input) => logistics.saveWarehouse(self(), input),
    'logistics.zones': ({ providerId }) => logistics.zones(self(), providerId),
    'logistics.saveZone': (input) => logistics.saveZone(self(), input),
    'logistics.deleteZone': ({ providerId, zoneId }) => {
      logistics.deleteZone(self(), providerId, zoneId);
      return { deleted: true };
    },
    'logistics.rates': ({ providerId }) => logistics.rates(self(), providerId),
    'logistics.saveRate': (input) => logistics.saveRate(self(), input),
    'logistics.deleteRate': ({ providerId, rateId }) => {
      logistics.deleteRate(self(), providerId, rateId);
      return { deleted: true };
    },
    'logistics.queue': (input) => fulfillment.queue(self(), input),
    'logistics.fulfillment': ({ providerId, orderId }) => fulfillment.fulfillment(self(), providerId, orderId),
    'logistics.shipments': (input) => fulfillment.shipments(self(), input),
    'logistics.shipment': ({ providerId, shipmentId }) => fulfillment.shipment(self(), providerId, shipmentId),
    'logistics.ship': (input) => fulfillment.ship(self(), input),
    'logistics.updateShipment': (input) => fulfillment.updateShipment(self(), input),
    'logistics.stock': (input) => fulfillment.stock(self(), input),
    'logistics.moveStock': (input) => fulfillment.moveStock(self(), input),
    'logistics.movements': ({ providerId, warehouseId, productId }) => fulfillment.movements(self(), providerId, warehouseId, productId),
    'logistics.productChoices': ({ providerId, search }) => fulfillment.productChoices(self(), providerId, search),

    'logistics.shopProviders': ({ companyId }) => logistics.shopProviders(shop(companyId, 'Shipping providers'), companyId),
    'logistics.setShopProviders': (input) => logistics.setShopProviders(shop(input.companyId, 'Shipping providers'), input),
    'logistics.shopStock': ({ companyId, ...rest }) => fulfillment.shopStock(shop(companyId, 'Stock'), companyId, rest),
    'logistics.orderShipping': ({ companyId, orderId }) => ({ shipping: fulfillment.orderShipping(shop(companyId, 'Order shipping'), companyId, orderId) }),
    'logistics.quote': ({ companyId, country, lines, purpose }) => fulfillment.quote(shop(companyId, purpose === 'order' ? 'The order form' : 'The storefront'), companyId, country, lines, purpose),

    'logistics.review': ({ state }) => logistics.review(operator(), state),
    'logistics.approve': ({ providerId }) => logistics.approve(operator(), providerId),
    'logistics.reject': ({ providerId, reason }) => logistics.reject(operator(), providerId, reason),
  };
}
