// Migration 011: ten-day product rollups (issue 22). Top products over a range read whole months from the
// monthly product rollups and the edge days from the daily ones; a large shop sells about as many products in
// one day as in a month, so 15 edge days at each end cost about as much as 24 months. A product's sales per
// ten-day period (days 1-10, 11-20, 21 to the month's end) let an edge of up to a month be read as at most one
// or two periods and five or six days (sales-repository.ts `productPieces`). Kept like the other rollups, in
// each order's transaction; filled here from the daily rollups, which hold exactly the same sales.
export const migration011 = {
  id: 11,
  name: 'ten-day-product-rollups',
  sql: `
CREATE TABLE product_sales_ten_days (
  company_id INTEGER NOT NULL REFERENCES companies(id),
  -- YYYYMMP: P = 1 (days 1-10), 2 (11-20), 3 (21 to the month's end).
  ten_days INTEGER NOT NULL,
  currency TEXT NOT NULL,
  demo INTEGER NOT NULL,
  product_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  orders INTEGER NOT NULL,
  quantity INTEGER NOT NULL,
  net_minor INTEGER NOT NULL,
  vat_minor INTEGER NOT NULL,
  gross_minor INTEGER NOT NULL,
  PRIMARY KEY (company_id, ten_days, currency, demo, product_id)
) STRICT, WITHOUT ROWID;

INSERT INTO product_sales_ten_days (company_id, ten_days, currency, demo, product_id, kind, orders, quantity, net_minor, vat_minor, gross_minor)
SELECT company_id, (day / 100) * 10 + CASE WHEN day % 100 <= 10 THEN 1 WHEN day % 100 <= 20 THEN 2 ELSE 3 END AS ten_days,
  currency, demo, product_id, MAX(kind), SUM(orders), SUM(quantity), SUM(net_minor), SUM(vat_minor), SUM(gross_minor)
FROM product_sales_daily
GROUP BY company_id, ten_days, currency, demo, product_id;
`,
};
