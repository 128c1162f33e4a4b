// Migration 002: the shop data of spec §2 (catalogue, customers, orders with their lines, subscribers,
// access groups and their members, newsletter recipients, themes, content-file metadata) and the sales
// rollups that the statistics read instead of raw orders (see docs/shop-data.md).
//
// Conventions: times are epoch ms from the clock service; money is INTEGER minor units beside an ISO 4217
// currency; ids are AUTOINCREMENT so a deleted object's id is never handed out again (webhook receivers
// and REST clients key on them). Order lines are snapshots: they keep the product's id, name, kind and
// price as sold, and outlive the product (no foreign key on product_id, on purpose).
import { bothDialects } from '../../postgres/postgres-dialect';
import { integerColumns, namedShopTable, rollupTable } from './sql-text';

/** What the kind and product rollups add up (orders = orders with at least one such line). */
const PIECE_SUMS = integerColumns('orders', 'quantity', 'net_minor', 'vat_minor', 'gross_minor');

export const migration002 = {
  id: 2,
  name: 'shop',
  ...bothDialects(`
${namedShopTable('categories')}

CREATE TABLE content_files (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
  sha256 TEXT CHECK (sha256 IS NULL OR length(sha256) = 64),
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX content_files_company_name ON content_files(company_id, name COLLATE NOCASE);

CREATE TABLE products (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  kind TEXT NOT NULL CHECK (kind IN ('physical', 'digital', 'service', 'app', 'theme')),
  name TEXT NOT NULL,
  sku TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  vat_rate_bp INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  -- Available for sale (in the storefront, and later in the App Store listing).
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  -- Physical products only (both required there).
  weight_grams INTEGER CHECK (weight_grams >= 0),
  stock INTEGER CHECK (stock >= 0),
  -- Digital products only: the download (content file metadata).
  file_id INTEGER REFERENCES content_files(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (CASE WHEN kind = 'physical' THEN weight_grams IS NOT NULL AND stock IS NOT NULL ELSE weight_grams IS NULL AND stock IS NULL END),
  CHECK (kind = 'digital' OR file_id IS NULL)
) STRICT;
CREATE INDEX products_company_name ON products(company_id, name COLLATE NOCASE);
CREATE UNIQUE INDEX products_company_sku ON products(company_id, sku) WHERE sku <> '';
CREATE INDEX products_file ON products(file_id) WHERE file_id IS NOT NULL;

CREATE TABLE product_categories (
  product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
  PRIMARY KEY (product_id, category_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX product_categories_category ON product_categories(category_id, product_id);

CREATE TABLE customers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  -- Stored lower-case; unique per company.
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  street TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  accepts_marketing INTEGER NOT NULL DEFAULT 0 CHECK (accepts_marketing IN (0, 1)),
  note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX customers_company_email ON customers(company_id, email);
CREATE INDEX customers_company_name ON customers(company_id, name COLLATE NOCASE);

CREATE TABLE orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  -- The order number the shop shows (#1001, #1002, ...), per company.
  number INTEGER NOT NULL,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'fulfilled', 'cancelled', 'refunded')),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  net_minor INTEGER NOT NULL,
  vat_minor INTEGER NOT NULL,
  gross_minor INTEGER NOT NULL CHECK (gross_minor = net_minor + vat_minor),
  item_count INTEGER NOT NULL,
  -- Placed while the company was a sample company: demo data, never a real sale.
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  source TEXT NOT NULL CHECK (source IN ('checkout', 'console', 'api', 'seed')),
  note TEXT NOT NULL DEFAULT '',
  placed_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX orders_company_number ON orders(company_id, number);
-- Lists (newest first, id breaks ties), status filters and date ranges of one company; status makes the
-- filter index-only.
CREATE INDEX orders_company_placed ON orders(company_id, placed_at, id, status);
CREATE INDEX orders_customer_placed ON orders(customer_id, placed_at);

CREATE TABLE order_lines (
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  line_no INTEGER NOT NULL,
  product_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('physical', 'digital', 'service', 'app', 'theme')),
  name TEXT NOT NULL,
  sku TEXT NOT NULL DEFAULT '',
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
  vat_rate_bp INTEGER NOT NULL,
  net_minor INTEGER NOT NULL,
  vat_minor INTEGER NOT NULL,
  gross_minor INTEGER NOT NULL,
  PRIMARY KEY (order_id, line_no)
) STRICT, WITHOUT ROWID;

CREATE TABLE subscribers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  email TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  -- The subscription product (a service or digital product), if any.
  product_id INTEGER REFERENCES products(id) ON DELETE SET NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'cancelled')),
  started_at INTEGER NOT NULL,
  ends_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX subscribers_company_email_product ON subscribers(company_id, email, IFNULL(product_id, 0));
CREATE INDEX subscribers_product ON subscribers(product_id) WHERE product_id IS NOT NULL;

${namedShopTable('access_groups')}

CREATE TABLE group_members (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  group_id INTEGER NOT NULL REFERENCES access_groups(id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  expires_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX group_members_group_email ON group_members(group_id, email);
CREATE INDEX group_members_company_email ON group_members(company_id, email);

CREATE TABLE newsletter_recipients (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  email TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT 'en',
  status TEXT NOT NULL CHECK (status IN ('subscribed', 'unsubscribed')),
  subscribed_at INTEGER,
  unsubscribed_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX newsletter_recipients_company_email ON newsletter_recipients(company_id, email);

CREATE TABLE themes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  version TEXT NOT NULL DEFAULT '1.0.0',
  author TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  -- JSON object of setting name -> text value (colours, fonts, ...).
  settings TEXT NOT NULL DEFAULT '{}',
  is_active INTEGER NOT NULL DEFAULT 0 CHECK (is_active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX themes_company_name ON themes(company_id, name COLLATE NOCASE);
CREATE UNIQUE INDEX themes_one_active ON themes(company_id) WHERE is_active = 1;

-- Counters the lists and dashboards read instead of COUNT(*) over big tables; kept in the same
-- transaction as each create and delete.
CREATE TABLE shop_counts (
  company_id INTEGER PRIMARY KEY REFERENCES companies(id),
  customers INTEGER NOT NULL DEFAULT 0,
  orders INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Sales rollups. Only orders whose status counts as a sale (paid, fulfilled) contribute; each order
-- create, edit and delete applies its change in the same transaction. Keys: day YYYYMMDD / month YYYYMM
-- of placed_at in UTC, the order's currency (totals are never added across currencies) and its demo flag.
${rollupTable('sales_daily', 'day', [
  ...integerColumns('orders', 'items', 'net_minor', 'vat_minor', 'gross_minor'),
  '-- Customers whose first counted order falls in this bucket.',
  ...integerColumns('new_customers'),
])}

${rollupTable('sales_monthly', 'month', integerColumns('orders', 'items', 'net_minor', 'vat_minor', 'gross_minor', 'new_customers'))}

-- By product kind (from the line snapshots); orders = orders with at least one line of the kind.
${rollupTable('kind_sales_daily', 'day', ['kind TEXT NOT NULL', ...PIECE_SUMS], ['kind'])}

${rollupTable('kind_sales_monthly', 'month', ['kind TEXT NOT NULL', ...PIECE_SUMS], ['kind'])}

-- Per product and day (the edge days of a top-products range) and per product and month (top products,
-- app and theme payouts; name and kind as last sold).
${rollupTable('product_sales_daily', 'day', ['product_id INTEGER NOT NULL', 'kind TEXT NOT NULL', ...PIECE_SUMS], ['product_id'])}

${rollupTable('product_sales_monthly', 'month', ['product_id INTEGER NOT NULL', 'kind TEXT NOT NULL', 'name TEXT NOT NULL', ...PIECE_SUMS], ['product_id'])}
-- The same rows by product (covering): top products over many months add up each product's months in
-- index order instead of sorting a million rows.
CREATE INDEX product_sales_monthly_by_product ON product_sales_monthly(
  company_id, product_id, currency, demo, month, kind, orders, quantity, net_minor, vat_minor, gross_minor);
`),
};
