// SQL for the sales rollups (migration 002; product rows per quarter: 027): adding a delta to a bucket (upsert), removing buckets that
// fell to zero, and the recount from raw orders that tests (and `partnerdeck doctor`-style checks) compare
// the rollups with. Only paid and fulfilled orders count; see docs/shop-data.md.
import type { Db } from '../db/database';

/** The sums of a sales rollup row (sales_daily/monthly), in one currency; also what the statistics read of them. */
export interface SalesSums {
  orders: number;
  items: number;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
  new_customers: number;
}

/** The sums of a kind or product rollup row: quantities sold, no new customers. */
export interface QuantitySums {
  orders: number;
  quantity: number;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
}

export interface SalesBucketRow extends SalesSums {
  company_id: number;
  /** YYYYMMDD in sales_daily, YYYYMM in sales_monthly. */
  period: number;
  currency: string;
  demo: 0 | 1;
}

export interface KindBucketRow extends QuantitySums {
  company_id: number;
  period: number;
  currency: string;
  demo: 0 | 1;
  kind: string;
}

export interface ProductBucketRow extends QuantitySums {
  company_id: number;
  /** YYYYMMDD in product_sales_daily, YYYYMM in product_sales_monthly, YYYYQ in product_sales_quarterly. */
  period: number;
  currency: string;
  demo: 0 | 1;
  product_id: number;
  kind: string;
  /** Monthly rows only (the name as last sold); daily and quarterly rows leave it out. */
  name: string;
}

export interface RollupSnapshot {
  salesDaily: SalesBucketRow[];
  salesMonthly: SalesBucketRow[];
  kindDaily: KindBucketRow[];
  kindMonthly: KindBucketRow[];
  productDaily: Omit<ProductBucketRow, 'name'>[];
  productMonthly: ProductBucketRow[];
  productQuarterly: Omit<ProductBucketRow, 'name' | 'kind'>[];
}

export type SalesTable = 'sales_daily' | 'sales_monthly';
export type KindTable = 'kind_sales_daily' | 'kind_sales_monthly';
export type ProductTable = 'product_sales_daily' | 'product_sales_monthly' | 'product_sales_quarterly';

export interface RollupsRepository {
  addSales(table: SalesTable, row: SalesBucketRow): void;
  addKind(table: KindTable, row: KindBucketRow): void;
  addProduct(table: ProductTable, row: ProductBucketRow): void;
  /** Removes the bucket if nothing is left in it. */
  pruneSales(table: SalesTable, key: Pick<SalesBucketRow, 'company_id' | 'period' | 'currency' | 'demo'>): void;
  pruneKind(table: KindTable, key: Pick<KindBucketRow, 'company_id' | 'period' | 'currency' | 'demo' | 'kind'>): void;
  pruneProduct(table: ProductTable, key: Pick<ProductBucketRow, 'company_id' | 'period' | 'currency' | 'demo' | 'product_id'>): void;
  /** Every rollup row (of some companies), in key order. */
  snapshot(companyIds?: number[]): RollupSnapshot;
  /** What the rollups must hold, counted from raw orders and lines (of some companies), in key order. */
  recount(companyIds?: number[]): RollupSnapshot;
  deleteCompany(companyId: number): void;
}

const COUNTED = "o.status IN ('paid', 'fulfilled')";
const DAY_SQL = "CAST(strftime('%Y%m%d', o.placed_at / 1000, 'unixepoch') AS INTEGER)";
const MONTH_SQL = "CAST(strftime('%Y%m', o.placed_at / 1000, 'unixepoch') AS INTEGER)";
const QUARTER_SQL = `(${MONTH_SQL} / 100 * 10 + (${MONTH_SQL} % 100 + 2) / 3)`;

export function createRollupsRepository(db: Db): RollupsRepository {
  const salesSql = (table: SalesTable, period: string) =>
    db.prepare(
      `INSERT INTO ${table} (company_id, ${period}, currency, demo, orders, items, net_minor, vat_minor, gross_minor, new_customers)
       VALUES (@company_id, @period, @currency, @demo, @orders, @items, @net_minor, @vat_minor, @gross_minor, @new_customers)
       ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, items = items + excluded.items, net_minor = net_minor + excluded.net_minor,
         vat_minor = vat_minor + excluded.vat_minor, gross_minor = gross_minor + excluded.gross_minor, new_customers = new_customers + excluded.new_customers`,
    );
  const kindSql = (table: KindTable, period: string) =>
    db.prepare(
      `INSERT INTO ${table} (company_id, ${period}, currency, demo, kind, orders, quantity, net_minor, vat_minor, gross_minor)
       VALUES (@company_id, @period, @currency, @demo, @kind, @orders, @quantity, @net_minor, @vat_minor, @gross_minor)
       ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, quantity = quantity + excluded.quantity, net_minor = net_minor + excluded.net_minor,
         vat_minor = vat_minor + excluded.vat_minor, gross_minor = gross_minor + excluded.gross_minor`,
    );
  const add = {
    sales_daily: salesSql('sales_daily', 'day'),
    sales_monthly: salesSql('sales_monthly', 'month'),
    kind_sales_daily: kindSql('kind_sales_daily', 'day'),
    kind_sales_monthly: kindSql('kind_sales_monthly', 'month'),
  };
  const addProductDaily = db.prepare(
    `INSERT INTO product_sales_daily (company_id, day, currency, demo, product_id, kind, orders, quantity, net_minor, vat_minor, gross_minor)
     VALUES (@company_id, @period, @currency, @demo, @product_id, @kind, @orders, @quantity, @net_minor, @vat_minor, @gross_minor)
     ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, quantity = quantity + excluded.quantity,
       net_minor = net_minor + excluded.net_minor, vat_minor = vat_minor + excluded.vat_minor, gross_minor = gross_minor + excluded.gross_minor`,
  );
  const addProduct = db.prepare(
    `INSERT INTO product_sales_monthly (company_id, month, currency, demo, product_id, kind, name, orders, quantity, net_minor, vat_minor, gross_minor)
     VALUES (@company_id, @period, @currency, @demo, @product_id, @kind, @name, @orders, @quantity, @net_minor, @vat_minor, @gross_minor)
     ON CONFLICT DO UPDATE SET name = CASE WHEN excluded.orders > 0 THEN excluded.name ELSE name END, orders = orders + excluded.orders, quantity = quantity + excluded.quantity,
       net_minor = net_minor + excluded.net_minor, vat_minor = vat_minor + excluded.vat_minor, gross_minor = gross_minor + excluded.gross_minor`,
  );
  const addProductQuarterly = db.prepare(
    `INSERT INTO product_sales_quarterly (company_id, product_id, currency, demo, quarter, orders, quantity, net_minor, vat_minor, gross_minor)
     VALUES (@company_id, @product_id, @currency, @demo, @period, @orders, @quantity, @net_minor, @vat_minor, @gross_minor)
     ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, quantity = quantity + excluded.quantity,
       net_minor = net_minor + excluded.net_minor, vat_minor = vat_minor + excluded.vat_minor, gross_minor = gross_minor + excluded.gross_minor`,
  );
  const prune = {
    sales_daily: db.prepare('DELETE FROM sales_daily WHERE company_id = @company_id AND day = @period AND currency = @currency AND demo = @demo AND orders = 0 AND new_customers = 0'),
    sales_monthly: db.prepare('DELETE FROM sales_monthly WHERE company_id = @company_id AND month = @period AND currency = @currency AND demo = @demo AND orders = 0 AND new_customers = 0'),
    kind_sales_daily: db.prepare('DELETE FROM kind_sales_daily WHERE company_id = @company_id AND day = @period AND currency = @currency AND demo = @demo AND kind = @kind AND orders = 0'),
    kind_sales_monthly: db.prepare('DELETE FROM kind_sales_monthly WHERE company_id = @company_id AND month = @period AND currency = @currency AND demo = @demo AND kind = @kind AND orders = 0'),
    product_sales_daily: db.prepare('DELETE FROM product_sales_daily WHERE company_id = @company_id AND day = @period AND currency = @currency AND demo = @demo AND product_id = @product_id AND orders = 0'),
    product_sales_monthly: db.prepare('DELETE FROM product_sales_monthly WHERE company_id = @company_id AND month = @period AND currency = @currency AND demo = @demo AND product_id = @product_id AND orders = 0'),
    product_sales_quarterly: db.prepare('DELETE FROM product_sales_quarterly WHERE company_id = @company_id AND product_id = @product_id AND currency = @currency AND demo = @demo AND quarter = @period AND orders = 0'),
  };

  const companyFilter = (alias: string, companyIds?: number[]) =>
    companyIds ? `${alias}.company_id IN (SELECT value FROM json_each(@companies))` : '1';

  function snapshot(companyIds?: number[]): RollupSnapshot {
    const params = { companies: JSON.stringify(companyIds ?? []) };
    const where = companyFilter('r', companyIds);
    const sales = (table: SalesTable, period: string) =>
      db.prepare(
        `SELECT company_id, ${period} AS period, currency, demo, orders, items, net_minor, vat_minor, gross_minor, new_customers
         FROM ${table} r WHERE ${where} ORDER BY company_id, period, currency, demo`,
      ).all(params) as SalesBucketRow[];
    const kind = (table: KindTable, period: string) =>
      db.prepare(
        `SELECT company_id, ${period} AS period, currency, demo, kind, orders, quantity, net_minor, vat_minor, gross_minor
         FROM ${table} r WHERE ${where} ORDER BY company_id, period, currency, demo, kind`,
      ).all(params) as KindBucketRow[];
    return {
      salesDaily: sales('sales_daily', 'day'),
      salesMonthly: sales('sales_monthly', 'month'),
      kindDaily: kind('kind_sales_daily', 'day'),
      kindMonthly: kind('kind_sales_monthly', 'month'),
      productDaily: db.prepare(
        `SELECT company_id, day AS period, currency, demo, product_id, kind, orders, quantity, net_minor, vat_minor, gross_minor
         FROM product_sales_daily r WHERE ${where} ORDER BY company_id, period, currency, demo, product_id`,
      ).all(params) as Omit<ProductBucketRow, 'name'>[],
      productMonthly: db.prepare(
        `SELECT company_id, month AS period, currency, demo, product_id, kind, name, orders, quantity, net_minor, vat_minor, gross_minor
         FROM product_sales_monthly r WHERE ${where} ORDER BY company_id, period, currency, demo, product_id`,
      ).all(params) as ProductBucketRow[],
      productQuarterly: db.prepare(
        `SELECT company_id, quarter AS period, currency, demo, product_id, orders, quantity, net_minor, vat_minor, gross_minor
         FROM product_sales_quarterly r WHERE ${where} ORDER BY company_id, period, currency, demo, product_id`,
      ).all(params) as RollupSnapshot['productQuarterly'],
    };
  }

  function recount(companyIds?: number[]): RollupSnapshot {
    const params = { companies: JSON.stringify(companyIds ?? []) };
    const where = `${COUNTED} AND ${companyFilter('o', companyIds)}`;
    const sales = (periodSql: string) => {
      const rows = db.prepare(
        `SELECT o.company_id, ${periodSql} AS period, o.currency, o.is_demo AS demo, COUNT(*) AS orders, SUM(o.item_count) AS items,
           SUM(o.net_minor) AS net_minor, SUM(o.vat_minor) AS vat_minor, SUM(o.gross_minor) AS gross_minor, 0 AS new_customers
         FROM orders o WHERE ${where} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      ).all(params) as SalesBucketRow[];
      // A customer is new in the bucket of its first counted order (earliest placed_at, then lowest id).
      const firsts = db.prepare(
        `SELECT company_id, period, currency, demo, COUNT(*) AS n FROM (
           SELECT o.company_id, ${periodSql} AS period, o.currency, o.is_demo AS demo,
                  ROW_NUMBER() OVER (PARTITION BY o.customer_id ORDER BY o.placed_at, o.id) AS rank
           FROM orders o WHERE ${where}) WHERE rank = 1 GROUP BY 1, 2, 3, 4`,
      ).all(params) as { company_id: number; period: number; currency: string; demo: 0 | 1; n: number }[];
      const byKey = new Map(rows.map((r) => [`${r.company_id}|${r.period}|${r.currency}|${r.demo}`, r]));
      for (const first of firsts) byKey.get(`${first.company_id}|${first.period}|${first.currency}|${first.demo}`)!.new_customers = first.n;
      return rows;
    };
    const kind = (periodSql: string) =>
      db.prepare(
        `SELECT o.company_id, ${periodSql} AS period, o.currency, o.is_demo AS demo, l.kind, COUNT(DISTINCT o.id) AS orders,
           SUM(l.quantity) AS quantity, SUM(l.net_minor) AS net_minor, SUM(l.vat_minor) AS vat_minor, SUM(l.gross_minor) AS gross_minor
         FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE ${where} GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      ).all(params) as KindBucketRow[];
    const products = (periodSql: string) =>
      db.prepare(
        `SELECT o.company_id, ${periodSql} AS period, o.currency, o.is_demo AS demo, l.product_id, MAX(l.kind) AS kind, MAX(l.name) AS name,
           COUNT(DISTINCT o.id) AS orders, SUM(l.quantity) AS quantity, SUM(l.net_minor) AS net_minor, SUM(l.vat_minor) AS vat_minor,
           SUM(l.gross_minor) AS gross_minor
         FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE ${where} GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      ).all(params) as ProductBucketRow[];
    const productMonthly = products(MONTH_SQL);
    return {
      salesDaily: sales(DAY_SQL),
      salesMonthly: sales(MONTH_SQL),
      kindDaily: kind(DAY_SQL),
      kindMonthly: kind(MONTH_SQL),
      productDaily: products(DAY_SQL).map(({ name: _name, ...row }) => row),
      productMonthly,
      productQuarterly: products(QUARTER_SQL).map(({ name: _name, kind: _kind, ...row }) => row),
    };
  }

  return {
    addSales: (table, row) => void add[table].run(row),
    addKind: (table, row) => void add[table].run(row),
    addProduct(table, row) {
      if (table === 'product_sales_daily') {
        const { name: _name, ...daily } = row;
        addProductDaily.run(daily);
      } else if (table === 'product_sales_quarterly') {
        const { name: _name, kind: _kind, ...quarterly } = row;
        addProductQuarterly.run(quarterly);
      } else addProduct.run(row);
    },
    pruneSales: (table, key) => void prune[table].run(key),
    pruneKind: (table, key) => void prune[table].run(key),
    pruneProduct: (table, key) => void prune[table].run(key),
    snapshot,
    recount,
    deleteCompany(companyId) {
      for (const table of ['sales_daily', 'sales_monthly', 'kind_sales_daily', 'kind_sales_monthly', 'product_sales_daily', 'product_sales_monthly', 'product_sales_quarterly']) {
        db.prepare(`DELETE FROM ${table} WHERE company_id = ?`).run(companyId);
      }
    },
  };
}
