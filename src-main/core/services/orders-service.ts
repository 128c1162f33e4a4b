// Orders (spec §2): numbered per shop, one currency each, lines that snapshot the product as sold, net /
// VAT / gross from the shared line pricing (VAT per line, rounded half up). Placing an order takes stock
// of physical products, cancelling gives it back. Every create, edit and delete applies its change to
// the sales rollups and the shop counters in the same transaction (docs/shop-data.md), and emits
// order.created / order.updated / order.deleted inside it.
import type { z } from 'zod';
import { ApiError, type FieldErrors } from '../../../src-shared/api/errors';
import type { orderCreateSchema, orderListSchema, orderUpdateSchema } from '../../../src-shared/api/shop-inputs';
import type { DeleteResult, Order, OrderSource, OrderSummary, Page } from '../../../src-shared/api/shop-types';
import { dayKeyOf, dayStartMs } from '../../../src-shared/domain/date-range';
import {
  DELETABLE_STATUSES,
  isCounted,
  LINE_EDITABLE_STATUSES,
  ORDER_TRANSITIONS,
  priceLine,
  type OrderStatus,
} from '../../../src-shared/domain/shop';
import { actorLabel, type Actor } from '../access';
import type { ProductRow } from '../repositories/catalog-repository';
import type { FirstOrder, OrderLineRow, OrderListRow, OrderRow } from '../repositories/orders-repository';
import { toOrder, toOrderSummary } from '../shop-mappers';
import { createRollupAccumulator } from './sales-rollups';
import type { Emit, ServiceContext } from './service-context';
import { createShopOpener, notFound, pageOf, type OpenShop } from './shop-access';

/**
 * A manual order. The console offers pending or paid; the service also takes fulfilled (imports, demo
 * data) — never a final status, which would take stock it does not keep.
 */
export type OrderCreate = Omit<z.output<typeof orderCreateSchema>, 'companyId' | 'status'> & { status: 'pending' | 'paid' | 'fulfilled' };
export type OrderPatch = Omit<z.output<typeof orderUpdateSchema>, 'companyId' | 'orderId'>;
export type OrderList = Omit<z.output<typeof orderListSchema>, 'companyId'>;

export interface LineRequest {
  productId: number;
  quantity: number;
}

export interface PlaceOrder {
  customerId: number;
  lines: readonly LineRequest[];
  status: OrderStatus;
  source: OrderSource;
  note: string;
  placedAt: number;
  /** Refuse inactive products (the storefront); the console may sell them by hand. */
  requireActive: boolean;
}

export interface OrdersService {
  list(actor: Actor, companyId: number, filter: OrderList): Page<OrderSummary>;
  get(actor: Actor, companyId: number, orderId: number): Order;
  /** A manual order for an existing customer (console, REST). */
  create(actor: Actor, companyId: number, input: OrderCreate, options?: { source?: OrderSource }): Order;
  update(actor: Actor, companyId: number, orderId: number, patch: OrderPatch): Order;
  delete(actor: Actor, companyId: number, orderId: number): DeleteResult;
  /** Inside the caller's transaction: prices, takes stock, writes the order, rollups and counters, emits order.created. */
  place(emit: Emit, shop: OpenShop, order: PlaceOrder): number;
  /**
   * Inside the caller's transaction: a paid order whose goods all left (logistics shipped every physical line) becomes
   * fulfilled — rollups, audit (`who`) and order.updated as for any status change. False (nothing written) when the
   * order is not paid (pending: it becomes fulfilled once paid; cancelled/refunded/fulfilled: nothing to do).
   */
  fulfil(emit: Emit, companyId: number, orderId: number, who: string): boolean;
}

interface Snapshot {
  order: OrderRow;
  lines: OrderLineRow[];
}

export function createOrdersService(ctx: ServiceContext): OrdersService {
  const { repos, clock } = ctx;
  const openShop = createShopOpener(ctx);

  function requireOrder(shop: OpenShop, orderId: number): OrderListRow {
    const row = repos.orders.get(shop.company.id, orderId);
    if (!row) throw notFound('Order', orderId);
    return row;
  }

  const sameBucket = (a: FirstOrder | undefined, b: FirstOrder | undefined): boolean =>
    a === b || (!!a && !!b && dayKeyOf(a.placed_at) === dayKeyOf(b.placed_at) && a.currency === b.currency && a.is_demo === b.is_demo);

  /**
   * Runs `change` (which writes the order) and applies the difference it made to the rollups: the old
   * contribution out, the new one in, and the customer's "new customer" bucket if its first counted order
   * moved. (An order's time, currency and customer never change, so only a change of counting can move it.)
   */
  function withRollups(companyId: number, customerId: number, change: () => { before: Snapshot | null; after: Snapshot | null }): void {
    const firstBefore = repos.orders.firstCountedOrder(customerId);
    const { before, after } = change();
    const countedBefore = !!before && isCounted(before.order.status);
    const countedAfter = !!after && isCounted(after.order.status);
    let firstAfter = firstBefore;
    if (countedAfter && !countedBefore) {
      const o = after!.order;
      if (!firstBefore || o.placed_at < firstBefore.placed_at || (o.placed_at === firstBefore.placed_at && o.id < firstBefore.id)) firstAfter = o;
    } else if (countedBefore && !countedAfter && firstBefore?.id === before!.order.id) {
      firstAfter = repos.orders.firstCountedOrder(customerId);
    }
    const rollups = createRollupAccumulator();
    if (before) rollups.addOrder(before.order, before.lines, -1);
    if (after) rollups.addOrder(after.order, after.lines, 1);
    if (!sameBucket(firstBefore, firstAfter)) {
      if (firstBefore) rollups.addNewCustomer({ ...firstBefore, company_id: companyId }, -1);
      if (firstAfter) rollups.addNewCustomer({ ...firstAfter, company_id: companyId }, 1);
    }
    rollups.flush(repos.rollups, true);
  }

  const snapshot = (companyId: number, orderId: number): Snapshot => ({ order: repos.orders.get(companyId, orderId)!, lines: repos.orders.lines(orderId) });

  /** Products of the requested lines, checked: they exist here, can be sold, share one currency. */
  function productsFor(shop: OpenShop, lines: readonly { productId?: number }[], currency: string | null, requireActive: boolean, path: (i: number) => string): Map<number, ProductRow> {
    const ids = lines.map((l) => l.productId).filter((id): id is number => id !== undefined);
    const products = new Map(repos.catalog.productsByIds(shop.company.id, ids).map((p) => [p.id, p]));
    const problems: FieldErrors = {};
    let orderCurrency = currency;
    lines.forEach((line, i) => {
      if (line.productId === undefined) return;
      const product = products.get(line.productId);
      if (!product) problems[`${path(i)}.productId`] = [`product ${line.productId} does not exist in this shop`];
      else if (requireActive && !product.is_active) problems[`${path(i)}.productId`] = [`"${product.name}" is not available for sale`];
      else if (orderCurrency !== null && product.currency !== orderCurrency) {
        problems[`${path(i)}.productId`] = [`"${product.name}" is priced in ${product.currency}, this order is in ${orderCurrency}`];
      } else orderCurrency ??= product.currency;
    });
    if (Object.keys(problems).length > 0) throw ApiError.validation(problems);
    return products;
  }

  /** Takes (negative delta) or returns stock of physical products; names the line that runs out. */
  function moveStock(companyId: number, deltas: Map<number, { delta: number; line: string }>, now: number): void {
    const problems: FieldErrors = {};
    const products = new Map(repos.catalog.productsByIds(companyId, [...deltas.keys()]).map((p) => [p.id, p]));
    for (const [productId, { delta, line }] of deltas) {
      const product = products.get(productId);
      if (!product || product.stock === null || delta === 0) continue;
      if (!repos.catalog.adjustStock(productId, delta, now)) {
        problems[`${line}.quantity`] = [`only ${product.stock} of "${product.name}" ${product.stock === 1 ? 'is' : 'are'} in stock`];
      }
    }
    if (Object.keys(problems).length > 0) throw ApiError.validation(problems);
  }

  function addDelta(deltas: Map<number, { delta: number; line: string }>, productId: number, delta: number, line: string): void {
    const entry = deltas.get(productId);
    if (entry) entry.delta += delta;
    else deltas.set(productId, { delta, line });
  }

  function place(emit: Emit, shop: OpenShop, request: PlaceOrder): number {
    const companyId = shop.company.id;
    const products = productsFor(shop, request.lines, null, request.requireActive, (i) => `lines.${i}`);
    const now = clock.now();
    const priced = request.lines.map((line, i) => lineOf(products.get(line.productId)!, line.quantity, i + 1));
    const currency = products.get(request.lines[0].productId)!.currency;
    let orderId = 0;
    withRollups(companyId, request.customerId, () => {
      const deltas = new Map<number, { delta: number; line: string }>();
      request.lines.forEach((line, i) => addDelta(deltas, line.productId, -line.quantity, `lines.${i}`));
      moveStock(companyId, deltas, now);
      const totals = sum(priced);
      orderId = repos.orders.orders.insert({
        company_id: companyId,
        number: repos.orders.nextNumber(companyId),
        customer_id: request.customerId,
        status: request.status,
        currency,
        ...totals,
        item_count: priced.reduce((n, l) => n + l.quantity, 0),
        is_demo: shop.isDemo ? 1 : 0,
        source: request.source,
        note: request.note,
        placed_at: request.placedAt,
        created_at: now,
        updated_at: now,
      });
      for (const line of priced) repos.orders.insertLine({ ...line, order_id: orderId });
      repos.customers.bumpCounts(companyId, 0, 1);
      return { before: null, after: snapshot(companyId, orderId) };
    });
    emit('order.created', { companyId, id: orderId });
    return orderId;
  }

  function fulfil(emit: Emit, companyId: number, orderId: number, who: string): boolean {
    const existing = repos.orders.get(companyId, orderId);
    if (!existing || existing.status !== 'paid') return false;
    const now = clock.now();
    withRollups(companyId, existing.customer_id, () => {
      const before = snapshot(companyId, orderId);
      repos.orders.orders.update(orderId, { status: 'fulfilled', updated_at: now });
      return { before, after: snapshot(companyId, orderId) };
    });
    repos.audit.record({ company_id: companyId, actor: who, action: 'order.status_changed', detail: { id: orderId, from: 'paid', to: 'fulfilled' }, created_at: now });
    emit('order.updated', { companyId, id: orderId });
    return true;
  }

  return {
    place,
    fulfil,

    list(actor, companyId, filter) {
      openShop(actor, companyId, 'orders');
      const query = repos.orders.query({
        ...filter,
        companyId,
        fromMs: filter.from === undefined ? undefined : dayStartMs(filter.from)!,
        toMs: filter.to === undefined ? undefined : dayStartMs(filter.to)! + 86_400_000,
      });
      const unfiltered = !filter.search && !filter.status && filter.customerId === undefined && !filter.from && !filter.to;
      return pageOf(repos.lists, query, filter, (rows: OrderListRow[]) => rows.map(toOrderSummary), unfiltered ? repos.customers.counts(companyId).orders : undefined);
    },

    get(actor, companyId, orderId) {
      const shop = openShop(actor, companyId, 'orders');
      return toOrder(requireOrder(shop, orderId), repos.orders.lines(orderId));
    },

    create(actor, companyId, input, options = {}) {
      const shop = openShop(actor, companyId, 'orders');
      if (!repos.customers.get(companyId, input.customerId)) throw ApiError.validation({ customerId: [`customer ${input.customerId} does not exist in this shop`] });
      if (!['pending', 'paid', 'fulfilled'].includes(input.status)) throw ApiError.validation({ status: ['a new order is pending, paid or fulfilled'] });
      const now = clock.now();
      if (input.placedAt !== undefined && input.placedAt > now) throw ApiError.validation({ placedAt: ['must not be in the future'] });
      const id = ctx.transact((emit) =>
        place(emit, shop, {
          customerId: input.customerId,
          lines: input.lines,
          status: input.status,
          source: options.source ?? 'console',
          note: input.note,
          placedAt: input.placedAt ?? now,
          requireActive: false,
        }),
      );
      return toOrder(repos.orders.get(companyId, id)!, repos.orders.lines(id));
    },

    update(actor, companyId, orderId, patch) {
      const shop = openShop(actor, companyId, 'orders');
      const existing = requireOrder(shop, orderId);
      const status = patch.status ?? existing.status;
      if (status !== existing.status && !ORDER_TRANSITIONS[existing.status].includes(status)) {
        const allowed = ORDER_TRANSITIONS[existing.status];
        throw ApiError.validation({
          status: [`cannot change from ${existing.status} to ${status}${allowed.length > 0 ? ` (possible: ${allowed.join(', ')})` : `: ${existing.status} is final`}`],
        });
      }
      if (patch.lines !== undefined && !LINE_EDITABLE_STATUSES.includes(existing.status)) {
        throw ApiError.validation({ lines: [`can be changed only while the order is ${LINE_EDITABLE_STATUSES.join(' or ')} (it is ${existing.status})`] });
      }
      const oldLines = repos.orders.lines(orderId);
      const now = clock.now();
      // The new lines: kept ones (by lineNo) re-priced at their price as sold, new ones at today's price.
      let newLines: OrderLineRow[] | null = null;
      const stock = new Map<number, { delta: number; line: string }>();
      if (patch.lines !== undefined) {
        const byNo = new Map(oldLines.map((l) => [l.line_no, l]));
        const problems: FieldErrors = {};
        const seen = new Set<number>();
        patch.lines.forEach((line, i) => {
          if (line.lineNo === undefined) return;
          if (!byNo.has(line.lineNo)) problems[`lines.${i}.lineNo`] = [`line ${line.lineNo} is not a line of this order`];
          else if (seen.has(line.lineNo)) problems[`lines.${i}.lineNo`] = [`line ${line.lineNo} is given twice`];
          seen.add(line.lineNo);
        });
        if (Object.keys(problems).length > 0) throw ApiError.validation(problems);
        const products = productsFor(shop, patch.lines, existing.currency, true, (i) => `lines.${i}`);
        let nextNo = Math.max(0, ...oldLines.map((l) => l.line_no)) + 1;
        newLines = patch.lines.map((line, i) => {
          if (line.lineNo !== undefined) {
            const old = byNo.get(line.lineNo)!;
            addDelta(stock, old.product_id, old.quantity - line.quantity, `lines.${i}`);
            return { ...old, quantity: line.quantity, ...toRow(priceLine(old.unit_price_minor, line.quantity, old.vat_rate_bp)) };
          }
          const product = products.get(line.productId!)!;
          addDelta(stock, product.id, -line.quantity, `lines.${i}`);
          return { ...lineOf(product, line.quantity, nextNo++), order_id: orderId };
        });
        // Lines that were removed give their stock back.
        for (const old of oldLines) if (!seen.has(old.line_no)) addDelta(stock, old.product_id, old.quantity, `lines`);
        newLines.sort((a, b) => a.line_no - b.line_no);
      }
      if (status === 'cancelled' && existing.status !== 'cancelled') {
        for (const line of newLines ?? oldLines) addDelta(stock, line.product_id, line.quantity, 'status');
      }
      ctx.transact((emit) => {
        withRollups(companyId, existing.customer_id, () => {
          const before = { order: existing as OrderRow, lines: oldLines };
          moveStock(companyId, stock, now);
          const orderPatch: Partial<OrderRow> = { status, updated_at: now };
          if (patch.note !== undefined) orderPatch.note = patch.note;
          if (newLines) {
            repos.orders.deleteLines(orderId);
            for (const line of newLines) repos.orders.insertLine(line);
            Object.assign(orderPatch, sum(newLines), { item_count: newLines.reduce((n, l) => n + l.quantity, 0) });
          }
          repos.orders.orders.update(orderId, orderPatch);
          return { before, after: snapshot(companyId, orderId) };
        });
        if (existing.status !== status) {
          repos.audit.record({ company_id: companyId, actor: actorLabel(actor), action: 'order.status_changed', detail: { id: orderId, from: existing.status, to: status }, created_at: now });
        }
        emit('order.updated', { companyId, id: orderId });
      });
      return toOrder(repos.orders.get(companyId, orderId)!, repos.orders.lines(orderId));
    },

    delete(actor, companyId, orderId) {
      const shop = openShop(actor, companyId, 'orders');
      const existing = requireOrder(shop, orderId);
      if (!DELETABLE_STATUSES.includes(existing.status)) {
        throw new ApiError(
          'conflict',
          `Order #${existing.number} is ${existing.status}; only ${DELETABLE_STATUSES.join(' or ')} orders can be deleted (cancel or refund it instead).`,
          { status: existing.status },
        );
      }
      const lines = repos.orders.lines(orderId);
      const now = clock.now();
      ctx.transact((emit) => {
        withRollups(companyId, existing.customer_id, () => {
          // A pending order still holds its stock; a cancelled one gave it back already.
          if (existing.status === 'pending') {
            const stock = new Map<number, { delta: number; line: string }>();
            for (const line of lines) addDelta(stock, line.product_id, line.quantity, 'lines');
            moveStock(companyId, stock, now);
          }
          repos.orders.orders.remove(orderId);
          repos.customers.bumpCounts(companyId, 0, -1);
          return { before: { order: existing, lines }, after: null };
        });
        repos.audit.record({ company_id: companyId, actor: actorLabel(actor), action: 'order.deleted', detail: { id: orderId, number: existing.number }, created_at: now });
        emit('order.deleted', { companyId, id: orderId });
      });
      return { deleted: true, id: orderId };
    },
  };
}

/** A new line: the product as sold now (snapshot), priced with the shared line pricing. */
function lineOf(product: ProductRow, quantity: number, lineNo: number): OrderLineRow {
  return {
    order_id: 0,
    line_no: lineNo,
    product_id: product.id,
    kind: product.kind,
    name: product.name,
    sku: product.sku,
    quantity,
    unit_price_minor: product.price_minor,
    vat_rate_bp: product.vat_rate_bp,
    ...toRow(priceLine(product.price_minor, quantity, product.vat_rate_bp)),
  };
}

function toRow(amounts: { netMinor: number; vatMinor: number; grossMinor: number }) {
  return { net_minor: amounts.netMinor, vat_minor: amounts.vatMinor, gross_minor: amounts.grossMinor };
}

function sum(lines: readonly { net_minor: number; vat_minor: number }[]) {
  let net = 0;
  let vat = 0;
  for (const line of lines) {
    net += line.net_minor;
    vat += line.vat_minor;
  }
  return { net_minor: net, vat_minor: vat, gross_minor: net + vat };
}
