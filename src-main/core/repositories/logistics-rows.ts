// The rows of the logistics tables (migration 016) as logistics-repository.ts reads and writes them, and the
// windows and filters of its lists. Types only: the SQL is in logistics-repository.ts.
import type { FulfillmentState, MovementKind, OfferScope, ProviderState, ShipmentStatus } from '../../../src-shared/domain/logistics';

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
