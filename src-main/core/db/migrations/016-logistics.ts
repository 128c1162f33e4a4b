// Migration 016: logistics partners (spec §8, docs/logistics.md). A partner company applies to be a provider; the
// operator approves it. A provider has warehouses, zones (lists of countries) and rate rules (weight bracket x zone
// x currency), offers itself to every shop or to selected clients; a shop chooses providers (one preferred).
// Checkout writes the order's shipping (forwarded to the provider: the fulfillment queue), reserves stock and the
// provider ships (shipments with a timeline). Inventory is a ledger of movements per warehouse and product; the
// balance row is kept in the same transaction as each movement and CHECKs that nothing goes below zero.
// Weights are grams, money integer minor units. Nothing here enters the month close (it reads orders only).
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration016 = {
  id: 16,
  name: 'logistics',
  ...bothDialects(`
CREATE TABLE logistics_providers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  company_id INTEGER NOT NULL UNIQUE REFERENCES companies(id),
  name TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
  reason TEXT NOT NULL DEFAULT '',
  offer_to TEXT NOT NULL DEFAULT 'all' CHECK (offer_to IN ('all', 'selected')),
  applied_at INTEGER NOT NULL,
  decided_at INTEGER,
  decided_by TEXT,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX logistics_providers_state ON logistics_providers(state, applied_at);

CREATE TABLE logistics_offers (
  provider_id INTEGER NOT NULL REFERENCES logistics_providers(id) ON DELETE CASCADE,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  PRIMARY KEY (provider_id, company_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX logistics_offers_company ON logistics_offers(company_id);

CREATE TABLE logistics_warehouses (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  provider_id INTEGER NOT NULL REFERENCES logistics_providers(id),
  name TEXT NOT NULL,
  country TEXT NOT NULL,
  city TEXT NOT NULL DEFAULT '',
  street TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX logistics_warehouses_name ON logistics_warehouses(provider_id, name COLLATE NOCASE);

CREATE TABLE logistics_zones (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  provider_id INTEGER NOT NULL REFERENCES logistics_providers(id),
  name TEXT NOT NULL,
  -- Upper-case ISO 3166 alpha-2 codes, comma-separated, sorted.
  countries TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX logistics_zones_name ON logistics_zones(provider_id, name COLLATE NOCASE);

CREATE TABLE logistics_rates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  provider_id INTEGER NOT NULL REFERENCES logistics_providers(id),
  zone_id INTEGER NOT NULL REFERENCES logistics_zones(id) ON DELETE CASCADE,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  -- Both edges inclusive, whole grams; max NULL = no upper limit.
  min_grams INTEGER NOT NULL CHECK (min_grams >= 0),
  max_grams INTEGER CHECK (max_grams IS NULL OR max_grams >= min_grams),
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX logistics_rates_provider ON logistics_rates(provider_id, currency);

-- The providers a shop has chosen (shop settings), one of them preferred.
CREATE TABLE logistics_shop_providers (
  company_id INTEGER NOT NULL REFERENCES companies(id),
  provider_id INTEGER NOT NULL REFERENCES logistics_providers(id),
  preferred INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1)),
  chosen_at INTEGER NOT NULL,
  PRIMARY KEY (company_id, provider_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX logistics_shop_providers_provider ON logistics_shop_providers(provider_id, company_id);
CREATE UNIQUE INDEX logistics_shop_providers_preferred ON logistics_shop_providers(company_id) WHERE preferred = 1;

-- An order forwarded to a provider: its shipping line (outside the order's totals) and the fulfillment state.
CREATE TABLE logistics_fulfillments (
  order_id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  provider_id INTEGER NOT NULL REFERENCES logistics_providers(id),
  provider_name TEXT NOT NULL,
  rate_id INTEGER NOT NULL,
  zone_name TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'partly_shipped', 'shipped', 'cancelled')),
  warehouse_id INTEGER REFERENCES logistics_warehouses(id),
  reserved INTEGER NOT NULL DEFAULT 0 CHECK (reserved IN (0, 1)),
  weight_grams INTEGER NOT NULL CHECK (weight_grams >= 0),
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
  currency TEXT NOT NULL,
  ship_name TEXT NOT NULL,
  ship_email TEXT NOT NULL,
  ship_street TEXT NOT NULL,
  ship_city TEXT NOT NULL,
  ship_postal_code TEXT NOT NULL,
  ship_country TEXT NOT NULL,
  item_count INTEGER NOT NULL,
  forwarded_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX logistics_fulfillments_queue ON logistics_fulfillments(provider_id, state, forwarded_at, order_id);
CREATE INDEX logistics_fulfillments_company ON logistics_fulfillments(company_id, forwarded_at);

CREATE TABLE logistics_shipments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  provider_id INTEGER NOT NULL REFERENCES logistics_providers(id),
  company_id INTEGER NOT NULL REFERENCES companies(id),
  order_id INTEGER NOT NULL,
  warehouse_id INTEGER NOT NULL REFERENCES logistics_warehouses(id),
  carrier TEXT NOT NULL,
  tracking_number TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('label_created', 'in_transit', 'delivered', 'exception')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX logistics_shipments_provider ON logistics_shipments(provider_id, id);
CREATE INDEX logistics_shipments_status ON logistics_shipments(provider_id, status, id);
CREATE INDEX logistics_shipments_tracking ON logistics_shipments(provider_id, tracking_number);
CREATE INDEX logistics_shipments_order ON logistics_shipments(order_id);

CREATE TABLE logistics_shipment_lines (
  shipment_id INTEGER NOT NULL REFERENCES logistics_shipments(id),
  line_no INTEGER NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (shipment_id, line_no)
) STRICT, WITHOUT ROWID;

CREATE TABLE logistics_shipment_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shipment_id INTEGER NOT NULL REFERENCES logistics_shipments(id),
  status TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX logistics_shipment_events_shipment ON logistics_shipment_events(shipment_id, id);

-- The inventory ledger: every change of stock is a movement (who, when from the clock service).
CREATE TABLE logistics_movements (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  warehouse_id INTEGER NOT NULL REFERENCES logistics_warehouses(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  kind TEXT NOT NULL CHECK (kind IN ('receipt', 'reservation', 'release', 'shipment', 'adjustment')),
  on_hand_delta INTEGER NOT NULL,
  reserved_delta INTEGER NOT NULL,
  order_id INTEGER,
  shipment_id INTEGER,
  note TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX logistics_movements_item ON logistics_movements(warehouse_id, product_id, id);
CREATE INDEX logistics_movements_order ON logistics_movements(order_id) WHERE order_id IS NOT NULL;

-- The balance per warehouse and product, = the sum of its movements (kept in each movement's transaction).
CREATE TABLE logistics_stock (
  warehouse_id INTEGER NOT NULL REFERENCES logistics_warehouses(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  company_id INTEGER NOT NULL REFERENCES companies(id),
  on_hand INTEGER NOT NULL CHECK (on_hand >= 0),
  reserved INTEGER NOT NULL CHECK (reserved >= 0 AND reserved <= on_hand),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (warehouse_id, product_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX logistics_stock_company ON logistics_stock(company_id, product_id);
`),
};
