// SQL for orders and their lines (snapshots of the products as sold), order numbers per company, and the
// per-customer queries the customer page and the new-customer rollup need.
import type { Db } from '../db/database';
import type { OrderStatus, ProductKind } from '../../../src-shared/domain/shop';
import type { OrderSource } from '../../../src-shared/api/shop-types';
import { createTableWriter, likePattern, type ListQuery, type TableWriter } from './table-access';

export interface OrderRow {
  id: number;
  company_id: number;
  number: number;
  customer_id: number;
  status: OrderStatus;
  currency: string;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
  item_count: number;
  is_demo: 0 | 1;
  source: OrderSource;
  note: string;
  placed_at: number;
  created_at: number;
  updated_at: number;
}

export interface OrderListRow extends OrderRow {
  customer_name: string;
  customer_email: string;
}

export interface OrderLineRow {
  order_id: number;
  line_no: number;
  product_id: number;
  kind: ProductKind;
  name: string;
  sku: string;
  quantity: number;
  unit_price_minor: number;
  vat_rate_bp: number;
  net_minor: number;
  vat_minor: number;
  gross_minor: number;
}

export interface OrderFilter {
  companyId: number;
  search: string;
  status?: OrderStatus;
  customerId?: number;
  /** Epoch ms bounds of placed_at: [fromMs, toMs). */
  fromMs?: number;
  toMs?: number;
  sort: 'placedAt' | 'number' | 'gross' | 'status';
  direction: 'asc' | 'desc';
}

export interface FirstOrder {
  id: number;
  placed_at: number;
  currency: string;
  is_demo: 0 | 1;
}

const SORT: Record<OrderFilter['sort'], string> = {
  placedAt: 'o.placed_at',
  number: 'o.number',
  gross: 'o.gross_minor',
  status: 'o.status',
};

export const ORDER_COLUMNS = [
  'company_id', 'number', 'customer_id', 'status', 'currency', 'net_minor', 'vat_minor', 'gross_minor', 'item_count',
  'is_demo', 'source', 'note', 'placed_at', 'created_at', 'updated_at',
] as const;

export const ORDER_LINE_COLUMNS = [
  'order_id', 'line_no', 'product_id', 'kind', 'name', 'sku', 'quantity', 'unit_price_minor', 'vat_rate_bp', 'net_minor', 'vat_minor', 'gross_minor',
] as const;

export interface OrdersRepository {
  orders: TableWriter<OrderRow>;
  get(companyId: number, id: number): OrderListRow | undefined;
  lines(orderId: number): OrderLineRow[];
  insertLine(line: OrderLineRow): void;
  deleteLines(orderId: number): void;
  nextNumber(companyId: number): number;
  query(filter: OrderFilter): ListQuery;
  recent(companyId: number, limit: number): OrderListRow[];
  recentOfCustomer(customerId: number, limit: number): OrderListRow[];
  /** Paid and fulfilled totals of one customer per currency. */
  spentByCurrency(customerId: number): { currency: string; orders: number; items: number; net_minor: number; vat_minor: number; gross_minor: number }[];
  /** The customer's first order that counts as a sale (paid or fulfilled), if any. */
  firstCountedOrder(customerId: number): FirstOrder | undefined;
  countOfCustomer(customerId: number): number;
}

/** The first order number of a shop (#1001), as shops usually start. */
export const FIRST_ORDER_NUMBER = 1001;

export function createOrdersRepository(db: Db): OrdersRepository {
  const select = `SELECT o.*, u.name AS customer_name, u.email AS customer_email FROM orders o JOIN customers u ON u.id = o.customer_id`;
  const get = db.prepare<[number, number], OrderListRow>(`${select} WHERE o.id = ? AND o.company_id = ?`);
  const lines = db.prepare<[number], OrderLineRow>('SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_no');
  const insertLine = db.prepare(`INSERT INTO order_lines (${ORDER_LINE_COLUMNS.join(', ')}) VALUES (${ORDER_LINE_COLUMNS.map((c) => `@${c}`).join(', ')})`);
  const deleteLines = db.prepare<[number]>('DELETE FROM order_lines WHERE order_id = ?');
  const maxNumber = db.prepare<[number], number | null>('SELECT MAX(number) FROM orders WHERE company_id = ?').pluck();
  const recent = db.prepare<[number, number], OrderListRow>(`${select} WHERE o.company_id = ? ORDER BY o.placed_at DESC, o.id DESC LIMIT ?`);
  const recentOfCustomer = db.prepare<[number, number], OrderListRow>(`${select} WHERE o.customer_id = ? ORDER BY o.placed_at DESC, o.id DESC LIMIT ?`);
  const spent = db.prepare<[number], ReturnType<OrdersRepository['spentByCurrency']>[number]>(
    `SELECT currency, COUNT(*) AS orders, SUM(item_count) AS items, SUM(net_minor) AS net_minor, SUM(vat_minor) AS vat_minor, SUM(gross_minor) AS gross_minor
     FROM orders WHERE customer_id = ? AND status IN ('paid', 'fulfilled') GROUP BY currency ORDER BY COUNT(*) DESC, currency`,
  );
  const firstCounted = db.prepare<[number], FirstOrder>(
    `SELECT id, placed_at, currency, is_demo FROM orders WHERE customer_id = ? AND status IN ('paid', 'fulfilled') ORDER BY placed_at, id LIMIT 1`,
  );
  const countOfCustomer = db.prepare<[number], number>('SELECT COUNT(*) FROM orders WHERE customer_id = ?').pluck();
  return {
    orders: createTableWriter<OrderRow>(db, 'orders', ORDER_COLUMNS),
    get: (companyId, id) => get.get(id, companyId),
    lines: (orderId) => lines.all(orderId),
    insertLine: (line) => void insertLine.run(line),
    deleteLines: (orderId) => void deleteLines.run(orderId),
    nextNumber: (companyId) => Math.max(FIRST_ORDER_NUMBER, (maxNumber.get(companyId) ?? 0) + 1),
    query(filter) {
      const where = ['o.company_id = @companyId'];
      if (filter.fromMs !== undefined) where.push('o.placed_at >= @fromMs');
      if (filter.toMs !== undefined) where.push('o.placed_at < @toMs');
      if (filter.status) where.push('o.status = @status');
      if (filter.customerId !== undefined) where.push('o.customer_id = @customerId');
      const number = /^#?(\d{1,15})$/.exec(filter.search);
      if (number) where.push('o.number = @number');
      else if (filter.search) where.push(`(u.name LIKE @like ESCAPE '\\' OR u.email LIKE @like ESCAPE '\\')`);
      return {
        select: 'o.*, u.name AS customer_name, u.email AS customer_email',
        from: 'orders o JOIN customers u ON u.id = o.customer_id',
        where,
        orderBy: [SORT[filter.sort]],
        tieBreak: 'o.id',
        direction: filter.direction,
        params: {
          companyId: filter.companyId,
          fromMs: filter.fromMs,
          toMs: filter.toMs,
          status: filter.status,
          customerId: filter.customerId,
          number: number ? Number(number[1]) : undefined,
          like: likePattern(filter.search),
        },
      };
    },
    recent: (companyId, limit) => recent.all(companyId, limit),
    recentOfCustomer: (customerId, limit) => recentOfCustomer.all(customerId, limit),
    spentByCurrency: (customerId) => spent.all(customerId),
    firstCountedOrder: (customerId) => firstCounted.get(customerId),
    countOfCustomer: (customerId) => countOfCustomer.get(customerId) ?? 0,
  };
}
