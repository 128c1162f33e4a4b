// Logistics rows -> the shapes the console methods answer (times from the clock service as ISO strings).
import type {
  Fulfillment,
  FulfillmentSummary,
  LogisticsProvider,
  Shipment,
  ShipmentSummary,
  ShippingRate,
  ShippingZone,
  StockLevel,
  StockMovement,
  Warehouse,
} from '../../../src-shared/api/logistics-types';
import { LOW_STOCK_THRESHOLD } from '../../../src-shared/domain/logistics';
import { toIso } from '../clock';
import type {
  FulfillmentLineRow,
  FulfillmentRow,
  MovementRow,
  ProviderRow,
  RateRow,
  ShipmentEventRow,
  ShipmentRow,
  StockRow,
  WarehouseRow,
  ZoneRow,
} from '../repositories/logistics-rows';

export function toProvider(row: ProviderRow): LogisticsProvider {
  return {
    id: row.id,
    companyId: row.company_id,
    companyName: row.company_name,
    name: row.name,
    contactEmail: row.contact_email,
    note: row.note,
    state: row.state,
    reason: row.reason,
    offerTo: row.offer_to,
    appliedAt: toIso(row.applied_at),
    decidedAt: row.decided_at === null ? null : toIso(row.decided_at),
    decidedBy: row.decided_by,
    warehouseCount: row.warehouse_count,
    rateCount: row.rate_count,
    offeredCount: row.offered_count,
    shopCount: row.shop_count,
    openFulfillments: row.open_fulfillments,
  };
}

export function toWarehouse(row: WarehouseRow): Warehouse {
  return {
    id: row.id,
    providerId: row.provider_id,
    name: row.name,
    country: row.country,
    city: row.city,
    street: row.street,
    postalCode: row.postal_code,
    createdAt: toIso(row.created_at),
  };
}

export const countriesOf = (list: string): string[] => (list === '' ? [] : list.split(','));

export function toZone(row: ZoneRow): ShippingZone {
  return { id: row.id, providerId: row.provider_id, name: row.name, countries: countriesOf(row.countries), rateCount: row.rate_count };
}

export function toRate(row: RateRow): ShippingRate {
  return {
    id: row.id,
    providerId: row.provider_id,
    zoneId: row.zone_id,
    zoneName: row.zone_name,
    currency: row.currency,
    minGrams: row.min_grams,
    maxGrams: row.max_grams,
    amountMinor: row.amount_minor,
  };
}

export function toFulfillmentSummary(row: FulfillmentRow): FulfillmentSummary {
  return {
    orderId: row.order_id,
    orderNumber: row.order_number,
    companyId: row.company_id,
    companyName: row.company_name,
    state: row.state,
    warehouseName: row.warehouse_name,
    country: row.ship_country,
    shipToName: row.ship_name,
    weightGrams: row.weight_grams,
    itemCount: row.item_count,
    forwardedAt: toIso(row.forwarded_at),
  };
}

export function toFulfillment(row: FulfillmentRow, lines: FulfillmentLineRow[]): Fulfillment {
  return {
    orderId: row.order_id,
    orderNumber: row.order_number,
    companyId: row.company_id,
    companyName: row.company_name,
    providerId: row.provider_id,
    providerName: row.provider_name,
    state: row.state,
    warehouseId: row.warehouse_id,
    warehouseName: row.warehouse_name,
    reserved: row.reserved === 1,
    shipTo: { name: row.ship_name, street: row.ship_street, city: row.ship_city, postalCode: row.ship_postal_code, country: row.ship_country, email: row.ship_email },
    weightGrams: row.weight_grams,
    shippingMinor: row.amount_minor,
    currency: row.currency,
    zoneName: row.zone_name,
    itemCount: row.item_count,
    forwardedAt: toIso(row.forwarded_at),
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      productId: l.product_id,
      name: l.name,
      sku: l.sku,
      quantity: l.quantity,
      shipped: l.shipped,
      weightGrams: (l.weight_grams ?? 0) * l.quantity,
    })),
  };
}

export function toShipmentSummary(row: ShipmentRow): ShipmentSummary {
  return {
    id: row.id,
    providerId: row.provider_id,
    providerName: row.provider_name,
    companyId: row.company_id,
    companyName: row.company_name,
    orderId: row.order_id,
    orderNumber: row.order_number,
    warehouseId: row.warehouse_id,
    warehouseName: row.warehouse_name,
    carrier: row.carrier,
    trackingNumber: row.tracking_number,
    status: row.status,
    country: row.country ?? '',
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function toShipment(row: ShipmentRow, lines: { line_no: number; quantity: number; name: string }[], events: ShipmentEventRow[]): Shipment {
  return {
    ...toShipmentSummary(row),
    lines: lines.map((l) => ({ lineNo: l.line_no, name: l.name, quantity: l.quantity })),
    timeline: events.map((e) => ({ status: e.status, note: e.note, at: toIso(e.at), by: e.actor })),
  };
}

export function toStockLevel(row: StockRow): StockLevel {
  const available = row.on_hand - row.reserved;
  return {
    warehouseId: row.warehouse_id,
    warehouseName: row.warehouse_name,
    companyId: row.company_id,
    companyName: row.company_name,
    productId: row.product_id,
    productName: row.product_name,
    sku: row.sku,
    onHand: row.on_hand,
    reserved: row.reserved,
    available,
    low: available <= LOW_STOCK_THRESHOLD,
    updatedAt: toIso(row.updated_at),
  };
}

export function toMovement(row: MovementRow): StockMovement {
  return {
    id: row.id,
    kind: row.kind,
    onHandDelta: row.on_hand_delta,
    reservedDelta: row.reserved_delta,
    orderId: row.order_id,
    shipmentId: row.shipment_id,
    note: row.note,
    by: row.actor,
    at: toIso(row.at),
  };
}
