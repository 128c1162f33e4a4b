// Migration 008: the combined view's month figures (issue 3). A partner's headline figures for a month
// read that month of every client. Through the primary key that is one seek per client (thousands); this
// covering index keeps each month's rows together, so the same figures are one contiguous range read,
// checked against the partner's clients (about three times faster at 5,000 clients).
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration008 = {
  id: 8,
  name: 'combined-month-index',
  ...bothDialects(`
CREATE INDEX sales_monthly_by_month ON sales_monthly(
  month, company_id, currency, demo, orders, items, net_minor, vat_minor, gross_minor, new_customers);
`),
};
