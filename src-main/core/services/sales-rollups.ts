// What one order contributes to the sales rollups, and an accumulator that adds contributions (with a
// sign: +1 when an order starts to count, -1 when it stops) and writes the net change. The order services
// apply it inside the transaction of every order create, edit and delete; the bulk seed feeds the same
// accumulator with a whole company's orders and flushes once, so both paths share one definition.
import { dayKeyOf, quarterKeyOfMonthKey } from '../../../src-shared/domain/date-range';
import { isCounted, type OrderStatus } from '../../../src-shared/domain/shop';
import type {
  KindBucketRow,
  KindTable,
  ProductBucketRow,
  ProductTable,
  RollupsRepository,
  SalesBucketRow,
  SalesTable,
} from '../repositories/rollups-repository';

export interface ContributingOrder {
  company_id: number;
  status: OrderStatus;
  currency: string;
  is_demo: 0 | 1;
  placed_at: number;
  item_count: number;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
}

export interface ContributingLine {
  product_id: number;
  kind: string;
  name: string;
  quantity: number;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
}

/** Where a customer's first counted order lies (the bucket that counts the customer as new). */
export interface FirstOrderBucket {
  company_id: number;
  placed_at: number;
  currency: string;
  is_demo: 0 | 1;
}

export interface RollupAccumulator {
  /** Adds (sign 1) or removes (sign -1) an order's contribution; orders that do not count add nothing. */
  addOrder(order: ContributingOrder, lines: readonly ContributingLine[], sign: 1 | -1): void;
  addNewCustomer(first: FirstOrderBucket, sign: 1 | -1): void;
  /** Writes the accumulated change and clears it. `prune`: remove buckets that may have fallen to zero. */
  flush(repo: RollupsRepository, prune: boolean): void;
  readonly size: number;
}

export function createRollupAccumulator(): RollupAccumulator {
  const sales = { sales_daily: new Map<string, SalesBucketRow>(), sales_monthly: new Map<string, SalesBucketRow>() };
  const kinds = { kind_sales_daily: new Map<string, KindBucketRow>(), kind_sales_monthly: new Map<string, KindBucketRow>() };
  const products = {
    product_sales_daily: new Map<string, ProductBucketRow>(),
    product_sales_monthly: new Map<string, ProductBucketRow>(),
    product_sales_quarterly: new Map<string, ProductBucketRow>(),
  };

  const salesBucket = (table: SalesTable, companyId: number, period: number, currency: string, demo: 0 | 1): SalesBucketRow => {
    const key = `${companyId}|${period}|${currency}|${demo}`;
    let bucket = sales[table].get(key);
    if (!bucket) {
      bucket = { company_id: companyId, period, currency, demo, orders: 0, items: 0, net_minor: 0, vat_minor: 0, gross_minor: 0, new_customers: 0 };
      sales[table].set(key, bucket);
    }
    return bucket;
  };
  const kindBucket = (table: KindTable, companyId: number, period: number, currency: string, demo: 0 | 1, kind: string): KindBucketRow => {
    const key = `${companyId}|${period}|${currency}|${demo}|${kind}`;
    let bucket = kinds[table].get(key);
    if (!bucket) {
      bucket = { company_id: companyId, period, currency, demo, kind, orders: 0, quantity: 0, net_minor: 0, vat_minor: 0, gross_minor: 0 };
      kinds[table].set(key, bucket);
    }
    return bucket;
  };

  return {
    get size() {
      return (
        sales.sales_daily.size + sales.sales_monthly.size + kinds.kind_sales_daily.size + kinds.kind_sales_monthly.size +
        products.product_sales_daily.size + products.product_sales_monthly.size + products.product_sales_quarterly.size
      );
    },
    addOrder(order, lines, sign) {
      if (!isCounted(order.status)) return;
      const day = dayKeyOf(order.placed_at);
      const month = Math.floor(day / 100);
      const quarter = quarterKeyOfMonthKey(month);
      for (const [table, period] of [['sales_daily', day], ['sales_monthly', month]] as const) {
        const bucket = salesBucket(table, order.company_id, period, order.currency, order.is_demo);
        bucket.orders += sign;
        bucket.items += sign * order.item_count;
        bucket.net_minor += sign * order.net_minor;
        bucket.vat_minor += sign * order.vat_minor;
        bucket.gross_minor += sign * order.gross_minor;
      }
      const seenKinds = new Set<string>();
      const seenProducts = new Set<number>();
      for (const line of lines) {
        for (const [table, period] of [['kind_sales_daily', day], ['kind_sales_monthly', month]] as const) {
          const bucket = kindBucket(table, order.company_id, period, order.currency, order.is_demo, line.kind);
          if (!seenKinds.has(`${table}|${line.kind}`)) bucket.orders += sign;
          bucket.quantity += sign * line.quantity;
          bucket.net_minor += sign * line.net_minor;
          bucket.vat_minor += sign * line.vat_minor;
          bucket.gross_minor += sign * line.gross_minor;
          seenKinds.add(`${table}|${line.kind}`);
        }
        const firstOfProduct = !seenProducts.has(line.product_id);
        seenProducts.add(line.product_id);
        for (const [table, period] of [['product_sales_daily', day], ['product_sales_monthly', month], ['product_sales_quarterly', quarter]] as const) {
          const key = `${order.company_id}|${period}|${order.currency}|${order.is_demo}|${line.product_id}`;
          let bucket = products[table].get(key);
          if (!bucket) {
            bucket = {
              company_id: order.company_id, period, currency: order.currency, demo: order.is_demo, product_id: line.product_id,
              kind: line.kind, name: line.name, orders: 0, quantity: 0, net_minor: 0, vat_minor: 0, gross_minor: 0,
            };
            products[table].set(key, bucket);
          }
          if (sign > 0) bucket.name = line.name;
          if (firstOfProduct) bucket.orders += sign;
          bucket.quantity += sign * line.quantity;
          bucket.net_minor += sign * line.net_minor;
          bucket.vat_minor += sign * line.vat_minor;
          bucket.gross_minor += sign * line.gross_minor;
        }
      }
    },
    addNewCustomer(first, sign) {
      const day = dayKeyOf(first.placed_at);
      salesBucket('sales_daily', first.company_id, day, first.currency, first.is_demo).new_customers += sign;
      salesBucket('sales_monthly', first.company_id, Math.floor(day / 100), first.currency, first.is_demo).new_customers += sign;
    },
    flush(repo, prune) {
      const changed = (b: { orders: number; net_minor: number; vat_minor: number; gross_minor: number }, extra: number) =>
        b.orders !== 0 || b.net_minor !== 0 || b.vat_minor !== 0 || b.gross_minor !== 0 || extra !== 0;
      // Only a bucket that lost an order (or a new customer) can have reached zero.
      const shrinks = (b: { orders: number }, newCustomers = 0) => prune && (b.orders < 0 || newCustomers < 0);
      for (const table of ['sales_daily', 'sales_monthly'] as const) {
        for (const bucket of sales[table].values()) {
          if (!changed(bucket, bucket.items + bucket.new_customers)) continue;
          repo.addSales(table, bucket);
          if (shrinks(bucket, bucket.new_customers)) repo.pruneSales(table, bucket);
        }
        sales[table].clear();
      }
      for (const table of ['kind_sales_daily', 'kind_sales_monthly'] as const) {
        for (const bucket of kinds[table].values()) {
          if (!changed(bucket, bucket.quantity)) continue;
          repo.addKind(table, bucket);
          if (shrinks(bucket)) repo.pruneKind(table, bucket);
        }
        kinds[table].clear();
      }
      for (const table of ['product_sales_daily', 'product_sales_monthly', 'product_sales_quarterly'] as const satisfies readonly ProductTable[]) {
        for (const bucket of products[table].values()) {
          if (!changed(bucket, bucket.quantity)) continue;
          repo.addProduct(table, bucket);
          if (shrinks(bucket)) repo.pruneProduct(table, bucket);
        }
        products[table].clear();
      }
    },
  };
}
