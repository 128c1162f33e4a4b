// What the logistics area's console methods answer (docs/logistics.md). Times are ISO strings from the clock
// service, weights whole grams, money integer minor units with its ISO 4217 currency.
import type { FulfillmentState, MovementKind, OfferScope, ProviderState, ShipmentStatus } from '../domain/logistics';

export interface LogisticsProvider {
  id: number;
  companyId: number;
  companyName: string;
  name: string;
  contactEmail: string;
  note: string;
  state: ProviderState;
  /** The operator's reason when rejected. */
  reason: string;
  offerTo: OfferScope;
  appliedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  warehouseCount: number;
  rateCount: number;
  /** Clients it offers to when offerTo is "selected". */
  offeredCount: number;
  /** Shops that have chosen it. */
  shopCount: number;
  openFulfillments: number;
}

export interface Warehouse {
  id: number;
  providerId: number;
  name: string;
  country: string;
  city: string;
  street: string;
  postalCode: string;
  createdAt: string;
}

export interface ShippingZone {
  id: number;
  providerId: number;
  name: string;
  countries: string[];
  rateCount: number;
}

export interface ShippingRate {
  id: number;
  providerId: number;
  zoneId: number;
  zoneName: string;
  currency: string;
  /** Inclusive lower edge, grams. */
  minGrams: number;
  /** Inclusive upper edge, grams; null = no upper limit. */
  maxGrams: number | null;
  amountMinor: number;
}

/** A client of the provider's company and whether the provider offers to it. */
export interface OfferChoice {
  companyId: number;
  name: string;
  country: string;
  offered: boolean;
}

/** A provider as a shop sees it in its settings. */
export interface ShopProviderChoice {
  providerId: number;
  name: string;
  companyName: string;
  /** Countries its zones cover. */
  countries: string[];
  currencies: string[];
  warehouseCount: number;
  chosen: boolean;
  preferred: boolean;
}

export interface ShippingQuote {
  providerId: number;
  providerName: string;
  rateId: number;
  zoneName: string;
  country: string;
  weightGrams: number;
  amountMinor: number;
  currency: string;
}

/** The answer of logistics.quote: a rate, or why it cannot ship (or null when no shipping applies). */
export type QuoteAnswer =
  | { kind: 'none'; reason: string }
  | { kind: 'rate'; quote: ShippingQuote }
  | { kind: 'cannot_ship'; message: string };

export interface FulfillmentLine {
  lineNo: number;
  productId: number | null;
  name: string;
  sku: string;
  quantity: number;
  shipped: number;
  weightGrams: number;
}

/** A forwarded physical order in the provider's queue. */
export interface Fulfillment {
  orderId: number;
  orderNumber: number;
  companyId: number;
  companyName: string;
  providerId: number;
  providerName: string;
  state: FulfillmentState;
  warehouseId: number | null;
  warehouseName: string | null;
  /** True when the warehouse held enough stock at forwarding and it was reserved there. */
  reserved: boolean;
  shipTo: { name: string; street: string; city: string; postalCode: string; country: string; email: string };
  weightGrams: number;
  shippingMinor: number;
  currency: string;
  zoneName: string;
  itemCount: number;
  forwardedAt: string;
  lines: FulfillmentLine[];
}

export interface FulfillmentSummary {
  orderId: number;
  orderNumber: number;
  companyId: number;
  companyName: string;
  state: FulfillmentState;
  warehouseName: string | null;
  country: string;
  shipToName: string;
  weightGrams: number;
  itemCount: number;
  forwardedAt: string;
}

export interface ShipmentEvent {
  status: ShipmentStatus;
  note: string;
  at: string;
  by: string;
}

export interface Shipment {
  id: number;
  providerId: number;
  providerName: string;
  companyId: number;
  companyName: string;
  orderId: number;
  orderNumber: number;
  warehouseId: number;
  warehouseName: string;
  carrier: string;
  trackingNumber: string;
  status: ShipmentStatus;
  country: string;
  createdAt: string;
  updatedAt: string;
  lines: { lineNo: number; name: string; quantity: number }[];
  timeline: ShipmentEvent[];
}

export type ShipmentSummary = Omit<Shipment, 'lines' | 'timeline'>;

/** What a shop's order page and the storefront's order status show. */
export interface OrderShipping {
  fulfillment: Fulfillment;
  shipments: Shipment[];
}

export interface StockLevel {
  warehouseId: number;
  warehouseName: string;
  companyId: number;
  companyName: string;
  productId: number;
  productName: string;
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  low: boolean;
  updatedAt: string;
}

export interface StockMovement {
  id: number;
  kind: MovementKind;
  onHandDelta: number;
  reservedDelta: number;
  orderId: number | null;
  shipmentId: number | null;
  note: string;
  by: string;
  at: string;
}

/** A shop's physical product that a provider can hold stock of. */
export interface StockProductChoice {
  companyId: number;
  companyName: string;
  productId: number;
  name: string;
  sku: string;
}
