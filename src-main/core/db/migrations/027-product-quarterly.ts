// Migration 027: top products over long ranges (issue 22, `sales.slowest_range_aggregate`).
// - product_sales_quarterly: product sales per quarter. A range's whole quarters are read here instead of three
//   monthly rows each: 24 months are ~8 quarters, and a quarter has about as many product rows as one month (most
//   products sell every month). The key is in product order (company, product, currency, demo, quarter), so a run
//   of quarters is summed per product as it streams. `quarter` is YYYYQ (20251 = January–March 2025). Kept like the
//   other rollups: every order create, edit and delete changes it in the same transaction (services/sales-rollups.ts),
//   the bulk seed writes it per company; here it is filled once from the monthly rows.
// - product_sales_monthly_by_month: a company's month of product rows in product order, so each month outside the
//   whole quarters (at most two before and two after them) is summed as it streams too, where the primary key
//   (company, month, currency, demo, product) needs a sort and the by-product index reads every month to find it.
//   It covers what the ranking sums (orders, quantity, gross). The seed drops it during a bulk load and builds it
//   at the end, like the other secondary indexes of the rollups.
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration027 = {
  id: 27,
  name: 'product-quarterly',
  ...bothDialects(`
CREATE TABLE product_sales_quarterly (
  company_id INTEGER NOT NULL REFERENCES companies(id),
  product_id INTEGER NOT NULL,
  currency TEXT NOT NULL,
  demo INTEGER NOT NULL,
  quarter INTEGER NOT NULL,
  orders INTEGER NOT NULL,
  quantity INTEGER NOT NULL,
  net_minor INTEGER NOT NULL,
  vat_minor INTEGER NOT NULL,
  gross_minor INTEGER NOT NULL,
  PRIMARY KEY (company_id, product_id, currency, demo, quarter)
) STRICT, WITHOUT ROWID;
INSERT INTO product_sales_quarterly (company_id, product_id, currency, demo, quarter, orders, quantity, net_minor, vat_minor, gross_minor)
  SELECT company_id, product_id, currency, demo, (month / 100) * 10 + (month % 100 + 2) / 3,
    SUM(orders), SUM(quantity), SUM(net_minor), SUM(vat_minor), SUM(gross_minor)
  FROM product_sales_monthly GROUP BY company_id, product_id, currency, demo, (month / 100) * 10 + (month % 100 + 2) / 3
  ORDER BY company_id, product_id, currency, demo, (month / 100) * 10 + (month % 100 + 2) / 3;
CREATE INDEX product_sales_monthly_by_month ON product_sales_monthly(company_id, month, product_id, currency, demo, orders, quantity, gross_minor);
`),
};
