// SQL for logistics partners (migration 016): providers, offers, warehouses, zones, rates, the shops' choices,
// fulfillments (forwarded orders), shipments with their timeline, and the inventory ledger with its balance rows.
// Rules live in the logistics services; this module only reads and writes rows.
//
// On the asynchronous data layer (db/data.ts): every statement keeps its SQLite text (only `@name`/`?` became
// parameters: db/text-statements.ts); where PostgreSQL needs other SQL its form is beside it (NOCASE order and
// ranges as lower(), LIKE as ILIKE, json_each as json_array_elements_text, INSERT OR IGNORE as ON CONFLICT DO
// NOTHING, no INDEXED BY, RETURNING id). Written once as steps (db/steps.ts), run two ways: awaited on either
// database (`createLogisticsRepository`), or at once on SQLite (`createLogisticsRepositoryNow`) for the logistics
// services while they are still called from synchronous transactions (the shop's order hook, the demo seed).
import type { Database } from '../db/data';
import { all, atOnce, awaiting, insert, one, run, type AtOnce, type Awaiting } from '../db/steps';
import { textStatement, textStatementCache } from '../db/text-statements';
import type {
  FulfillmentLineRow,
  FulfillmentRow,
  LogisticsSteps,
  MovementRow,
  ProviderRow,
  RateRow,
  ShipmentEventRow,
  ShipmentRow,
  ShopChoiceRow,
  StockRow,
  WarehouseRow,
  ZoneRow,
} from './logistics-rows';

const PROVIDER_SELECT = `
SELECT p.*, c.name AS company_name, c.partner_id AS company_partner_id,
  (SELECT COUNT(*) FROM logistics_warehouses w WHERE w.provider_id = p.id) AS warehouse_count,
  (SELECT COUNT(*) FROM logistics_rates r WHERE r.provider_id = p.id) AS rate_count,
  (SELECT COUNT(*) FROM logistics_offers o WHERE o.provider_id = p.id) AS offered_count,
  (SELECT COUNT(*) FROM logistics_shop_providers s WHERE s.provider_id = p.id) AS shop_count,
  (SELECT COUNT(*) FROM logistics_fulfillments f WHERE f.provider_id = p.id AND f.state IN ('open', 'partly_shipped')) AS open_fulfillments
FROM logistics_providers p JOIN companies c ON c.id = p.company_id`;

const FULFILLMENT_SELECT = `
SELECT f.*, c.name AS company_name, w.name AS warehouse_name
FROM logistics_fulfillments f
JOIN companies c ON c.id = f.company_id
LEFT JOIN logistics_warehouses w ON w.id = f.warehouse_id`;

/** At most this many matches of a search are read by the search's own index and sorted; more: the list's order is walked. */
const SPARSE_MATCHES = 2000;

const SHIPMENT_SELECT = `
SELECT s.*, p.name AS provider_name, c.name AS company_name, COALESCE(f.order_number, 0) AS order_number, w.name AS warehouse_name,
  f.ship_country AS country
FROM logistics_shipments s
JOIN logistics_providers p ON p.id = s.provider_id
JOIN companies c ON c.id = s.company_id
JOIN logistics_warehouses w ON w.id = s.warehouse_id
LEFT JOIN logistics_fulfillments f ON f.order_id = s.order_id`;

const STOCK_SELECT = `
SELECT st.warehouse_id, w.name AS warehouse_name, st.company_id, c.name AS company_name, st.product_id,
  pr.name AS product_name, pr.sku, st.on_hand, st.reserved, st.updated_at
FROM logistics_stock st
JOIN logistics_warehouses w ON w.id = st.warehouse_id
JOIN companies c ON c.id = st.company_id
JOIN products pr ON pr.id = st.product_id`;

/** The awaited repository (either database); `atomically` runs its steps as one SERIALIZABLE transaction on PostgreSQL. */
export type LogisticsRepository = Awaiting<LogisticsSteps> & {
  /**
   * Runs `work` as one write transaction: IMMEDIATE on SQLite, SERIALIZABLE on PostgreSQL (read, decide, write:
   * two servers moving stock of one item, or changing one shipment, at once — the loser is retried).
   */
  atomically<T>(work: () => Promise<T>): Promise<T>;
};
/** The same steps at once, on SQLite only (for the services still called from synchronous transactions). */
export type LogisticsRepositoryNow = AtOnce<LogisticsSteps>;

/** The PostgreSQL form of a SQLite text: the mechanical rules in this file's head. */
function postgresOf(text: string): string {
  return text
    .replace(/ INDEXED BY \w+/g, '')
    .replace(/(@?[\w.]+) COLLATE NOCASE/g, 'lower($1)')
    .replace(/ LIKE /g, ' ILIKE ')
    .replace(/^INSERT OR IGNORE INTO ([\s\S]*)$/, 'INSERT INTO $1 ON CONFLICT DO NOTHING')
    .replace('o.company_id IS NOT NULL AS offered', '(o.company_id IS NOT NULL)::int AS offered')
    .replace('SELECT value FROM json_each(?)', 'SELECT value::bigint FROM json_array_elements_text(?::json)');
}

/** A statement from its SQLite text; `returning`: an INSERT whose new id is asked (RETURNING id on PostgreSQL). */
function text<R = unknown>(name: string, sqlite: string, returning = false) {
  const postgres = postgresOf(sqlite) + (returning ? ' RETURNING id' : '');
  return textStatement<R>(`logistics.${name}`, sqlite, postgres === sqlite ? undefined : postgres);
}
const listed = textStatementCache('logistics.list');
/** A dynamic list's statement by its SQLite text (PostgreSQL: `postgres`, or the mechanical form). */
const list = <R>(sqlite: string, postgres = () => postgresOf(sqlite)) => listed(sqlite, postgres) as ReturnType<typeof text<R>>;

const providerByCompany = text<ProviderRow>('providerByCompany', `${PROVIDER_SELECT} WHERE p.company_id = ?`);
const providerById = text<ProviderRow>('providerById', `${PROVIDER_SELECT} WHERE p.id = ?`);
const providersAll = text<ProviderRow>('providersAll', `${PROVIDER_SELECT} ORDER BY p.applied_at DESC, p.id DESC`);
const providersIn = text<ProviderRow>('providersIn', `${PROVIDER_SELECT} WHERE p.state = ? ORDER BY p.applied_at, p.id`);
const insertProvider = text(
  'insertProvider',
  `INSERT INTO logistics_providers (company_id, name, contact_email, note, state, applied_at, updated_at)
     VALUES (@company_id, @name, @contact_email, @note, 'pending', @applied_at, @applied_at)`,
  true,
);
const reapply = text(
  'reapply',
  `UPDATE logistics_providers SET name = @name, contact_email = @contact_email, note = @note, state = 'pending', reason = '',
       decided_at = NULL, decided_by = NULL, applied_at = @at, updated_at = @at WHERE id = @id`,
);
const updateProvider = text('updateProvider', 'UPDATE logistics_providers SET name = @name, contact_email = @contact_email, offer_to = @offer_to, updated_at = @at WHERE id = @id');
const decide = text('decide', 'UPDATE logistics_providers SET state = ?, reason = ?, decided_by = ?, decided_at = ?, updated_at = ? WHERE id = ?');
const offeredIds = text<{ company_id: number }>('offeredIds', 'SELECT company_id FROM logistics_offers WHERE provider_id = ? ORDER BY company_id');
const clearOffers = text('clearOffers', 'DELETE FROM logistics_offers WHERE provider_id = ?');
const insertOffer = text('insertOffer', 'INSERT OR IGNORE INTO logistics_offers (provider_id, company_id) VALUES (?, ?)');
const offeredTo = text<ProviderRow>(
  'offeredTo',
  `${PROVIDER_SELECT} WHERE p.state = 'approved' AND (p.offer_to = 'all'
       OR EXISTS (SELECT 1 FROM logistics_offers o WHERE o.provider_id = p.id AND o.company_id = @companyId))
     ORDER BY p.name COLLATE NOCASE, p.id`,
);

const warehouses = text<WarehouseRow>('warehouses', 'SELECT * FROM logistics_warehouses WHERE provider_id = ? ORDER BY name COLLATE NOCASE, id');
const warehouse = text<WarehouseRow>('warehouse', 'SELECT * FROM logistics_warehouses WHERE provider_id = ? AND id = ?');
const insertWarehouse = text(
  'insertWarehouse',
  `INSERT INTO logistics_warehouses (provider_id, name, country, city, street, postal_code, created_at, updated_at)
     VALUES (@provider_id, @name, @country, @city, @street, @postal_code, @created_at, @updated_at)`,
  true,
);
const updateWarehouse = text(
  'updateWarehouse',
  'UPDATE logistics_warehouses SET name = @name, country = @country, city = @city, street = @street, postal_code = @postal_code, updated_at = @updated_at WHERE id = @id',
);

const ZONE_SELECT = 'SELECT z.id, z.provider_id, z.name, z.countries, (SELECT COUNT(*) FROM logistics_rates r WHERE r.zone_id = z.id) AS rate_count FROM logistics_zones z';
const zones = text<ZoneRow>('zones', `${ZONE_SELECT} WHERE z.provider_id = ? ORDER BY z.name COLLATE NOCASE, z.id`);
const zone = text<ZoneRow>('zone', `${ZONE_SELECT} WHERE z.provider_id = ? AND z.id = ?`);
const insertZone = text('insertZone', 'INSERT INTO logistics_zones (provider_id, name, countries, created_at, updated_at) VALUES (@provider_id, @name, @countries, @at, @at)', true);
const updateZone = text('updateZone', 'UPDATE logistics_zones SET name = @name, countries = @countries, updated_at = @at WHERE id = @id');
const deleteZone = text('deleteZone', 'DELETE FROM logistics_zones WHERE id = ?');

const RATE_SELECT = `SELECT r.id, r.provider_id, r.zone_id, z.name AS zone_name, z.countries, r.currency, r.min_grams, r.max_grams, r.amount_minor
    FROM logistics_rates r JOIN logistics_zones z ON z.id = r.zone_id`;
const rates = text<RateRow>('rates', `${RATE_SELECT} WHERE r.provider_id = ? ORDER BY z.name COLLATE NOCASE, r.currency, r.min_grams, r.id`);
const rate = text<RateRow>('rate', `${RATE_SELECT} WHERE r.provider_id = ? AND r.id = ?`);
const insertRate = text(
  'insertRate',
  `INSERT INTO logistics_rates (provider_id, zone_id, currency, min_grams, max_grams, amount_minor, created_at, updated_at)
     VALUES (@provider_id, @zone_id, @currency, @min_grams, @max_grams, @amount_minor, @at, @at)`,
  true,
);
const updateRate = text(
  'updateRate',
  'UPDATE logistics_rates SET zone_id = @zone_id, currency = @currency, min_grams = @min_grams, max_grams = @max_grams, amount_minor = @amount_minor, updated_at = @at WHERE id = @id',
);
const deleteRate = text('deleteRate', 'DELETE FROM logistics_rates WHERE id = ?');
const rulesFor = text<RateRow>(
  'rulesFor',
  `${RATE_SELECT} JOIN logistics_providers p ON p.id = r.provider_id
     WHERE p.state = 'approved' AND r.provider_id IN (SELECT value FROM json_each(?)) AND r.currency = ?`,
);

const shopChoices = text<ShopChoiceRow>('shopChoices', 'SELECT provider_id, preferred FROM logistics_shop_providers WHERE company_id = ? ORDER BY provider_id');
const clearChoices = text('clearChoices', 'DELETE FROM logistics_shop_providers WHERE company_id = ?');
const insertChoice = text('insertChoice', 'INSERT INTO logistics_shop_providers (company_id, provider_id, preferred, chosen_at) VALUES (?, ?, ?, ?)');

const insertFulfillment = text(
  'insertFulfillment',
  `INSERT INTO logistics_fulfillments (order_id, order_number, company_id, provider_id, provider_name, rate_id, zone_name, state, warehouse_id, reserved,
       weight_grams, amount_minor, currency, ship_name, ship_email, ship_street, ship_city, ship_postal_code, ship_country, item_count, forwarded_at, updated_at)
     VALUES (@order_id, @order_number, @company_id, @provider_id, @provider_name, @rate_id, @zone_name, @state, @warehouse_id, @reserved,
       @weight_grams, @amount_minor, @currency, @ship_name, @ship_email, @ship_street, @ship_city, @ship_postal_code, @ship_country, @item_count, @forwarded_at, @updated_at)`,
);
const fulfillment = text<FulfillmentRow>('fulfillment', `${FULFILLMENT_SELECT} WHERE f.order_id = ?`);
const fulfillmentRaw = text<FulfillmentRow>('fulfillmentRaw', "SELECT f.*, '' AS company_name, NULL AS warehouse_name FROM logistics_fulfillments f WHERE f.order_id = ?");
const fulfillmentLines = text<FulfillmentLineRow>(
  'fulfillmentLines',
  `SELECT l.line_no, l.product_id, l.name, l.sku, l.quantity, p.weight_grams,
       COALESCE((SELECT SUM(sl.quantity) FROM logistics_shipment_lines sl JOIN logistics_shipments s ON s.id = sl.shipment_id
                 WHERE s.order_id = l.order_id AND sl.line_no = l.line_no), 0) AS shipped
     FROM order_lines l LEFT JOIN products p ON p.id = l.product_id
     WHERE l.order_id = ? AND l.kind = 'physical' ORDER BY l.line_no`,
);
const setFulfillmentState = text('setFulfillmentState', 'UPDATE logistics_fulfillments SET state = ?, updated_at = ? WHERE order_id = ?');
const setReservation = text('setReservation', 'UPDATE logistics_fulfillments SET warehouse_id = ?, reserved = ?, updated_at = ? WHERE order_id = ?');

const insertShipment = text(
  'insertShipment',
  `INSERT INTO logistics_shipments (provider_id, company_id, order_id, warehouse_id, carrier, tracking_number, status, created_at, updated_at)
     VALUES (@provider_id, @company_id, @order_id, @warehouse_id, @carrier, @tracking_number, @status, @created_at, @updated_at)`,
  true,
);
const insertShipmentLine = text('insertShipmentLine', 'INSERT INTO logistics_shipment_lines (shipment_id, line_no, quantity) VALUES (?, ?, ?)');
const shipment = text<ShipmentRow>('shipment', `${SHIPMENT_SELECT} WHERE s.id = ?`);
const shipmentLines = text<{ line_no: number; quantity: number; name: string }>(
  'shipmentLines',
  `SELECT sl.line_no, sl.quantity, COALESCE(l.name, '') AS name FROM logistics_shipment_lines sl
     JOIN logistics_shipments s ON s.id = sl.shipment_id
     LEFT JOIN order_lines l ON l.order_id = s.order_id AND l.line_no = sl.line_no
     WHERE sl.shipment_id = ? ORDER BY sl.line_no`,
);
const shipmentEvents = text<ShipmentEventRow>('shipmentEvents', 'SELECT status, note, actor, at FROM logistics_shipment_events WHERE shipment_id = ? ORDER BY id');
const addShipmentEvent = text('addShipmentEvent', 'INSERT INTO logistics_shipment_events (shipment_id, status, note, actor, at) VALUES (?, ?, ?, ?, ?)');
const setShipmentStatus = text('setShipmentStatus', 'UPDATE logistics_shipments SET status = ?, updated_at = ? WHERE id = ?');

const stockOf = text<{ on_hand: number; reserved: number }>('stockOf', 'SELECT on_hand, reserved FROM logistics_stock WHERE warehouse_id = ? AND product_id = ?');
// A movement changes the balance only while on hand, reserved and available stay at or above zero.
const updateStock = text(
  'updateStock',
  `UPDATE logistics_stock SET on_hand = on_hand + @on_hand_delta, reserved = reserved + @reserved_delta, updated_at = @at
     WHERE warehouse_id = @warehouse_id AND product_id = @product_id
       AND on_hand + @on_hand_delta >= 0 AND reserved + @reserved_delta >= 0 AND reserved + @reserved_delta <= on_hand + @on_hand_delta`,
);
const insertStock = text(
  'insertStock',
  `INSERT INTO logistics_stock (warehouse_id, product_id, company_id, on_hand, reserved, updated_at)
     VALUES (@warehouse_id, @product_id, @company_id, @on_hand_delta, @reserved_delta, @at)`,
);
const insertMovement = text(
  'insertMovement',
  `INSERT INTO logistics_movements (warehouse_id, product_id, kind, on_hand_delta, reserved_delta, order_id, shipment_id, note, actor, at)
     VALUES (@warehouse_id, @product_id, @kind, @on_hand_delta, @reserved_delta, @order_id, @shipment_id, @note, @actor, @at)`,
);
const movements = text<MovementRow>('movements', 'SELECT * FROM logistics_movements WHERE warehouse_id = ? AND product_id = ? ORDER BY id DESC LIMIT ?');
const movementsOfOrder = text<MovementRow>('movementsOfOrder', 'SELECT * FROM logistics_movements WHERE order_id = ? ORDER BY id');
const ledgerSum = text<{ on_hand: number; reserved: number }>(
  'ledgerSum',
  'SELECT COALESCE(SUM(on_hand_delta), 0) AS on_hand, COALESCE(SUM(reserved_delta), 0) AS reserved FROM logistics_movements WHERE warehouse_id = ? AND product_id = ?',
);

const escapeLike = (search: string) => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The steps (db/steps.ts): what each method reads and writes, written once. */
const steps: LogisticsSteps = {
  providerByCompany: (companyId) => one(providerByCompany, [companyId]),
  provider: (id) => one(providerById, [id]),
  providers: (state) => (state === null ? all(providersAll) : all(providersIn, [state])),
  insertProvider: (row) => insert(insertProvider, row),
  *reapply(id, row) {
    yield* run(reapply, { ...row, id });
  },
  *updateProvider(id, row) {
    yield* run(updateProvider, { ...row, id });
  },
  *decide(id, state, reason, by, at) {
    yield* run(decide, [state, reason, by, at, at, id]);
  },

  *offeredIds(providerId) {
    return (yield* all(offeredIds, [providerId])).map((r) => r.company_id);
  },
  *setOffers(providerId, companyIds) {
    yield* run(clearOffers, [providerId]);
    for (const id of companyIds) yield* run(insertOffer, [providerId, id]);
  },
  offeredTo: (companyId) => all(offeredTo, { companyId }),

  warehouses: (providerId) => all(warehouses, [providerId]),
  warehouse: (providerId, id) => one(warehouse, [providerId, id]),
  insertWarehouse: (row) => insert(insertWarehouse, row),
  *updateWarehouse(id, row) {
    yield* run(updateWarehouse, { ...row, id });
  },

  zones: (providerId) => all(zones, [providerId]),
  zone: (providerId, id) => one(zone, [providerId, id]),
  insertZone: (row) => insert(insertZone, row),
  *updateZone(id, row) {
    yield* run(updateZone, { ...row, id });
  },
  *deleteZone(id) {
    yield* run(deleteZone, [id]);
  },

  rates: (providerId) => all(rates, [providerId]),
  rate: (providerId, id) => one(rate, [providerId, id]),
  insertRate: (row) => insert(insertRate, row),
  *updateRate(id, row) {
    yield* run(updateRate, { ...row, id });
  },
  *deleteRate(id) {
    yield* run(deleteRate, [id]);
  },
  *rulesFor(providerIds, currency) {
    return providerIds.length === 0 ? [] : yield* all(rulesFor, [JSON.stringify(providerIds), currency]);
  },

  shopChoices: (companyId) => all(shopChoices, [companyId]),
  *setShopChoices(companyId, chosen, preferred, at) {
    yield* run(clearChoices, [companyId]);
    for (const id of chosen) yield* run(insertChoice, [companyId, id, id === preferred ? 1 : 0, at]);
  },

  *insertFulfillment(row) {
    yield* run(insertFulfillment, row);
  },
  fulfillment: (orderId) => one(fulfillment, [orderId]),
  fulfillmentRaw: (orderId) => one(fulfillmentRaw, [orderId]),
  fulfillmentLines: (orderId) => all(fulfillmentLines, [orderId]),
  *setFulfillmentState(orderId, state, at) {
    yield* run(setFulfillmentState, [state, at, orderId]);
  },
  *setReservation(orderId, warehouseId, reserved, at) {
    yield* run(setReservation, [warehouseId, reserved ? 1 : 0, at, orderId]);
  },
  *queue(filter) {
    const where = ['f.provider_id = @providerId'];
    const postgres = ['f.provider_id = @providerId'];
    const params: Record<string, unknown> = { providerId: filter.providerId, limit: filter.limit, offset: filter.offset };
    const both = (clause: string) => (where.push(clause), postgres.push(clause));
    if (filter.state === 'active') both("f.state IN ('open', 'partly_shipped')");
    else if (filter.state) {
      both('f.state = @state');
      params.state = filter.state;
    }
    if (filter.companyId !== undefined) {
      both('f.company_id = @companyId');
      params.companyId = filter.companyId;
    }
    const search = filter.search?.trim().replace(/^#/, '');
    if (search) {
      if (/^\d+$/.test(search)) {
        both('f.order_number = @number');
        params.number = Number(search);
      } else {
        // A name prefix as typed, ASCII letters in any case (as LIKE would), as a range of the NOCASE name index.
        where.push('f.ship_name >= @nameFrom COLLATE NOCASE AND f.ship_name < @nameTo COLLATE NOCASE');
        // PostgreSQL: the prefix itself (a range's upper bound of U+FFFF is not one under every collation).
        postgres.push('starts_with(lower(f.ship_name), lower(@nameFrom))');
        params.nameFrom = search;
        params.nameTo = `${search}\uffff`;
      }
    }
    const clause = where.join(' AND ');
    const pgClause = postgres.join(' AND ');
    // Without ANALYZE the planner cannot tell a shop's few rows from a provider's million, so the index is chosen here.
    // The count reads an index alone: a search's own (an order number; a name prefix as a range), one shop's, or
    // "to ship"'s partial index, which holds exactly those rows (the provider's whole index would read every shipped
    // row). The page then takes the index that fits what the count found: few matches of a search are read by its
    // index and sorted; otherwise the list's order is walked (newest first) and the first that match are taken.
    // (PostgreSQL plans with its statistics: no hints.)
    const ordered = filter.companyId !== undefined ? 'logistics_fulfillments_company' : filter.state === 'active' ? 'logistics_fulfillments_to_ship' : null;
    const countHint = search ? (/^\d+$/.test(search) ? 'logistics_fulfillments_number' : 'logistics_fulfillments_name') : ordered;
    const from = (hint: string | null) => (hint ? `logistics_fulfillments f INDEXED BY ${hint}` : 'logistics_fulfillments f');
    const count = `SELECT COUNT(*) AS total FROM ${from(countHint)} WHERE `;
    const { total } = (yield* one(list<{ total: number }>(`${count}${clause}`, () => postgresOf(`${count}${pgClause}`)), params))!;
    const pageHint = search && total <= SPARSE_MATCHES ? countHint : ordered;
    const select = FULFILLMENT_SELECT.replace('FROM logistics_fulfillments f', `FROM ${from(pageHint)}`);
    const page = (c: string) => `${select} WHERE ${c} ORDER BY f.forwarded_at DESC, f.order_id DESC LIMIT @limit OFFSET @offset`;
    const rows = yield* all(list<FulfillmentRow>(page(clause), () => postgresOf(page(pgClause))), params);
    return { rows, total };
  },

  insertShipment: (row) => insert(insertShipment, row),
  *insertShipmentLine(shipmentId, lineNo, quantity) {
    yield* run(insertShipmentLine, [shipmentId, lineNo, quantity]);
  },
  shipment: (id) => one(shipment, [id]),
  shipmentLines: (id) => all(shipmentLines, [id]),
  shipmentEvents: (id) => all(shipmentEvents, [id]),
  *addShipmentEvent(shipmentId, status, note, actor, at) {
    yield* run(addShipmentEvent, [shipmentId, status, note, actor, at]);
  },
  *setShipmentStatus(id, status, at) {
    yield* run(setShipmentStatus, [status, at, id]);
  },
  *shipments(filter) {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: filter.limit, offset: filter.offset };
    for (const key of ['providerId', 'companyId', 'orderId', 'status'] as const) {
      if (filter[key] === undefined) continue;
      where.push(`s.${{ providerId: 'provider_id', companyId: 'company_id', orderId: 'order_id', status: 'status' }[key]} = @${key}`);
      params[key] = filter[key];
    }
    const postgres = [...where];
    const search = filter.search?.trim();
    if (search) {
      where.push('s.tracking_number >= @from AND s.tracking_number < @to');
      postgres.push('starts_with(s.tracking_number, @from)');
      params.from = search;
      params.to = `${search}\uffff`;
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const pgClause = postgres.length > 0 ? `WHERE ${postgres.join(' AND ')}` : '';
    // A provider's list (not one shop's or one order's): the count from an index alone, then the page from the index
    // that fits what the count found — few matches of a tracking-number prefix: read just those and sort them; many:
    // walk the list's order (newest first) and take the first that match. Without ANALYZE the planner cannot know.
    const providerList = filter.providerId !== undefined && filter.companyId === undefined && filter.orderId === undefined;
    const countHint = !providerList ? null : search ? (filter.status ? 'logistics_shipments_status_tracking' : 'logistics_shipments_tracking') : filter.status ? 'logistics_shipments_status' : 'logistics_shipments_provider';
    const from = (hint: string | null) => (hint ? `logistics_shipments s INDEXED BY ${hint}` : 'logistics_shipments s');
    const count = (c: string) => `SELECT COUNT(*) AS total FROM ${from(countHint)} ${c}`;
    const { total } = (yield* one(list<{ total: number }>(count(clause), () => postgresOf(count(pgClause))), params))!;
    const sparse = search && total <= SPARSE_MATCHES;
    const pageHint = !providerList ? null : sparse ? countHint : filter.status ? 'logistics_shipments_status' : 'logistics_shipments_provider';
    const select = SHIPMENT_SELECT.replace('FROM logistics_shipments s', `FROM ${from(pageHint)}`);
    const page = (c: string) => `${select} ${c} ORDER BY s.id DESC LIMIT @limit OFFSET @offset`;
    const rows = yield* all(list<ShipmentRow>(page(clause), () => postgresOf(page(pgClause))), params);
    return { rows, total };
  },

  stockOf: (warehouseId, productId) => one(stockOf, [warehouseId, productId]),
  *move(row) {
    if ((yield* run(updateStock, row)).changes === 0) {
      if (yield* one(stockOf, [row.warehouse_id, row.product_id])) return false;
      if (row.on_hand_delta < 0 || row.reserved_delta < 0 || row.reserved_delta > row.on_hand_delta) return false;
      yield* run(insertStock, row);
    }
    yield* run(insertMovement, row);
    return true;
  },
  *stock(filter) {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: filter.limit, offset: filter.offset, lowAt: filter.lowAt };
    const columns = { providerId: 'w.provider_id', warehouseId: 'st.warehouse_id', companyId: 'st.company_id', productId: 'st.product_id' } as const;
    for (const key of ['providerId', 'warehouseId', 'companyId', 'productId'] as const) {
      if (filter[key] === undefined) continue;
      where.push(`${columns[key]} = @${key}`);
      params[key] = filter[key];
    }
    if (filter.low) where.push('st.on_hand - st.reserved <= @lowAt');
    const search = filter.search?.trim();
    if (search) {
      where.push("(pr.name LIKE @search ESCAPE '\\' OR pr.sku LIKE @search ESCAPE '\\' OR c.name LIKE @search ESCAPE '\\')");
      params.search = escapeLike(search);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const rows = yield* all(list<StockRow>(`${STOCK_SELECT} ${clause} ORDER BY pr.name COLLATE NOCASE, st.product_id, w.name, st.warehouse_id LIMIT @limit OFFSET @offset`), params);
    const counted = yield* one(
      list<{ total: number }>(
        `SELECT COUNT(*) AS total FROM logistics_stock st JOIN logistics_warehouses w ON w.id = st.warehouse_id JOIN companies c ON c.id = st.company_id JOIN products pr ON pr.id = st.product_id ${clause}`,
      ),
      params,
    );
    return { rows, total: counted!.total };
  },
  movements: (warehouseId, productId, limit) => all(movements, [warehouseId, productId, limit]),
  movementsOfOrder: (orderId) => all(movementsOfOrder, [orderId]),
  *ledgerSum(warehouseId, productId) {
    return (yield* one(ledgerSum, [warehouseId, productId]))!;
  },
  *clientChoices(partnerId, providerId, search, offeredOnly, offset, limit) {
    const params = { partnerId, providerId, search: escapeLike(search), offset, limit };
    const where = `c.partner_id = @partnerId AND c.name LIKE @search ESCAPE '\\'${offeredOnly ? ' AND o.company_id IS NOT NULL' : ''}`;
    const from = 'FROM companies c LEFT JOIN logistics_offers o ON o.provider_id = @providerId AND o.company_id = c.id';
    const rows = yield* all(
      list<{ id: number; name: string; country: string; offered: 0 | 1 }>(
        `SELECT c.id, c.name, c.country, o.company_id IS NOT NULL AS offered ${from} WHERE ${where} ORDER BY c.name COLLATE NOCASE, c.id LIMIT @limit OFFSET @offset`,
      ),
      params,
    );
    const counted = yield* one(list<{ total: number }>(`SELECT COUNT(*) AS total ${from} WHERE ${where}`), params);
    return { rows, total: counted!.total };
  },
  productChoices(providerId, search, limit) {
    return all(
      list<{ company_id: number; company_name: string; id: number; name: string; sku: string }>(
        `SELECT p.company_id, c.name AS company_name, p.id, p.name, p.sku FROM logistics_shop_providers s
         JOIN products p ON p.company_id = s.company_id AND p.kind = 'physical'
         JOIN companies c ON c.id = p.company_id
         WHERE s.provider_id = @providerId AND (p.name LIKE @search ESCAPE '\\' OR p.sku LIKE @search ESCAPE '\\' OR c.name LIKE @search ESCAPE '\\')
         ORDER BY p.name COLLATE NOCASE, p.id LIMIT @limit`,
      ),
      { providerId, limit, search: escapeLike(search) },
    );
  },
};

/** The repository awaited, on either database. */
export function createLogisticsRepository(data: Database): LogisticsRepository {
  return { ...awaiting(steps, data), atomically: (work) => data.transaction(work, { serializable: true }) };
}

/** The same statements at once on SQLite's connection (what the logistics services use while they are synchronous). */
export function createLogisticsRepositoryNow(data: Database): LogisticsRepositoryNow {
  return atOnce(steps, data, 'logistics');
}
