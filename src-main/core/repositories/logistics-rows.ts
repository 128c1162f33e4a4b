// The rows of the logistics tables (migration 016) as logistics-repository.ts reads and writes them, and the
// windows and filters of its lists, and its steps (db/steps.ts). Types only: the SQL is in logistics-repository.ts.
import type { FulfillmentState, MovementKind, OfferScope, ProviderState, ShipmentStatus } from '../../../src-shared/domain/logistics';
import type { Step } from '../db/steps';

export interface ProviderRow {
  id: number;
  company_id: number;
  company_name: string;
  company_partner_id: number | null;
  name: string;
  contact_email: string;
  note: string;
  state: ProviderState;
  reason: string;
  offer_to: OfferScope;
  applied_at: number;
  decided_at: number | null;
  decided_by: string | null;
  updated_at: number;
  warehouse_count: number;
  rate_count: number;
  offered_count: number;
  shop_count: number;
  open_fulfillments: number;
}

export interface WarehouseRow {
  id: number;
  provider_id: number;
  name: string;
  country: string;
  city: string;
  street: string;
  postal_code: string;
  created_at: number;
  updated_at: number;
}

export interface ZoneRow {
  id: number;
  provider_id: number;
  name: string;
  countries: string;
  rate_count: number;
}

export interface RateRow {
  id: number;
  provider_id: number;
  zone_id: number;
  zone_name: string;
  countries: string;
  currency: string;
  min_grams: number;
  max_grams: number | null;
  amount_minor: number;
}

export interface ShopChoiceRow {
  provider_id: number;
  preferred: 0 | 1;
}

export interface FulfillmentRow {
  order_id: number;
  order_number: number;
  company_id: number;
  company_name: string;
  provider_id: number;
  provider_name: string;
  rate_id: number;
  zone_name: string;
  state: FulfillmentState;
  warehouse_id: number | null;
  warehouse_name: string | null;
  reserved: 0 | 1;
  weight_grams: number;
  amount_minor: number;
  currency: string;
  ship_name: string;
  ship_email: string;
  ship_street: string;
  ship_city: string;
  ship_postal_code: string;
  ship_country: string;
  item_count: number;
  forwarded_at: number;
  updated_at: number;
}

export type FulfillmentInsert = Omit<FulfillmentRow, 'company_name' | 'warehouse_name'>;

export interface FulfillmentLineRow {
  line_no: number;
  product_id: number;
  name: string;
  sku: string;
  quantity: number;
  weight_grams: number | null;
  shipped: number;
}

export interface ShipmentRow {
  id: number;
  provider_id: number;
  provider_name: string;
  company_id: number;
  company_name: string;
  order_id: number;
  order_number: number;
  warehouse_id: number;
  warehouse_name: string;
  carrier: string;
  tracking_number: string;
  status: ShipmentStatus;
  country: string;
  created_at: number;
  updated_at: number;
}

export interface ShipmentEventRow {
  status: ShipmentStatus;
  note: string;
  actor: string;
  at: number;
}

export interface StockRow {
  warehouse_id: number;
  warehouse_name: string;
  company_id: number;
  company_name: string;
  product_id: number;
  product_name: string;
  sku: string;
  on_hand: number;
  reserved: number;
  updated_at: number;
}

export interface MovementRow {
  id: number;
  warehouse_id: number;
  product_id: number;
  kind: MovementKind;
  on_hand_delta: number;
  reserved_delta: number;
  order_id: number | null;
  shipment_id: number | null;
  note: string;
  actor: string;
  at: number;
}

export interface ListWindow {
  offset: number;
  limit: number;
}

export interface QueueFilter extends ListWindow {
  providerId: number;
  state?: FulfillmentState | 'active';
  companyId?: number;
  /** An order number, or the start of the ship-to name. */
  search?: string;
}

export interface ShipmentFilter extends ListWindow {
  providerId?: number;
  companyId?: number;
  orderId?: number;
  status?: ShipmentStatus;
  /** The start of a tracking number. */
  search?: string;
}

/** What the repository does, written once as steps: awaited (LogisticsRepository) or at once on SQLite (LogisticsRepositoryNow). */
export interface LogisticsSteps {
  providerByCompany(companyId: number): Step<ProviderRow | undefined>;
  provider(id: number): Step<ProviderRow | undefined>;
  providers(state: ProviderState | null): Step<ProviderRow[]>;
  insertProvider(row: { company_id: number; name: string; contact_email: string; note: string; applied_at: number }): Step<number>;
  reapply(id: number, row: { name: string; contact_email: string; note: string; at: number }): Step<void>;
  updateProvider(id: number, row: { name: string; contact_email: string; offer_to: OfferScope; at: number }): Step<void>;
  decide(id: number, state: 'approved' | 'rejected', reason: string, by: string, at: number): Step<void>;

  offeredIds(providerId: number): Step<number[]>;
  setOffers(providerId: number, companyIds: readonly number[]): Step<void>;
  /** Approved providers that offer to this company (all shops, or it is selected). */
  offeredTo(companyId: number): Step<ProviderRow[]>;

  warehouses(providerId: number): Step<WarehouseRow[]>;
  warehouse(providerId: number, id: number): Step<WarehouseRow | undefined>;
  insertWarehouse(row: Omit<WarehouseRow, 'id'>): Step<number>;
  updateWarehouse(id: number, row: Pick<WarehouseRow, 'name' | 'country' | 'city' | 'street' | 'postal_code' | 'updated_at'>): Step<void>;

  zones(providerId: number): Step<ZoneRow[]>;
  zone(providerId: number, id: number): Step<ZoneRow | undefined>;
  insertZone(row: { provider_id: number; name: string; countries: string; at: number }): Step<number>;
  updateZone(id: number, row: { name: string; countries: string; at: number }): Step<void>;
  deleteZone(id: number): Step<void>;

  rates(providerId: number): Step<RateRow[]>;
  rate(providerId: number, id: number): Step<RateRow | undefined>;
  insertRate(row: { provider_id: number; zone_id: number; currency: string; min_grams: number; max_grams: number | null; amount_minor: number; at: number }): Step<number>;
  updateRate(id: number, row: { zone_id: number; currency: string; min_grams: number; max_grams: number | null; amount_minor: number; at: number }): Step<void>;
  deleteRate(id: number): Step<void>;
  /** Every rule of the given approved providers in one currency (checkout). */
  rulesFor(providerIds: readonly number[], currency: string): Step<RateRow[]>;

  shopChoices(companyId: number): Step<ShopChoiceRow[]>;
  setShopChoices(companyId: number, chosen: readonly number[], preferred: number | null, at: number): Step<void>;

  insertFulfillment(row: FulfillmentInsert): Step<void>;
  fulfillment(orderId: number): Step<FulfillmentRow | undefined>;
  /** The row alone (its order may be gone: order.deleted). */
  fulfillmentRaw(orderId: number): Step<FulfillmentRow | undefined>;
  fulfillmentLines(orderId: number): Step<FulfillmentLineRow[]>;
  setFulfillmentState(orderId: number, state: FulfillmentState, at: number): Step<void>;
  setReservation(orderId: number, warehouseId: number | null, reserved: boolean, at: number): Step<void>;
  queue(filter: QueueFilter): Step<{ rows: FulfillmentRow[]; total: number }>;

  insertShipment(row: Omit<ShipmentRow, 'id' | 'provider_name' | 'company_name' | 'order_number' | 'warehouse_name' | 'country'>): Step<number>;
  insertShipmentLine(shipmentId: number, lineNo: number, quantity: number): Step<void>;
  shipment(id: number): Step<ShipmentRow | undefined>;
  shipmentLines(id: number): Step<{ line_no: number; quantity: number; name: string }[]>;
  shipmentEvents(id: number): Step<ShipmentEventRow[]>;
  addShipmentEvent(shipmentId: number, status: ShipmentStatus, note: string, actor: string, at: number): Step<void>;
  setShipmentStatus(id: number, status: ShipmentStatus, at: number): Step<void>;
  shipments(filter: ShipmentFilter): Step<{ rows: ShipmentRow[]; total: number }>;

  stockOf(warehouseId: number, productId: number): Step<{ on_hand: number; reserved: number } | undefined>;
  /** Applies a movement: writes the ledger row and the balance; false (nothing written) if a balance would go below zero. */
  move(row: Omit<MovementRow, 'id'> & { company_id: number }): Step<boolean>;
  stock(filter: ListWindow & { providerId?: number; warehouseId?: number; companyId?: number; productId?: number; search?: string; low?: boolean; lowAt: number }): Step<{ rows: StockRow[]; total: number }>;
  movements(warehouseId: number, productId: number, limit: number): Step<MovementRow[]>;
  movementsOfOrder(orderId: number): Step<MovementRow[]>;
  /** Clients of a partner, searchable by name, with whether the provider offers to each. */
  clientChoices(partnerId: number, providerId: number, search: string, offeredOnly: boolean, offset: number, limit: number): Step<{
    rows: { id: number; name: string; country: string; offered: 0 | 1 }[];
    total: number;
  }>;
  /** Physical products of the shops that chose the provider, by name or SKU. */
  productChoices(providerId: number, search: string, limit: number): Step<{ company_id: number; company_name: string; id: number; name: string; sku: string }[]>;
  /** Σ of the ledger for one item (tests and the doctor check it against the balance). */
  ledgerSum(warehouseId: number, productId: number): Step<{ on_hand: number; reserved: number }>;
}
