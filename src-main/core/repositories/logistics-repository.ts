// SQL for logistics partners (migration 016): providers, offers, warehouses, zones, rates, the shops' choices,
// fulfillments (forwarded orders), shipments with their timeline, and the inventory ledger with its balance rows.
// Rules live in the logistics services; this module only reads and writes rows.
import type { Db } from '../db/database';
import type { FulfillmentState, OfferScope, ProviderState, ShipmentStatus } from '../../../src-shared/domain/logistics';
import type {
  FulfillmentInsert,
  FulfillmentLineRow,
  FulfillmentRow,
  ListWindow,
  MovementRow,
  ProviderRow,
  QueueFilter,
  RateRow,
  ShipmentEventRow,
  ShipmentFilter,
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

export interface LogisticsRepository {
  providerByCompany(companyId: number): ProviderRow | undefined;
  provider(id: number): ProviderRow | undefined;
  providers(state: ProviderState | null): ProviderRow[];
  insertProvider(row: { company_id: number; name: string; contact_email: string; note: string; applied_at: number }): number;
  reapply(id: number, row: { name: string; contact_email: string; note: string; at: number }): void;
  updateProvider(id: number, row: { name: string; contact_email: string; offer_to: OfferScope; at: number }): void;
  decide(id: number, state: 'approved' | 'rejected', reason: string, by: string, at: number): void;

  offeredIds(providerId: number): number[];
  setOffers(providerId: number, companyIds: readonly number[]): void;
  /** Approved providers that offer to this company (all shops, or it is selected). */
  offeredTo(companyId: number): ProviderRow[];

  warehouses(providerId: number): WarehouseRow[];
  warehouse(providerId: number, id: number): WarehouseRow | undefined;
  insertWarehouse(row: Omit<WarehouseRow, 'id'>): number;
  updateWarehouse(id: number, row: Pick<WarehouseRow, 'name' | 'country' | 'city' | 'street' | 'postal_code' | 'updated_at'>): void;

  zones(providerId: number): ZoneRow[];
  zone(providerId: number, id: number): ZoneRow | undefined;
  insertZone(row: { provider_id: number; name: string; countries: string; at: number }): number;
  updateZone(id: number, row: { name: string; countries: string; at: number }): void;
  deleteZone(id: number): void;

  rates(providerId: number): RateRow[];
  rate(providerId: number, id: number): RateRow | undefined;
  insertRate(row: { provider_id: number; zone_id: number; currency: string; min_grams: number; max_grams: number | null; amount_minor: number; at: number }): number;
  updateRate(id: number, row: { zone_id: number; currency: string; min_grams: number; max_grams: number | null; amount_minor: number; at: number }): void;
  deleteRate(id: number): void;
  /** Every rule of the given approved providers in one currency (checkout). */
  rulesFor(providerIds: readonly number[], currency: string): RateRow[];

  shopChoices(companyId: number): ShopChoiceRow[];
  setShopChoices(companyId: number, chosen: readonly number[], preferred: number | null, at: number): void;

  insertFulfillment(row: FulfillmentInsert): void;
  fulfillment(orderId: number): FulfillmentRow | undefined;
  /** The row alone (its order may be gone: order.deleted). */
  fulfillmentRaw(orderId: number): FulfillmentRow | undefined;
  fulfillmentLines(orderId: number): FulfillmentLineRow[];
  setFulfillmentState(orderId: number, state: FulfillmentState, at: number): void;
  setReservation(orderId: number, warehouseId: number | null, reserved: boolean, at: number): void;
  queue(filter: QueueFilter): { rows: FulfillmentRow[]; total: number };

  insertShipment(row: Omit<ShipmentRow, 'id' | 'provider_name' | 'company_name' | 'order_number' | 'warehouse_name' | 'country'>): number;
  insertShipmentLine(shipmentId: number, lineNo: number, quantity: number): void;
  shipment(id: number): ShipmentRow | undefined;
  shipmentLines(id: number): { line_no: number; quantity: number; name: string }[];
  shipmentEvents(id: number): ShipmentEventRow[];
  addShipmentEvent(shipmentId: number, status: ShipmentStatus, note: string, actor: string, at: number): void;
  setShipmentStatus(id: number, status: ShipmentStatus, at: number): void;
  shipments(filter: ShipmentFilter): { rows: ShipmentRow[]; total: number };

  stockOf(warehouseId: number, productId: number): { on_hand: number; reserved: number } | undefined;
  /** Applies a movement: writes the ledger row and the balance; false (nothing written) if a balance would go below zero. */
  move(row: Omit<MovementRow, 'id'> & { company_id: number }): boolean;
  stock(filter: ListWindow & { providerId?: number; warehouseId?: number; companyId?: number; productId?: number; search?: string; low?: boolean; lowAt: number }): { rows: StockRow[]; total: number };
  movements(warehouseId: number, productId: number, limit: number): MovementRow[];
  movementsOfOrder(orderId: number): MovementRow[];
  /** Clients of a partner, searchable by name, with whether the provider offers to each. */
  clientChoices(partnerId: number, providerId: number, search: string, offeredOnly: boolean, offset: number, limit: number): {
    rows: { id: number; name: string; country: string; offered: 0 | 1 }[];
    total: number;
  };
  /** Physical products of the shops that chose the provider, by name or SKU. */
  productChoices(providerId: number, search: string, limit: number): { company_id: number; company_name: string; id: number; name: string; sku: string }[];
  /** Σ of the ledger for one item (tests and the doctor check it against the balance). */
  ledgerSum(warehouseId: number, productId: number): { on_hand: number; reserved: number };
}

export function createLogisticsRepository(db: Db): LogisticsRepository {
  const providerByCompany = db.prepare<[number], ProviderRow>(`${PROVIDER_SELECT} WHERE p.company_id = ?`);
  const providerById = db.prepare<[number], ProviderRow>(`${PROVIDER_SELECT} WHERE p.id = ?`);
  const providersAll = db.prepare<[], ProviderRow>(`${PROVIDER_SELECT} ORDER BY p.applied_at DESC, p.id DESC`);
  const providersIn = db.prepare<[string], ProviderRow>(`${PROVIDER_SELECT} WHERE p.state = ? ORDER BY p.applied_at, p.id`);
  const insertProvider = db.prepare(
    `INSERT INTO logistics_providers (company_id, name, contact_email, note, state, applied_at, updated_at)
     VALUES (@company_id, @name, @contact_email, @note, 'pending', @applied_at, @applied_at)`,
  );
  const reapply = db.prepare(
    `UPDATE logistics_providers SET name = @name, contact_email = @contact_email, note = @note, state = 'pending', reason = '',
       decided_at = NULL, decided_by = NULL, applied_at = @at, updated_at = @at WHERE id = @id`,
  );
  const updateProvider = db.prepare('UPDATE logistics_providers SET name = @name, contact_email = @contact_email, offer_to = @offer_to, updated_at = @at WHERE id = @id');
  const decide = db.prepare('UPDATE logistics_providers SET state = ?, reason = ?, decided_by = ?, decided_at = ?, updated_at = ? WHERE id = ?');
  const offeredIds = db.prepare<[number], { company_id: number }>('SELECT company_id FROM logistics_offers WHERE provider_id = ? ORDER BY company_id');
  const clearOffers = db.prepare('DELETE FROM logistics_offers WHERE provider_id = ?');
  const insertOffer = db.prepare('INSERT OR IGNORE INTO logistics_offers (provider_id, company_id) VALUES (?, ?)');
  const offeredTo = db.prepare<{ companyId: number }, ProviderRow>(
    `${PROVIDER_SELECT} WHERE p.state = 'approved' AND (p.offer_to = 'all'
       OR EXISTS (SELECT 1 FROM logistics_offers o WHERE o.provider_id = p.id AND o.company_id = @companyId))
     ORDER BY p.name COLLATE NOCASE, p.id`,
  );

  const warehouses = db.prepare<[number], WarehouseRow>('SELECT * FROM logistics_warehouses WHERE provider_id = ? ORDER BY name COLLATE NOCASE, id');
  const warehouse = db.prepare<[number, number], WarehouseRow>('SELECT * FROM logistics_warehouses WHERE provider_id = ? AND id = ?');
  const insertWarehouse = db.prepare(
    `INSERT INTO logistics_warehouses (provider_id, name, country, city, street, postal_code, created_at, updated_at)
     VALUES (@provider_id, @name, @country, @city, @street, @postal_code, @created_at, @updated_at)`,
  );
  const updateWarehouse = db.prepare(
    'UPDATE logistics_warehouses SET name = @name, country = @country, city = @city, street = @street, postal_code = @postal_code, updated_at = @updated_at WHERE id = @id',
  );

  const ZONE_SELECT = 'SELECT z.id, z.provider_id, z.name, z.countries, (SELECT COUNT(*) FROM logistics_rates r WHERE r.zone_id = z.id) AS rate_count FROM logistics_zones z';
  const zones = db.prepare<[number], ZoneRow>(`${ZONE_SELECT} WHERE z.provider_id = ? ORDER BY z.name COLLATE NOCASE, z.id`);
  const zone = db.prepare<[number, number], ZoneRow>(`${ZONE_SELECT} WHERE z.provider_id = ? AND z.id = ?`);
  const insertZone = db.prepare('INSERT INTO logistics_zones (provider_id, name, countries, created_at, updated_at) VALUES (@provider_id, @name, @countries, @at, @at)');
  const updateZone = db.prepare('UPDATE logistics_zones SET name = @name, countries = @countries, updated_at = @at WHERE id = @id');
  const deleteZone = db.prepare('DELETE FROM logistics_zones WHERE id = ?');

  const RATE_SELECT = `SELECT r.id, r.provider_id, r.zone_id, z.name AS zone_name, z.countries, r.currency, r.min_grams, r.max_grams, r.amount_minor
    FROM logistics_rates r JOIN logistics_zones z ON z.id = r.zone_id`;
  const rates = db.prepare<[number], RateRow>(`${RATE_SELECT} WHERE r.provider_id = ? ORDER BY z.name COLLATE NOCASE, r.currency, r.min_grams, r.id`);
  const rate = db.prepare<[number, number], RateRow>(`${RATE_SELECT} WHERE r.provider_id = ? AND r.id = ?`);
  const insertRate = db.prepare(
    `INSERT INTO logistics_rates (provider_id, zone_id, currency, min_grams, max_grams, amount_minor, created_at, updated_at)
     VALUES (@provider_id, @zone_id, @currency, @min_grams, @max_grams, @amount_minor, @at, @at)`,
  );
  const updateRate = db.prepare(
    'UPDATE logistics_rates SET zone_id = @zone_id, currency = @currency, min_grams = @min_grams, max_grams = @max_grams, amount_minor = @amount_minor, updated_at = @at WHERE id = @id',
  );
  const deleteRate = db.prepare('DELETE FROM logistics_rates WHERE id = ?');
  const rulesFor = db.prepare<[string, string], RateRow>(
    `${RATE_SELECT} JOIN logistics_providers p ON p.id = r.provider_id
     WHERE p.state = 'approved' AND r.provider_id IN (SELECT value FROM json_each(?)) AND r.currency = ?`,
  );

  const shopChoices = db.prepare<[number], ShopChoiceRow>('SELECT provider_id, preferred FROM logistics_shop_providers WHERE company_id = ? ORDER BY provider_id');
  const clearChoices = db.prepare('DELETE FROM logistics_shop_providers WHERE company_id = ?');
  const insertChoice = db.prepare('INSERT INTO logistics_shop_providers (company_id, provider_id, preferred, chosen_at) VALUES (?, ?, ?, ?)');

  const insertFulfillment = db.prepare(
    `INSERT INTO logistics_fulfillments (order_id, order_number, company_id, provider_id, provider_name, rate_id, zone_name, state, warehouse_id, reserved,
       weight_grams, amount_minor, currency, ship_name, ship_email, ship_street, ship_city, ship_postal_code, ship_country, item_count, forwarded_at, updated_at)
     VALUES (@order_id, @order_number, @company_id, @provider_id, @provider_name, @rate_id, @zone_name, @state, @warehouse_id, @reserved,
       @weight_grams, @amount_minor, @currency, @ship_name, @ship_email, @ship_street, @ship_city, @ship_postal_code, @ship_country, @item_count, @forwarded_at, @updated_at)`,
  );
  const fulfillment = db.prepare<[number], FulfillmentRow>(`${FULFILLMENT_SELECT} WHERE f.order_id = ?`);
  const fulfillmentRaw = db.prepare<[number], FulfillmentRow>(
    "SELECT f.*, '' AS company_name, NULL AS warehouse_name FROM logistics_fulfillments f WHERE f.order_id = ?",
  );
  const fulfillmentLines = db.prepare<[number], FulfillmentLineRow>(
    `SELECT l.line_no, l.product_id, l.name, l.sku, l.quantity, p.weight_grams,
       COALESCE((SELECT SUM(sl.quantity) FROM logistics_shipment_lines sl JOIN logistics_shipments s ON s.id = sl.shipment_id
                 WHERE s.order_id = l.order_id AND sl.line_no = l.line_no), 0) AS shipped
     FROM order_lines l LEFT JOIN products p ON p.id = l.product_id
     WHERE l.order_id = ? AND l.kind = 'physical' ORDER BY l.line_no`,
  );
  const setFulfillmentState = db.prepare('UPDATE logistics_fulfillments SET state = ?, updated_at = ? WHERE order_id = ?');
  const setReservation = db.prepare('UPDATE logistics_fulfillments SET warehouse_id = ?, reserved = ?, updated_at = ? WHERE order_id = ?');

  const insertShipment = db.prepare(
    `INSERT INTO logistics_shipments (provider_id, company_id, order_id, warehouse_id, carrier, tracking_number, status, created_at, updated_at)
     VALUES (@provider_id, @company_id, @order_id, @warehouse_id, @carrier, @tracking_number, @status, @created_at, @updated_at)`,
  );
  const insertShipmentLine = db.prepare('INSERT INTO logistics_shipment_lines (shipment_id, line_no, quantity) VALUES (?, ?, ?)');
  const shipment = db.prepare<[number], ShipmentRow>(`${SHIPMENT_SELECT} WHERE s.id = ?`);
  const shipmentLines = db.prepare<[number], { line_no: number; quantity: number; name: string }>(
    `SELECT sl.line_no, sl.quantity, COALESCE(l.name, '') AS name FROM logistics_shipment_lines sl
     JOIN logistics_shipments s ON s.id = sl.shipment_id
     LEFT JOIN order_lines l ON l.order_id = s.order_id AND l.line_no = sl.line_no
     WHERE sl.shipment_id = ? ORDER BY sl.line_no`,
  );
  const shipmentEvents = db.prepare<[number], ShipmentEventRow>('SELECT status, note, actor, at FROM logistics_shipment_events WHERE shipment_id = ? ORDER BY id');
  const addShipmentEvent = db.prepare('INSERT INTO logistics_shipment_events (shipment_id, status, note, actor, at) VALUES (?, ?, ?, ?, ?)');
  const setShipmentStatus = db.prepare('UPDATE logistics_shipments SET status = ?, updated_at = ? WHERE id = ?');

  const stockOf = db.prepare<[number, number], { on_hand: number; reserved: number }>('SELECT on_hand, reserved FROM logistics_stock WHERE warehouse_id = ? AND product_id = ?');
  // A movement changes the balance only while on hand, reserved and available stay at or above zero.
  const updateStock = db.prepare(
    `UPDATE logistics_stock SET on_hand = on_hand + @on_hand_delta, reserved = reserved + @reserved_delta, updated_at = @at
     WHERE warehouse_id = @warehouse_id AND product_id = @product_id
       AND on_hand + @on_hand_delta >= 0 AND reserved + @reserved_delta >= 0 AND reserved + @reserved_delta <= on_hand + @on_hand_delta`,
  );
  const insertStock = db.prepare(
    `INSERT INTO logistics_stock (warehouse_id, product_id, company_id, on_hand, reserved, updated_at)
     VALUES (@warehouse_id, @product_id, @company_id, @on_hand_delta, @reserved_delta, @at)`,
  );
  const insertMovement = db.prepare(
    `INSERT INTO logistics_movements (warehouse_id, product_id, kind, on_hand_delta, reserved_delta, order_id, shipment_id, note, actor, at)
     VALUES (@warehouse_id, @product_id, @kind, @on_hand_delta, @reserved_delta, @order_id, @shipment_id, @note, @actor, @at)`,
  );
  const movements = db.prepare<[number, number, number], MovementRow>('SELECT * FROM logistics_movements WHERE warehouse_id = ? AND product_id = ? ORDER BY id DESC LIMIT ?');
  const movementsOfOrder = db.prepare<[number], MovementRow>('SELECT * FROM logistics_movements WHERE order_id = ? ORDER BY id');
  const ledgerSum = db.prepare<[number, number], { on_hand: number; reserved: number }>(
    'SELECT COALESCE(SUM(on_hand_delta), 0) AS on_hand, COALESCE(SUM(reserved_delta), 0) AS reserved FROM logistics_movements WHERE warehouse_id = ? AND product_id = ?',
  );

  // Filtered lists: one statement per shape, cached (the filters make a handful of shapes).
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  const prepared = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) cache.set(sql, (statement = db.prepare(sql)));
    return statement;
  };

  return {
    providerByCompany: (companyId) => providerByCompany.get(companyId),
    provider: (id) => providerById.get(id),
    providers: (state) => (state === null ? providersAll.all() : providersIn.all(state)),
    insertProvider: (row) => Number(insertProvider.run(row).lastInsertRowid),
    reapply: (id, row) => void reapply.run({ ...row, id }),
    updateProvider: (id, row) => void updateProvider.run({ ...row, id }),
    decide: (id, state, reason, by, at) => void decide.run(state, reason, by, at, at, id),

    offeredIds: (providerId) => offeredIds.all(providerId).map((r) => r.company_id),
    setOffers(providerId, companyIds) {
      clearOffers.run(providerId);
      for (const id of companyIds) insertOffer.run(providerId, id);
    },
    offeredTo: (companyId) => offeredTo.all({ companyId }),

    warehouses: (providerId) => warehouses.all(providerId),
    warehouse: (providerId, id) => warehouse.get(providerId, id),
    insertWarehouse: (row) => Number(insertWarehouse.run(row).lastInsertRowid),
    updateWarehouse: (id, row) => void updateWarehouse.run({ ...row, id }),

    zones: (providerId) => zones.all(providerId),
    zone: (providerId, id) => zone.get(providerId, id),
    insertZone: (row) => Number(insertZone.run(row).lastInsertRowid),
    updateZone: (id, row) => void updateZone.run({ ...row, id }),
    deleteZone: (id) => void deleteZone.run(id),

    rates: (providerId) => rates.all(providerId),
    rate: (providerId, id) => rate.get(providerId, id),
    insertRate: (row) => Number(insertRate.run(row).lastInsertRowid),
    updateRate: (id, row) => void updateRate.run({ ...row, id }),
    deleteRate: (id) => void deleteRate.run(id),
    rulesFor: (providerIds, currency) => (providerIds.length === 0 ? [] : rulesFor.all(JSON.stringify(providerIds), currency)),

    shopChoices: (companyId) => shopChoices.all(companyId),
    setShopChoices(companyId, chosen, preferred, at) {
      clearChoices.run(companyId);
      for (const id of chosen) insertChoice.run(companyId, id, id === preferred ? 1 : 0, at);
    },

    insertFulfillment: (row) => void insertFulfillment.run(row),
    fulfillment: (orderId) => fulfillment.get(orderId),
    fulfillmentRaw: (orderId) => fulfillmentRaw.get(orderId),
    fulfillmentLines: (orderId) => fulfillmentLines.all(orderId),
    setFulfillmentState: (orderId, state, at) => void setFulfillmentState.run(state, at, orderId),
    setReservation: (orderId, warehouseId, reserved, at) => void setReservation.run(warehouseId, reserved ? 1 : 0, at, orderId),
    queue(filter) {
      const where = ['f.provider_id = @providerId'];
      const params: Record<string, unknown> = { providerId: filter.providerId, limit: filter.limit, offset: filter.offset };
      if (filter.state === 'active') where.push("f.state IN ('open', 'partly_shipped')");
      else if (filter.state) {
        where.push('f.state = @state');
        params.state = filter.state;
      }
      if (filter.companyId !== undefined) {
        where.push('f.company_id = @companyId');
        params.companyId = filter.companyId;
      }
      const search = filter.search?.trim().replace(/^#/, '');
      if (search) {
        if (/^\d+$/.test(search)) {
          where.push('f.order_number = @number');
          params.number = Number(search);
        } else {
          // A name prefix as typed, ASCII letters in any case (as LIKE would), as a range of the NOCASE name index.
          where.push('f.ship_name >= @nameFrom COLLATE NOCASE AND f.ship_name < @nameTo COLLATE NOCASE');
          params.nameFrom = search;
          params.nameTo = `${search}\uffff`;
        }
      }
      const clause = where.join(' AND ');
      // Without ANALYZE the planner cannot tell a shop's few rows from a provider's million, so the index is chosen here.
      // The count reads an index alone: a search's own (an order number; a name prefix as a range), one shop's, or
      // "to ship"'s partial index, which holds exactly those rows (the provider's whole index would read every shipped
      // row). The page then takes the index that fits what the count found: few matches of a search are read by its
      // index and sorted; otherwise the list's order is walked (newest first) and the first that match are taken.
      const ordered = filter.companyId !== undefined ? 'logistics_fulfillments_company' : filter.state === 'active' ? 'logistics_fulfillments_to_ship' : null;
      const countHint = search ? (/^\d+$/.test(search) ? 'logistics_fulfillments_number' : 'logistics_fulfillments_name') : ordered;
      const from = (hint: string | null) => (hint ? `logistics_fulfillments f INDEXED BY ${hint}` : 'logistics_fulfillments f');
      const { total } = prepared(`SELECT COUNT(*) AS total FROM ${from(countHint)} WHERE ${clause}`).get(params) as { total: number };
      const pageHint = search && total <= SPARSE_MATCHES ? countHint : ordered;
      const select = FULFILLMENT_SELECT.replace('FROM logistics_fulfillments f', `FROM ${from(pageHint)}`);
      const rows = prepared(`${select} WHERE ${clause} ORDER BY f.forwarded_at DESC, f.order_id DESC LIMIT @limit OFFSET @offset`).all(params) as FulfillmentRow[];
      return { rows, total };
    },

    insertShipment: (row) => Number(insertShipment.run(row).lastInsertRowid),
    insertShipmentLine: (shipmentId, lineNo, quantity) => void insertShipmentLine.run(shipmentId, lineNo, quantity),
    shipment: (id) => shipment.get(id),
    shipmentLines: (id) => shipmentLines.all(id),
    shipmentEvents: (id) => shipmentEvents.all(id),
    addShipmentEvent: (shipmentId, status, note, actor, at) => void addShipmentEvent.run(shipmentId, status, note, actor, at),
    setShipmentStatus: (id, status, at) => void setShipmentStatus.run(status, at, id),
    shipments(filter) {
      const where: string[] = [];
      const params: Record<string, unknown> = { limit: filter.limit, offset: filter.offset };
      for (const key of ['providerId', 'companyId', 'orderId', 'status'] as const) {
        if (filter[key] === undefined) continue;
        where.push(`s.${{ providerId: 'provider_id', companyId: 'company_id', orderId: 'order_id', status: 'status' }[key]} = @${key}`);
        params[key] = filter[key];
      }
      const search = filter.search?.trim();
      if (search) {
        where.push('s.tracking_number >= @from AND s.tracking_number < @to');
        params.from = search;
        params.to = `${search}\uffff`;
      }
      const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      // A provider's list (not one shop's or one order's): the count from an index alone, then the page from the index
      // that fits what the count found — few matches of a tracking-number prefix: read just those and sort them; many:
      // walk the list's order (newest first) and take the first that match. Without ANALYZE the planner cannot know.
      const providerList = filter.providerId !== undefined && filter.companyId === undefined && filter.orderId === undefined;
      const countHint = !providerList ? null : search ? (filter.status ? 'logistics_shipments_status_tracking' : 'logistics_shipments_tracking') : filter.status ? 'logistics_shipments_status' : 'logistics_shipments_provider';
      const from = (hint: string | null) => (hint ? `logistics_shipments s INDEXED BY ${hint}` : 'logistics_shipments s');
      const { total } = prepared(`SELECT COUNT(*) AS total FROM ${from(countHint)} ${clause}`).get(params) as { total: number };
      const sparse = search && total <= SPARSE_MATCHES;
      const pageHint = !providerList ? null : sparse ? countHint : filter.status ? 'logistics_shipments_status' : 'logistics_shipments_provider';
      const select = SHIPMENT_SELECT.replace('FROM logistics_shipments s', `FROM ${from(pageHint)}`);
      const rows = prepared(`${select} ${clause} ORDER BY s.id DESC LIMIT @limit OFFSET @offset`).all(params) as ShipmentRow[];
      return { rows, total };
    },

    stockOf: (warehouseId, productId) => stockOf.get(warehouseId, productId),
    move(row) {
      if (updateStock.run(row).changes === 0) {
        if (stockOf.get(row.warehouse_id, row.product_id)) return false;
        if (row.on_hand_delta < 0 || row.reserved_delta < 0 || row.reserved_delta > row.on_hand_delta) return false;
        insertStock.run(row);
      }
      insertMovement.run(row);
      return true;
    },
    stock(filter) {
      const where: string[] = [];
      const params: Record<string, unknown> = { limit: filter.limit, offset: filter.offset, lowAt: filter.lowAt };
      if (filter.providerId !== undefined) {
        where.push('w.provider_id = @providerId');
        params.providerId = filter.providerId;
      }
      if (filter.warehouseId !== undefined) {
        where.push('st.warehouse_id = @warehouseId');
        params.warehouseId = filter.warehouseId;
      }
      if (filter.companyId !== undefined) {
        where.push('st.company_id = @companyId');
        params.companyId = filter.companyId;
      }
      if (filter.productId !== undefined) {
        where.push('st.product_id = @productId');
        params.productId = filter.productId;
      }
      if (filter.low) where.push('st.on_hand - st.reserved <= @lowAt');
      const search = filter.search?.trim();
      if (search) {
        where.push("(pr.name LIKE @search ESCAPE '\\' OR pr.sku LIKE @search ESCAPE '\\' OR c.name LIKE @search ESCAPE '\\')");
        params.search = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
      const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const rows = prepared(`${STOCK_SELECT} ${clause} ORDER BY pr.name COLLATE NOCASE, st.product_id, w.name, st.warehouse_id LIMIT @limit OFFSET @offset`).all(params) as StockRow[];
      const { total } = prepared(
        `SELECT COUNT(*) AS total FROM logistics_stock st JOIN logistics_warehouses w ON w.id = st.warehouse_id JOIN companies c ON c.id = st.company_id JOIN products pr ON pr.id = st.product_id ${clause}`,
      ).get(params) as { total: number };
      return { rows, total };
    },
    movements: (warehouseId, productId, limit) => movements.all(warehouseId, productId, limit),
    movementsOfOrder: (orderId) => movementsOfOrder.all(orderId),
    ledgerSum: (warehouseId, productId) => ledgerSum.get(warehouseId, productId)!,
    clientChoices(partnerId, providerId, search, offeredOnly, offset, limit) {
      const params = { partnerId, providerId, search: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, offset, limit };
      const where = `c.partner_id = @partnerId AND c.name LIKE @search ESCAPE '\\'${offeredOnly ? ' AND o.company_id IS NOT NULL' : ''}`;
      const from = 'FROM companies c LEFT JOIN logistics_offers o ON o.provider_id = @providerId AND o.company_id = c.id';
      const rows = prepared(
        `SELECT c.id, c.name, c.country, o.company_id IS NOT NULL AS offered ${from} WHERE ${where} ORDER BY c.name COLLATE NOCASE, c.id LIMIT @limit OFFSET @offset`,
      ).all(params) as { id: number; name: string; country: string; offered: 0 | 1 }[];
      const { total } = prepared(`SELECT COUNT(*) AS total ${from} WHERE ${where}`).get(params) as { total: number };
      return { rows, total };
    },
    productChoices(providerId, search, limit) {
      return prepared(
        `SELECT p.company_id, c.name AS company_name, p.id, p.name, p.sku FROM logistics_shop_providers s
         JOIN products p ON p.company_id = s.company_id AND p.kind = 'physical'
         JOIN companies c ON c.id = p.company_id
         WHERE s.provider_id = @providerId AND (p.name LIKE @search ESCAPE '\\' OR p.sku LIKE @search ESCAPE '\\' OR c.name LIKE @search ESCAPE '\\')
         ORDER BY p.name COLLATE NOCASE, p.id LIMIT @limit`,
      ).all({ providerId, limit, search: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` }) as { company_id: number; company_name: string; id: number; name: string; sku: string }[];
    },
  };
}
