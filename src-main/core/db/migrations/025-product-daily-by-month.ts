// Migration 025: top products over a range with edge days (issue 22, `sales.slowest_range_aggregate`). An edge-day
// part of a range lies inside one month (productPieces); through the primary key (company, day, currency, demo,
// product) its rows come day by day, so summing them per product sorted ~150,000 rows per 15-day edge at 5,000
// clients. This index keeps a company's month of daily rows in product order, so such a part is read with
// `day / 100 = <month>` as one range per company and summed per product as it streams (no sort). It covers what the
// ranking sums (orders, quantity, gross); net and VAT are read for the ranked few only, from the table by key.
// The seed drops it during a bulk load and builds it at the end, like the other secondary indexes of the rollups.
// Both forms are the same text (the expression in parentheses, as PostgreSQL wants it).
export const migration025 = {
  id: 25,
  name: 'product-daily-by-month',
  sql: `
CREATE INDEX product_sales_daily_by_month ON product_sales_daily(company_id, (day / 100), product_id, currency, demo, day, orders, quantity, gross_minor);
`,
  postgres: `
CREATE INDEX product_sales_daily_by_month ON product_sales_daily(company_id, (day / 100), product_id, currency, demo, day, orders, quantity, gross_minor);
`,
};
