// Console methods of the logistics area (spec §8, docs/logistics.md): the provider side (apply, profile, offered-to,
// warehouses, zones and rates, fulfillment queue, shipments, stock), the shop side (providers in the shop settings,
// stock per warehouse, shipping and tracking of an order, the storefront's shipping quote) and the operator's
// review. No webhook topic: the spec defines none for logistics; the console hears `logistics.changed`.
import { defineSharedArea } from '../area';
import { event } from '../event';
import {
  fulfillmentRefSchema,
  movementsSchema,
  offerChoicesSchema,
  orderShippingSchema,
  productChoicesSchema,
  providerApplySchema,
  providerOfCompanySchema,
  providerRefSchema,
  providerUpdateSchema,
  queueSchema,
  quoteSchema,
  rateRefSchema,
  rateSaveSchema,
  rejectSchema,
  reviewListSchema,
  setOffersSchema,
  setShopProvidersSchema,
  shipmentListSchema,
  shipmentRefSchema,
  shipmentUpdateSchema,
  shipSchema,
  shopProvidersSchema,
  shopStockSchema,
  stockListSchema,
  stockMoveSchema,
  warehouseSaveSchema,
  zoneRefSchema,
  zoneSaveSchema,
} from '../logistics-inputs';
import type {
  Fulfillment,
  FulfillmentSummary,
  LogisticsProvider,
  OfferChoice,
  OrderShipping,
  QuoteAnswer,
  Shipment,
  ShipmentSummary,
  ShippingRate,
  ShippingZone,
  ShopProviderChoice,
  StockLevel,
  StockMovement,
  StockProductChoice,
  Warehouse,
} from '../logistics-types';
import { method } from '../method';
import type { Page } from '../shop-types';

export const logisticsMethods = {
  'logistics.provider': method<{ provider: LogisticsProvider | null }>()(providerOfCompanySchema, 'The logistics provider profile of a company (null before it applies)'),
  'logistics.apply': method<LogisticsProvider>()(providerApplySchema, 'A partner applies to provide logistics services (the operator approves)'),
  'logistics.updateProfile': method<LogisticsProvider>()(providerUpdateSchema, "Change a provider's name, contact and whom it offers to"),
  'logistics.offerChoices': method<Page<OfferChoice>>()(offerChoicesSchema, "The provider's clients, searchable, with whether it offers to each"),
  'logistics.setOffers': method<LogisticsProvider>()(setOffersSchema, 'Offer to (or stop offering to) selected clients'),
  'logistics.warehouses': method<Warehouse[]>()(providerRefSchema, "A provider's warehouses"),
  'logistics.saveWarehouse': method<Warehouse>()(warehouseSaveSchema, 'Add or change a warehouse'),
  'logistics.zones': method<ShippingZone[]>()(providerRefSchema, "A provider's zones (lists of countries)"),
  'logistics.saveZone': method<ShippingZone>()(zoneSaveSchema, 'Add or change a zone'),
  'logistics.deleteZone': method<{ deleted: true }>()(zoneRefSchema, 'Delete a zone and its rates'),
  'logistics.rates': method<ShippingRate[]>()(providerRefSchema, "A provider's rate rules (weight bracket x zone x currency)"),
  'logistics.saveRate': method<ShippingRate>()(rateSaveSchema, 'Add or change a rate rule'),
  'logistics.deleteRate': method<{ deleted: true }>()(rateRefSchema, 'Delete a rate rule'),
  'logistics.queue': method<Page<FulfillmentSummary>>()(queueSchema, 'The fulfillment queue: forwarded physical orders, filterable'),
  'logistics.fulfillment': method<Fulfillment>()(fulfillmentRefSchema, 'One forwarded order: items, quantities, address, weight, warehouse'),
  'logistics.shipments': method<Page<ShipmentSummary>>()(shipmentListSchema, "A provider's shipments, filterable"),
  'logistics.shipment': method<Shipment>()(shipmentRefSchema, 'One shipment with its timeline'),
  'logistics.ship': method<Shipment>()(shipSchema, 'Ship an order (partly or whole) from a warehouse with carrier and tracking number'),
  'logistics.updateShipment': method<Shipment>()(shipmentUpdateSchema, "Move a shipment's status (in transit, delivered, exception) with a note"),
  'logistics.stock': method<Page<StockLevel>>()(stockListSchema, "A provider's stock per product and warehouse"),
  'logistics.moveStock': method<StockLevel>()(stockMoveSchema, 'Book a receipt or an adjustment'),
  'logistics.movements': method<StockMovement[]>()(movementsSchema, 'The movements of one product in one warehouse, newest first'),
  'logistics.productChoices': method<StockProductChoice[]>()(productChoicesSchema, 'Physical products of the shops that chose the provider (to book stock)'),

  'logistics.shopProviders': method<ShopProviderChoice[]>()(shopProvidersSchema, 'The providers offered to a shop, with the ones it chose'),
  'logistics.setShopProviders': method<ShopProviderChoice[]>()(setShopProvidersSchema, 'Choose the shop’s providers and its preferred one'),
  'logistics.shopStock': method<Page<StockLevel>>()(shopStockSchema, "A shop's stock per warehouse"),
  'logistics.orderShipping': method<{ shipping: OrderShipping | null }>()(orderShippingSchema, "An order's shipping line, fulfillment and tracking (null: not forwarded)"),
  'logistics.quote': method<QuoteAnswer>()(quoteSchema, 'The shipping a checkout would add (or why it cannot ship there)'),

  'logistics.review': method<LogisticsProvider[]>()(reviewListSchema, 'Operator: logistics applications (pending by default)'),
  'logistics.approve': method<LogisticsProvider>()(providerRefSchema, 'Operator: approve a logistics provider'),
  'logistics.reject': method<LogisticsProvider>()(rejectSchema, 'Operator: reject a logistics provider with a reason'),
} as const;

export const logisticsEvents = {
  /** Something of a provider changed (profile, decision, setup, queue, shipment, stock); companyId = the shop concerned, if one. */
  'logistics.changed': event<{ providerId: number; companyId: number | null }>()('pushed'),
} as const;

export const logisticsArea = defineSharedArea({
  name: 'logistics',
  methods: logisticsMethods,
  events: logisticsEvents,
  emailKinds: {
    /** The operator's decision on a logistics provider's application (to the provider's contact). */
    'logistics.decision': ['settings'],
    /** A storefront order forwarded to the logistics provider for fulfillment (to the provider's contact). */
    'logistics.forward': ['orders'],
  },
});
