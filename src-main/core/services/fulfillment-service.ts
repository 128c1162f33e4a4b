// Shipping at checkout, forwarding, inventory and shipments (spec §8; docs/logistics.md).
//
// Checkout and orders entered by hand: when an order with physical lines is written — a storefront checkout, or an
// order the console or the API enters (not yet fulfilled; bulk seed data is not forwarded) — in the same transaction
// (the order.created in-transaction hook), the order's total weight and the customer's country select the rate
// among the providers the shop chose (selectRate: the preferred provider if it serves the destination and weight,
// else the cheapest matching rule). No match: the order is refused naming the country (the storefront's customer
// country, the order form's customer), and the rollback means no order exists. A match: the order is forwarded — its shipping line (outside the order's totals: the money goes
// between shop and provider, never through the platform or the month close), the fulfillment row in the
// provider's queue, stock reserved in the first warehouse that holds all of it, and an email in the outbox.
// A shop that chose no provider ships itself: its checkout is unchanged.
//
// Inventory: movements per warehouse and product (repository `move`), each with who and when; a movement that
// would take on-hand, reserved or available stock below zero is refused. Shipments take stock out of the
// warehouse (their reserved part first) and move label created -> in transit -> delivered (or exception). When every
// physical line has shipped, a paid order becomes fulfilled (a pending one once it is paid): the order model has no
// "partly fulfilled" status, so a partly shipped order keeps its status and the queue says "partly shipped".
import type { z } from 'zod';
import { ApiError, type FieldErrors } from '../../../src-shared/api/errors';
import type { queueSchema, shipmentListSchema, shipSchema, shipmentUpdateSchema, stockListSchema, stockMoveSchema } from '../../../src-shared/api/logistics-inputs';
import type {
  Fulfillment,
  FulfillmentSummary,
  OrderShipping,
  QuoteAnswer,
  Shipment,
  ShipmentSummary,
  StockLevel,
  StockMovement,
  StockProductChoice,
} from '../../../src-shared/api/logistics-types';
import type { Page } from '../../../src-shared/api/shop-types';
import { findCountry } from '../../../src-shared/domain/countries';
import { formatMinor } from '../../../src-shared/domain/currencies';
import { formatGrams, LOW_STOCK_THRESHOLD, selectRate, SHIPMENT_STATUS_LABELS, SHIPMENT_TRANSITIONS, type RateRule } from '../../../src-shared/domain/logistics';
import { actorLabel, type Actor } from '../access';
import type { PlatformEventName, PlatformEvents } from '../events';
import type { RateRow } from '../repositories/logistics-rows';
import { toFulfillment, toFulfillmentSummary, toMovement, toShipment, toShipmentSummary, toStockLevel } from './logistics-mappers';
import type { LogisticsService } from './logistics-service';
import type { OrdersService } from './orders-service';
import type { OutboxService } from './outbox-service';
import type { Emit, ServiceContext } from './service-context';
import { createShopOpener } from './shop-access';

type Input<S extends z.ZodTypeAny> = z.output<S>;

export interface FulfillmentService {
  /** The shipping a checkout of these lines to this country would add (the storefront shows it before ordering). */
  quote(actor: Actor, companyId: number, country: string, lines: readonly { productId: number; quantity: number }[], purpose?: 'checkout' | 'order'): QuoteAnswer;
  queue(actor: Actor, input: Input<typeof queueSchema>): Page<FulfillmentSummary>;
  fulfillment(actor: Actor, providerId: number, orderId: number): Fulfillment;
  shipments(actor: Actor, input: Input<typeof shipmentListSchema>): Page<ShipmentSummary>;
  shipment(actor: Actor, providerId: number, shipmentId: number): Shipment;
  ship(actor: Actor, input: Input<typeof shipSchema>): Shipment;
  updateShipment(actor: Actor, input: Input<typeof shipmentUpdateSchema>): Shipment;
  stock(actor: Actor, input: Input<typeof stockListSchema>): Page<StockLevel>;
  moveStock(actor: Actor, input: Input<typeof stockMoveSchema>): StockLevel;
  movements(actor: Actor, providerId: number, warehouseId: number, productId: number): StockMovement[];
  productChoices(actor: Actor, providerId: number, search: string): StockProductChoice[];
  /** A shop's stock per warehouse (of the providers it chose). */
  shopStock(actor: Actor, companyId: number, input: { search: string; offset: number; limit: number }): Page<StockLevel>;
  /** An order's shipping line, fulfillment and shipments as the shop (and its storefront) sees them; null: not forwarded. */
  orderShipping(actor: Actor, companyId: number, orderId: number): OrderShipping | null;
  /** Installs the checkout hook (order.created/updated/deleted in the order's transaction). */
  install(): void;
}

/** Rate rows as selection sees them (zone countries as a set). */
export function toRules(rows: readonly RateRow[]): (RateRule & { row: RateRow })[] {
  return rows.map((row) => ({
    id: row.id,
    providerId: row.provider_id,
    countries: new Set(row.countries.split(',')),
    currency: row.currency,
    minGrams: row.min_grams,
    maxGrams: row.max_grams,
    amountMinor: row.amount_minor,
    row,
  }));
}

const countryName = (code: string) => findCountry(code)?.name ?? code;

export function createFulfillmentService(ctx: ServiceContext, logistics: LogisticsService, outbox: OutboxService, orders: Pick<OrdersService, 'fulfil'>): FulfillmentService {
  const { repos, clock } = ctx;
  const openShop = createShopOpener(ctx);
  const changed = (emit: Emit, providerId: number, companyId: number | null) => emit('logistics.changed', { providerId, companyId });

  /** The rule for a shop's order, or null when none of its chosen providers ships there; undefined: the shop chose none. */
  function rateFor(companyId: number, currency: string, country: string, weightGrams: number): RateRow | null | undefined {
    const choices = repos.logistics.shopChoices(companyId);
    if (choices.length === 0) return undefined;
    const providerIds = choices.map((c) => c.provider_id);
    const preferred = choices.find((c) => c.preferred === 1)?.provider_id ?? null;
    const rules = toRules(repos.logistics.rulesFor(providerIds, currency));
    return selectRate(rules, { country, weightGrams, currency, providerIds, preferredProviderId: preferred })?.row ?? null;
  }

  const cannotShip = (country: string, weightGrams: number, currency: string) =>
    `We cannot ship to ${countryName(country)}: none of this shop's logistics providers delivers ${formatGrams(weightGrams)} there (prices in ${currency}). No order was placed.`;

  /** The order form's words (an order entered by hand names the customer's country; the field is the customer). */
  const cannotShipByHand = (country: string, weightGrams: number, currency: string) =>
    `is in ${countryName(country)}, where none of this shop's logistics providers delivers ${formatGrams(weightGrams)} (prices in ${currency}): the order cannot be forwarded for shipping. Nothing was saved.`;
  const cannotShipNoCountry = (name: string) =>
    `${name} has no country on record, so the order cannot be forwarded for shipping: add the customer's country first. Nothing was saved.`;

  /** The first warehouse (by name) of the provider that has every line available, reserving it there. */
  function reserve(providerId: number, orderId: number, companyId: number, lines: { product_id: number; quantity: number }[], actor: string, now: number): number | null {
    const needed = new Map<number, number>();
    for (const l of lines) needed.set(l.product_id, (needed.get(l.product_id) ?? 0) + l.quantity);
    for (const warehouse of repos.logistics.warehouses(providerId)) {
      const enough = [...needed].every(([productId, quantity]) => {
        const stock = repos.logistics.stockOf(warehouse.id, productId);
        return !!stock && stock.on_hand - stock.reserved >= quantity;
      });
      if (!enough) continue;
      for (const [productId, quantity] of needed) {
        const ok = repos.logistics.move({
          warehouse_id: warehouse.id,
          product_id: productId,
          company_id: companyId,
          kind: 'reservation',
          on_hand_delta: 0,
          reserved_delta: quantity,
          order_id: orderId,
          shipment_id: null,
          note: '',
          actor,
          at: now,
        });
        if (!ok) throw new Error('reservation refused after the availability check');
      }
      return warehouse.id;
    }
    return null;
  }

  /** Reserved stock of an order not shipped yet, per warehouse and product. */
  function openReservations(orderId: number): Map<string, { warehouseId: number; productId: number; reserved: number }> {
    const open = new Map<string, { warehouseId: number; productId: number; reserved: number }>();
    for (const m of repos.logistics.movementsOfOrder(orderId)) {
      const key = `${m.warehouse_id}:${m.product_id}`;
      const entry = open.get(key) ?? { warehouseId: m.warehouse_id, productId: m.product_id, reserved: 0 };
      entry.reserved += m.reserved_delta;
      open.set(key, entry);
    }
    return open;
  }

  function forward(emit: Emit, companyId: number, orderId: number): void {
    // Once per order: an order.created seen again (a replayed or synthetic event) leaves the forwarded order as it is.
    if (repos.logistics.fulfillmentRaw(orderId)) return;
    const order = repos.orders.get(companyId, orderId);
    if (!order) return;
    const byHand = order.source === 'console' || order.source === 'api';
    // Seed data is history, not work for a provider; an order entered as fulfilled already left the shop.
    if ((order.source !== 'checkout' && !byHand) || order.status === 'fulfilled') return;
    const lines = repos.orders.lines(orderId).filter((l) => l.kind === 'physical');
    if (lines.length === 0) return;
    const products = new Map(repos.catalog.productsByIds(companyId, lines.map((l) => l.product_id)).map((p) => [p.id, p]));
    const weight = lines.reduce((g, l) => g + (products.get(l.product_id)?.weight_grams ?? 0) * l.quantity, 0);
    const customer = repos.customers.get(companyId, order.customer_id)!;
    const country = customer.country.toUpperCase();
    const rule = rateFor(companyId, order.currency, country, weight);
    if (rule === undefined) return;
    if (rule === null || country === '') {
      if (!byHand) throw ApiError.validation({ 'customer.country': [country === '' ? 'is required: the order has physical products to ship' : cannotShip(country, weight, order.currency)] });
      throw ApiError.validation({ customerId: [country === '' ? cannotShipNoCountry(customer.name) : cannotShipByHand(country, weight, order.currency)] });
    }
    const provider = repos.logistics.provider(rule.provider_id)!;
    const now = clock.now();
    const warehouseId = reserve(provider.id, orderId, companyId, lines, byHand ? `order entry (${order.source})` : 'checkout', now);
    repos.logistics.insertFulfillment({
      order_id: orderId,
      order_number: order.number,
      company_id: companyId,
      provider_id: provider.id,
      provider_name: provider.name,
      rate_id: rule.id,
      zone_name: rule.zone_name,
      state: 'open',
      warehouse_id: warehouseId,
      reserved: warehouseId === null ? 0 : 1,
      weight_grams: weight,
      amount_minor: rule.amount_minor,
      currency: order.currency,
      ship_name: customer.name,
      ship_email: customer.email,
      ship_street: customer.street,
      ship_city: customer.city,
      ship_postal_code: customer.postal_code,
      ship_country: country,
      item_count: lines.reduce((n, l) => n + l.quantity, 0),
      forwarded_at: now,
      updated_at: now,
    });
    const shop = repos.companies.get(companyId)!;
    const warehouse = warehouseId === null ? null : repos.logistics.warehouse(provider.id, warehouseId)!;
    outbox.queue(emit, {
      companyId: provider.company_id,
      to: provider.contact_email,
      kind: 'logistics.forward',
      subject: `New order to fulfil: ${shop.name} #${order.number}`,
      body: [
        `Hello ${provider.name},`,
        '',
        `${shop.name} forwarded order #${order.number} to you for fulfillment.`,
        '',
        'Items:',
        ...lines.map((l) => `  ${l.quantity} x ${l.name}${l.sku ? ` (${l.sku})` : ''}`),
        '',
        `Ship to: ${customer.name}, ${[customer.street, `${customer.postal_code} ${customer.city}`.trim(), countryName(country)].filter(Boolean).join(', ')}`,
        `Weight: ${formatGrams(weight)}`,
        `Warehouse: ${warehouse ? `${warehouse.name} (stock reserved)` : 'none holds all items: book a receipt, then ship'}`,
        `Shipping (${rule.zone_name}): ${formatMinor(rule.amount_minor, order.currency)}, charged between you and the shop, outside the platform.`,
        '',
        'Open PartnerDeck, Logistics > Fulfillment queue, to ship it.',
      ].join('\n'),
    });
    changed(emit, provider.id, companyId);
  }

  /** The order was cancelled, refunded or deleted: the open part of its fulfillment is released. */
  function cancel(emit: Emit, orderId: number): void {
    const row = repos.logistics.fulfillment(orderId) ?? repos.logistics.fulfillmentRaw(orderId);
    if (!row || row.state === 'shipped' || row.state === 'cancelled') return;
    const now = clock.now();
    for (const { warehouseId, productId, reserved } of openReservations(orderId).values()) {
      if (reserved <= 0) continue;
      repos.logistics.move({
        warehouse_id: warehouseId,
        product_id: productId,
        company_id: row.company_id,
        kind: 'release',
        on_hand_delta: 0,
        reserved_delta: -reserved,
        order_id: orderId,
        shipment_id: null,
        note: 'order cancelled',
        actor: 'checkout',
        at: now,
      });
    }
    repos.logistics.setFulfillmentState(orderId, 'cancelled', now);
    changed(emit, row.provider_id, row.company_id);
  }

  function requireFulfillment(providerId: number, orderId: number) {
    const row = repos.logistics.fulfillment(orderId);
    if (!row || row.provider_id !== providerId) throw new ApiError('not_found', `Order ${orderId} is not in this provider's fulfillment queue.`, { orderId });
    return row;
  }

  function requireShipment(providerId: number, shipmentId: number) {
    const row = repos.logistics.shipment(shipmentId);
    if (!row || row.provider_id !== providerId) throw new ApiError('not_found', `Shipment ${shipmentId} was not found.`, { shipmentId });
    return row;
  }

  const shipmentOf = (id: number) => toShipment(repos.logistics.shipment(id)!, repos.logistics.shipmentLines(id), repos.logistics.shipmentEvents(id));

  return {
    install() {
      ctx.onEmitInTransaction(<E extends PlatformEventName>(name: E, payload: PlatformEvents[E], emit: Emit) => {
        if (name === 'order.created') {
          const { companyId, id } = payload as PlatformEvents['order.created'];
          forward(emit, companyId, id);
        } else if (name === 'order.updated') {
          const { companyId, id } = payload as PlatformEvents['order.updated'];
          const order = repos.orders.get(companyId, id);
          if (order && (order.status === 'cancelled' || order.status === 'refunded')) cancel(emit, id);
          // Shipped in full while it was pending: it becomes fulfilled once it is paid.
          else if (order?.status === 'paid' && repos.logistics.fulfillmentRaw(id)?.state === 'shipped') orders.fulfil(emit, companyId, id, 'logistics: shipped in full');
        } else if (name === 'order.deleted') {
          cancel(emit, (payload as PlatformEvents['order.deleted']).id);
        }
      });
    },

    quote(actor, companyId, country, lines, purpose = 'checkout') {
      openShop(actor, companyId, 'orders');
      const products = new Map(repos.catalog.productsByIds(companyId, lines.map((l) => l.productId)).map((p) => [p.id, p]));
      const physical = lines.filter((l) => products.get(l.productId)?.kind === 'physical');
      if (physical.length === 0) return { kind: 'none', reason: 'Nothing to ship: no physical products.' };
      const currency = products.get(physical[0].productId)!.currency;
      const weight = physical.reduce((g, l) => g + (products.get(l.productId)!.weight_grams ?? 0) * l.quantity, 0);
      const rule = rateFor(companyId, currency, country, weight);
      if (rule === undefined) return { kind: 'none', reason: 'This shop ships its orders itself (it chose no logistics provider).' };
      if (rule === null || country === '') {
        if (purpose === 'checkout') return { kind: 'cannot_ship', message: country === '' ? 'Enter the country to ship to.' : cannotShip(country, weight, currency) };
        const message = country === '' ? cannotShipNoCountry('The customer') : `The customer ${cannotShipByHand(country, weight, currency)}`;
        return { kind: 'cannot_ship', message: message.replace(' Nothing was saved.', '') };
      }
      const provider = repos.logistics.provider(rule.provider_id)!;
      return {
        kind: 'rate',
        quote: { providerId: provider.id, providerName: provider.name, rateId: rule.id, zoneName: rule.zone_name, country, weightGrams: weight, amountMinor: rule.amount_minor, currency },
      };
    },

    queue(actor, input) {
      logistics.requireProvider(actor, input.providerId, 'orders');
      const search = input.search === '' ? undefined : input.search;
      const { rows, total } = repos.logistics.queue({ ...input, search });
      return { items: rows.map(toFulfillmentSummary), total, offset: input.offset, limit: input.limit };
    },

    fulfillment(actor, providerId, orderId) {
      logistics.requireProvider(actor, providerId, 'orders');
      const row = requireFulfillment(providerId, orderId);
      return toFulfillment(row, repos.logistics.fulfillmentLines(orderId));
    },

    shipments(actor, input) {
      logistics.requireProvider(actor, input.providerId, 'orders');
      const { rows, total } = repos.logistics.shipments({ ...input, search: input.search === '' ? undefined : input.search });
      return { items: rows.map(toShipmentSummary), total, offset: input.offset, limit: input.limit };
    },

    shipment(actor, providerId, shipmentId) {
      logistics.requireProvider(actor, providerId, 'orders');
      requireShipment(providerId, shipmentId);
      return shipmentOf(shipmentId);
    },

    ship(actor, input) {
      const provider = logistics.requireProvider(actor, input.providerId, 'orders', { approved: true });
      const row = requireFulfillment(provider.id, input.orderId);
      if (row.state === 'shipped' || row.state === 'cancelled') {
        throw new ApiError('conflict', `Order #${row.order_number} of ${row.company_name} is ${row.state === 'shipped' ? 'already shipped' : 'cancelled'}.`, { reason: row.state });
      }
      const warehouse = repos.logistics.warehouse(provider.id, input.warehouseId);
      if (!warehouse) throw ApiError.validation({ warehouseId: [`warehouse ${input.warehouseId} is not a warehouse of ${provider.name}`] });
      const lines = repos.logistics.fulfillmentLines(input.orderId);
      const byNo = new Map(lines.map((l) => [l.line_no, l]));
      const wanted = input.lines ?? lines.filter((l) => l.quantity > l.shipped).map((l) => ({ lineNo: l.line_no, quantity: l.quantity - l.shipped }));
      const problems: FieldErrors = {};
      const seen = new Set<number>();
      wanted.forEach((w, i) => {
        const line = byNo.get(w.lineNo);
        if (!line) problems[`lines.${i}.lineNo`] = [`line ${w.lineNo} is not a physical line of order #${row.order_number}`];
        else if (seen.has(w.lineNo)) problems[`lines.${i}.lineNo`] = [`line ${w.lineNo} is given twice`];
        else if (w.quantity > line.quantity - line.shipped) problems[`lines.${i}.quantity`] = [`only ${line.quantity - line.shipped} of "${line.name}" are left to ship`];
        seen.add(w.lineNo);
      });
      if (wanted.length === 0) problems.lines = ['nothing is left to ship'];
      if (Object.keys(problems).length > 0) throw ApiError.validation(problems);
      const id = ctx.transact((emit) => {
        const now = clock.now();
        const who = actorLabel(actor);
        const shipmentId = repos.logistics.insertShipment({
          provider_id: provider.id,
          company_id: row.company_id,
          order_id: row.order_id,
          warehouse_id: warehouse.id,
          carrier: input.carrier,
          tracking_number: input.trackingNumber,
          status: 'label_created',
          created_at: now,
          updated_at: now,
        });
        const reservations = openReservations(row.order_id);
        const stockProblems: FieldErrors = {};
        wanted.forEach((w, i) => {
          const line = byNo.get(w.lineNo)!;
          repos.logistics.insertShipmentLine(shipmentId, w.lineNo, w.quantity);
          const held = reservations.get(`${warehouse.id}:${line.product_id}`);
          const fromReserved = Math.min(w.quantity, Math.max(0, held?.reserved ?? 0));
          if (held) held.reserved -= fromReserved;
          const ok = repos.logistics.move({
            warehouse_id: warehouse.id,
            product_id: line.product_id,
            company_id: row.company_id,
            kind: 'shipment',
            on_hand_delta: -w.quantity,
            reserved_delta: -fromReserved,
            order_id: row.order_id,
            shipment_id: shipmentId,
            note: `${input.carrier} ${input.trackingNumber}`,
            actor: who,
            at: now,
          });
          if (!ok) {
            const stock = repos.logistics.stockOf(warehouse.id, line.product_id);
            const free = stock ? stock.on_hand - stock.reserved + fromReserved : 0;
            stockProblems[input.lines ? `lines.${i}.quantity` : 'warehouseId'] = [`${warehouse.name} has ${free} of "${line.name}" available, ${w.quantity} needed: book a receipt first`];
          }
        });
        if (Object.keys(stockProblems).length > 0) throw ApiError.validation(stockProblems);
        repos.logistics.addShipmentEvent(shipmentId, 'label_created', `${input.carrier} ${input.trackingNumber}`, who, now);
        const after = repos.logistics.fulfillmentLines(row.order_id);
        const whole = after.every((l) => l.shipped >= l.quantity);
        repos.logistics.setFulfillmentState(row.order_id, whole ? 'shipped' : 'partly_shipped', now);
        if (whole) orders.fulfil(emit, row.company_id, row.order_id, who);
        changed(emit, provider.id, row.company_id);
        return shipmentId;
      });
      return shipmentOf(id);
    },

    updateShipment(actor, input) {
      const provider = logistics.requireProvider(actor, input.providerId, 'orders');
      const row = requireShipment(provider.id, input.shipmentId);
      if (row.status === input.status) throw ApiError.validation({ status: [`is already ${SHIPMENT_STATUS_LABELS[row.status].toLowerCase()}`] });
      const allowed = SHIPMENT_TRANSITIONS[row.status];
      if (!allowed.includes(input.status)) {
        throw ApiError.validation({
          status: [`cannot change from ${row.status} to ${input.status}${allowed.length > 0 ? ` (possible: ${allowed.join(', ')})` : `: ${row.status} is final`}`],
        });
      }
      ctx.transact((emit) => {
        const now = clock.now();
        repos.logistics.setShipmentStatus(row.id, input.status, now);
        repos.logistics.addShipmentEvent(row.id, input.status, input.note, actorLabel(actor), now);
        changed(emit, provider.id, row.company_id);
      });
      return shipmentOf(row.id);
    },

    stock(actor, input) {
      logistics.requireProvider(actor, input.providerId, 'orders');
      const { rows, total } = repos.logistics.stock({ ...input, lowAt: LOW_STOCK_THRESHOLD });
      return { items: rows.map(toStockLevel), total, offset: input.offset, limit: input.limit };
    },

    moveStock(actor, input) {
      const provider = logistics.requireProvider(actor, input.providerId, 'orders', { approved: true });
      const warehouse = repos.logistics.warehouse(provider.id, input.warehouseId);
      if (!warehouse) throw ApiError.validation({ warehouseId: [`warehouse ${input.warehouseId} is not a warehouse of ${provider.name}`] });
      const product = repos.logistics.productChoices(provider.id, '', 1_000_000).find((p) => p.id === input.productId);
      if (!product) throw ApiError.validation({ productId: [`product ${input.productId} is not a physical product of a shop that chose ${provider.name}`] });
      if (input.kind === 'receipt' && input.quantity < 0) throw ApiError.validation({ quantity: ['of a receipt must be positive (use an adjustment to take stock out)'] });
      ctx.transact((emit) => {
        const ok = repos.logistics.move({
          warehouse_id: warehouse.id,
          product_id: product.id,
          company_id: product.company_id,
          kind: input.kind,
          on_hand_delta: input.quantity,
          reserved_delta: 0,
          order_id: null,
          shipment_id: null,
          note: input.note,
          actor: actorLabel(actor),
          at: clock.now(),
        });
        if (!ok) {
          const stock = repos.logistics.stockOf(warehouse.id, product.id) ?? { on_hand: 0, reserved: 0 };
          throw ApiError.validation({
            quantity: [`would take ${product.name} in ${warehouse.name} below zero available (on hand ${stock.on_hand}, reserved ${stock.reserved})`],
          });
        }
        changed(emit, provider.id, product.company_id);
      });
      const { rows } = repos.logistics.stock({ warehouseId: warehouse.id, providerId: provider.id, offset: 0, limit: 1, lowAt: LOW_STOCK_THRESHOLD, productId: product.id });
      return toStockLevel(rows[0]);
    },

    movements(actor, providerId, warehouseId, productId) {
      const provider = logistics.requireProvider(actor, providerId, 'orders');
      if (!repos.logistics.warehouse(provider.id, warehouseId)) throw new ApiError('not_found', `Warehouse ${warehouseId} was not found.`, { warehouseId });
      return repos.logistics.movements(warehouseId, productId, 500).map(toMovement);
    },

    productChoices(actor, providerId, search) {
      const provider = logistics.requireProvider(actor, providerId, 'orders');
      return repos.logistics.productChoices(provider.id, search, 50).map((p) => ({ companyId: p.company_id, companyName: p.company_name, productId: p.id, name: p.name, sku: p.sku }));
    },

    shopStock(actor, companyId, input) {
      openShop(actor, companyId, 'products');
      const { rows, total } = repos.logistics.stock({ companyId, search: input.search, offset: input.offset, limit: input.limit, lowAt: LOW_STOCK_THRESHOLD });
      return { items: rows.map(toStockLevel), total, offset: input.offset, limit: input.limit };
    },

    orderShipping(actor, companyId, orderId) {
      openShop(actor, companyId, 'orders');
      const row = repos.logistics.fulfillment(orderId);
      if (!row || row.company_id !== companyId) return null;
      const shipments = repos.logistics.shipments({ orderId, companyId, offset: 0, limit: 100 }).rows.map((s) => shipmentOf(s.id));
      return { fulfillment: toFulfillment(row, repos.logistics.fulfillmentLines(orderId)), shipments };
    },
  };
}
