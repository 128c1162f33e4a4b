// Migration 022: the logistics lists of a provider serving 5,000 shops with 1,000,000 shipments (issue 15, bench
// `npm run bench -- logistics`). Each page of the fulfillment queue and of the shipments comes from an index in the
// list's order (no sort of the provider's rows), and each count from an index alone (no row read, no join):
//  - the queue's default view, "to ship" (open and partly shipped), and "all": their own indexes in forwarded order;
//  - the order number is kept on the fulfillment (an order's number never changes), so "#123" and the count need no
//    join with the orders table, and a forwarded order stays listed (cancelled) after the shop deletes the order;
//  - a ship-to name prefix (NOCASE, as typed) and an order number have an index each;
//  - shipments by status and tracking-number prefix are counted from one index.
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration022 = {
  id: 22,
  name: 'logistics-list-indexes',
  ...bothDialects(`
ALTER TABLE logistics_fulfillments ADD COLUMN order_number INTEGER NOT NULL DEFAULT 0;
UPDATE logistics_fulfillments SET order_number = COALESCE((SELECT o.number FROM orders o WHERE o.id = logistics_fulfillments.order_id), 0);
-- state last: the count of "to ship" checks it from the index alone (a partial index does not spare the check).
CREATE INDEX logistics_fulfillments_to_ship ON logistics_fulfillments(provider_id, forwarded_at, order_id, state) WHERE state IN ('open', 'partly_shipped');
CREATE INDEX logistics_fulfillments_provider ON logistics_fulfillments(provider_id, forwarded_at, order_id);
CREATE INDEX logistics_fulfillments_number ON logistics_fulfillments(provider_id, order_number);
CREATE INDEX logistics_fulfillments_name ON logistics_fulfillments(provider_id, ship_name COLLATE NOCASE);
CREATE INDEX logistics_shipments_status_tracking ON logistics_shipments(provider_id, status, tracking_number);
`),
};
