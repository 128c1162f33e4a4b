// Scale data (`partnerdeck seed --companies N --orders M [--months K]`): client companies of a partner with
// realistic shops — few large clients and many small ones (Zipf), prices in each shop's currency,
// seasonality with a Christmas peak and growth over the months, repeat customers, a mix of order
// statuses — written straight through prepared statements in one transaction (this bulk path emits no
// events; it refuses at once while another process has the folder open). For speed the secondary indexes of
// orders and customers are dropped during the load and built again at its end, rows go in as multi-row INSERTs, and the sales rollups
// are summed per company in typed arrays (one company has one currency and one demo flag) and written
// when the company is done. Tests compare the result with a recount from raw orders, as they do for the
// per-order maintenance of the order service. Deterministic for a given seed value and end time.
import { dayKeyOf, quarterKeyOfMonthKey } from '../../../src-shared/domain/date-range';
import { vatOf, isCounted, PRODUCT_KINDS, type OrderStatus, type ProductKind } from '../../../src-shared/domain/shop';
import type { Db } from '../db/database';
import { FIRST_ORDER_NUMBER } from '../repositories/orders-repository';
import type { Platform } from '../platform';
import { seedBulkCompanies } from './bulk-seed';
import { folderInUseError, leaveWalAtOnce } from '../db/exclusive-access';
import { folderHolder } from '../webhooks/webhook-dispatcher-lease';
import { internalsOf } from '../platform-internals';

export interface SalesSeedOptions {
  partnerId: number;
  companies: number;
  orders: number;
  /** Calendar months of history up to `end` (the last one runs to `end`). */
  months: number;
  /** PRNG seed: the same seed and end give the same data. */
  seed: number;
  /** Epoch ms of the newest possible order (default: the platform clock). */
  end?: number;
  onProgress?(progress: SalesSeedProgress): void;
  /** Called once the seed has the database file to itself, before it writes anything. */
  onStart?(): void;
}

export interface SalesSeedProgress {
  /** orders: generating and writing; indexes: building the indexes dropped for the load. */
  phase: 'orders' | 'indexes';
  ordersDone: number;
  ordersTotal: number;
  /** Rows written so far (companies, shops, products, customers, orders, lines, counters). */
  rows: number;
}

export interface SalesSeedResult {
  partnerId: number;
  companies: { created: number; firstId: number; lastId: number };
  products: number;
  customers: number;
  orders: number;
  lines: number;
  /** Every data row written (not counting rollup rows). */
  rows: number;
  rollupRows: number;
  currencies: string[];
  /** The largest client's share of the orders, and how many clients got none. */
  largestClientOrders: number;
  clientsWithoutOrders: number;
  seconds: number;
  rowsPerSecond: number;
}

const SEASON = [0.86, 0.8, 0.92, 0.95, 0.98, 0.94, 0.9, 0.93, 1.0, 1.06, 1.32, 1.62];
/** Minor units of each currency per euro cent (rough exchange rates, for believable prices). */
const PRICE_FACTOR: Record<string, number> = {
  EUR: 1, USD: 1.1, GBP: 0.85, CHF: 0.95, NOK: 11.5, SEK: 11.3, DKK: 7.45, PLN: 4.3, CZK: 25, HUF: 390, RON: 5, CAD: 1.5, AUD: 1.65, JPY: 1.6,
};
const ADJECTIVES = ['Classic', 'Organic', 'Handmade', 'Premium', 'Nordic', 'Vintage', 'Everyday', 'Studio', 'Travel', 'Limited'];
const NOUNS: Record<'physical' | 'digital' | 'service', string[]> = {
  physical: ['Ceramic Mug', 'Linen Tote', 'Desk Lamp', 'Notebook', 'Candle', 'Wool Scarf', 'Coffee Beans', 'Tea Set', 'Backpack', 'Water Bottle', 'Face Cream', 'Puzzle'],
  digital: ['E-book', 'Sample Pack', 'Font Licence', 'Video Course', 'Pattern PDF', 'Audio Guide', 'Preset Bundle', 'Photo Pack'],
  service: ['Consultation', 'Workshop Seat', 'Gift Wrapping', 'Installation', 'Repair', 'Personal Styling', 'Tasting Session', 'Support Plan'],
};
const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Greta', 'Hugo', 'Ida', 'Jonas', 'Karin', 'Leo', 'Mia', 'Noah', 'Olga', 'Paul', 'Rosa', 'Sam', 'Tina', 'Umar', 'Vera', 'Yuki', 'Zoe', 'Lars'];
const LAST = ['Berg', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hansen', 'Ivanova', 'Jensen', 'Kowalski', 'Larsen', 'Meyer', 'Novak', 'Olsen', 'Petit', 'Rossi', 'Schmidt', 'Tanaka', 'Virtanen', 'Weber'];

/** mulberry32: small, fast, seedable. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A believable price in the currency: euro cents scaled, ending in 99 (or round yen). */
function priceIn(currency: string, euroCents: number): number {
  const minor = Math.max(1, Math.round(euroCents * (PRICE_FACTOR[currency] ?? 1)));
  if (currency === 'JPY' || currency === 'HUF') return Math.max(10, Math.round(minor / 10) * 10);
  return minor < 200 ? minor : Math.floor(minor / 100) * 100 + 99;
}

/** How many orders each of `count` clients gets: Zipf-like (s = 1.05) over a random order of the clients. */
function allocateOrders(count: number, orders: number, random: () => number): Int32Array {
  const weights = new Float64Array(count);
  let total = 0;
  for (let r = 0; r < count; r++) total += weights[r] = 1 / Math.pow(r + 1, 1.05);
  const byRank = new Int32Array(count);
  let given = 0;
  for (let r = 0; r < count; r++) given += byRank[r] = Math.floor((orders * weights[r]) / total);
  for (let r = 0; given < orders; r = (r + 1) % count, given++) byRank[r]++;
  // Ranks are dealt to clients in a shuffled order, so the big ones are anywhere in the list.
  const perm = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const out = new Int32Array(count);
  for (let r = 0; r < count; r++) out[perm[r]] = byRank[r];
  return out;
}

const DAY_MS = 86_400_000;
const BATCH = 256;

/** Multi-row INSERTs: rows are written into a flat buffer and sent BATCH at a time. */
function createBatcher(db: Db, sql: string, columns: number) {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  const full = db.prepare(`${sql} VALUES ${Array.from({ length: BATCH }, () => row).join(', ')}`);
  const single = db.prepare(`${sql} VALUES ${row}`);
  const buffer: (string | number | null)[] = new Array(BATCH * columns);
  let rows = 0;
  return {
    buffer,
    /** The offset in `buffer` where the next row's values go; call `done` after writing them. */
    next: () => rows * columns,
    done() {
      if (++rows === BATCH) {
        full.run(buffer);
        rows = 0;
      }
    },
    flush() {
      for (let r = 0; r < rows; r++) single.run(buffer.slice(r * columns, (r + 1) * columns));
      rows = 0;
    },
  };
}

/** Secondary indexes of the big tables, dropped during the load and created again after it. */
const BULK_INDEXES = [
  'orders_company_number', 'orders_company_placed', 'orders_customer_placed', 'customers_company_email', 'customers_company_name',
  'product_sales_monthly_by_product', 'sales_monthly_by_month', 'product_sales_daily_by_month', 'product_sales_monthly_by_month',
];

/**
 * One company's sales rollups while its orders are generated: typed arrays per day (and per kind) and per
 * product and month; written as rows of the rollup tables when the company is done.
 */
function createCompanyRollups(firstDay: number, days: number, maxProducts: number) {
  const kinds = PRODUCT_KINDS.length;
  const dayKeys = new Int32Array(days);
  const monthIndex = new Int32Array(days);
  const monthKeys: number[] = [];
  for (let d = 0; d < days; d++) {
    dayKeys[d] = dayKeyOf((firstDay + d) * DAY_MS);
    const month = Math.floor(dayKeys[d] / 100);
    if (monthKeys.at(-1) !== month) monthKeys.push(month);
    monthIndex[d] = monthKeys.length - 1;
  }
  const months = monthKeys.length;
  const quarterKeys = monthKeys.map(quarterKeyOfMonthKey);
  // Per day: orders, items, net, vat, gross, new customers.
  const sales = new Float64Array(days * 6);
  // Per day and kind: orders, quantity, net, vat, gross.
  const kindSales = new Float64Array(days * kinds * 5);
  // Per product (index in the company's catalogue) and month: orders, quantity, net, vat, gross.
  const productSales = new Float64Array(maxProducts * months * 5);
  // Per product on the current day (orders arrive in time order): the same five, written when the day ends.
  const productDay = new Float64Array(maxProducts * 5);
  const touched: number[] = [];
  let currentDay = -1;
  let productRows = 0;
  const endDay = (company: number, currency: string, demo: 0 | 1, ids: Int32Array, kindNames: readonly string[], writers: RollupWriters) => {
    for (const p of touched) {
      writers.productDaily.write([company, dayKeys[currentDay], currency, demo, ids[p], kindNames[p]], productDay, p * 5);
      productDay.fill(0, p * 5, p * 5 + 5);
    }
    productRows += touched.length;
    touched.length = 0;
  };
  return {
    sales,
    kindSales,
    months,
    dayOf: (epochMs: number) => Math.floor(epochMs / DAY_MS) - firstDay,
    monthOf: (day: number) => monthIndex[day],
    /** A counted line of catalogue product `p` on `day` (orders: 1 per line, a product appears once per order). */
    productLine(company: number, currency: string, demo: 0 | 1, ids: Int32Array, kindNames: readonly string[], writers: RollupWriters, day: number, p: number, quantity: number, net: number, vat: number) {
      if (day !== currentDay) {
        endDay(company, currency, demo, ids, kindNames, writers);
        currentDay = day;
      }
      const o = p * 5;
      if (productDay[o] === 0) touched.push(p);
      const mo = (p * months + monthIndex[day]) * 5;
      for (const [values, at] of [[productDay, o], [productSales, mo]] as const) {
        values[at] += 1;
        values[at + 1] += quantity;
        values[at + 2] += net;
        values[at + 3] += vat;
        values[at + 4] += net + vat;
      }
    },
    /** Writes the non-zero buckets; returns how many rows. */
    write(db: Db, company: number, currency: string, demo: 0 | 1, products: { ids: Int32Array; kinds: ProductKind[]; names: string[]; count: number }, writers: RollupWriters): number {
      endDay(company, currency, demo, products.ids, products.kinds, writers);
      currentDay = -1;
      let written = productRows;
      productRows = 0;
      const monthSales = new Float64Array(months * 6);
      const monthKind = new Float64Array(months * kinds * 5);
      for (let d = 0; d < days; d++) {
        const o = d * 6;
        const m = monthIndex[d] * 6;
        if (sales[o] === 0 && sales[o + 5] === 0) continue;
        for (let k = 0; k < 6; k++) monthSales[m + k] += sales[o + k];
        writers.daily.write([company, dayKeys[d], currency, demo], sales, o);
        written++;
        for (let kind = 0; kind < kinds; kind++) {
          const ko = (d * kinds + kind) * 5;
          if (kindSales[ko] === 0) continue;
          const mo = (monthIndex[d] * kinds + kind) * 5;
          for (let k = 0; k < 5; k++) monthKind[mo + k] += kindSales[ko + k];
          writers.kindDaily.write([company, dayKeys[d], currency, demo, PRODUCT_KINDS[kind]], kindSales, ko);
          written++;
        }
      }
      for (let m = 0; m < months; m++) {
        if (monthSales[m * 6] !== 0 || monthSales[m * 6 + 5] !== 0) {
          writers.monthly.write([company, monthKeys[m], currency, demo], monthSales, m * 6);
          written++;
        }
        for (let kind = 0; kind < kinds; kind++) {
          const mo = (m * kinds + kind) * 5;
          if (monthKind[mo] === 0) continue;
          writers.kindMonthly.write([company, monthKeys[m], currency, demo, PRODUCT_KINDS[kind]], monthKind, mo);
          written++;
        }
        for (let p = 0; p < products.count; p++) {
          const po = (p * months + m) * 5;
          if (productSales[po] === 0) continue;
          writers.product.write([company, monthKeys[m], currency, demo, products.ids[p], products.kinds[p], products.names[p]], productSales, po);
          written++;
        }
      }
      // Per quarter: each product's months added up, written in the table's key order (product, then quarter).
      const quarter = new Float64Array(5);
      for (let p = 0; p < products.count; p++) {
        for (let m = 0; m < months; ) {
          const key = quarterKeys[m];
          quarter.fill(0);
          for (; m < months && quarterKeys[m] === key; m++) {
            const po = (p * months + m) * 5;
            for (let k = 0; k < 5; k++) quarter[k] += productSales[po + k];
          }
          if (quarter[0] === 0) continue;
          writers.productQuarterly.write([company, products.ids[p], currency, demo, key], quarter, 0);
          written++;
        }
      }
      sales.fill(0);
      kindSales.fill(0);
      productSales.fill(0, 0, products.count * months * 5);
      return written;
    },
  };
}

type RollupWriters = ReturnType<typeof createRollupWriters>;

/** A rollup table's rows: key columns, then the summed values taken from a typed array. */
function createRowWriter(db: Db, sql: string, keys: number, values: number) {
  const batch = createBatcher(db, sql, keys + values);
  return {
    batch,
    write(key: readonly (string | number)[], from: Float64Array, offset: number) {
      const b = batch.buffer;
      const at = batch.next();
      for (let k = 0; k < keys; k++) b[at + k] = key[k];
      for (let v = 0; v < values; v++) b[at + keys + v] = from[offset + v];
      batch.done();
    },
  };
}

function createRollupWriters(db: Db) {
  const sales = (table: string, period: string) =>
    createRowWriter(db, `INSERT INTO ${table} (company_id, ${period}, currency, demo, orders, items, net_minor, vat_minor, gross_minor, new_customers)`, 4, 6);
  const kind = (table: string, period: string) =>
    createRowWriter(db, `INSERT INTO ${table} (company_id, ${period}, currency, demo, kind, orders, quantity, net_minor, vat_minor, gross_minor)`, 5, 5);
  const writers = {
    daily: sales('sales_daily', 'day'),
    monthly: sales('sales_monthly', 'month'),
    kindDaily: kind('kind_sales_daily', 'day'),
    kindMonthly: kind('kind_sales_monthly', 'month'),
    productDaily: createRowWriter(
      db,
      'INSERT INTO product_sales_daily (company_id, day, currency, demo, product_id, kind, orders, quantity, net_minor, vat_minor, gross_minor)',
      6,
      5,
    ),
    product: createRowWriter(
      db,
      'INSERT INTO product_sales_monthly (company_id, month, currency, demo, product_id, kind, name, orders, quantity, net_minor, vat_minor, gross_minor)',
      7,
      5,
    ),
    productQuarterly: createRowWriter(
      db,
      'INSERT INTO product_sales_quarterly (company_id, product_id, currency, demo, quarter, orders, quantity, net_minor, vat_minor, gross_minor)',
      5,
      5,
    ),
  };
  return {
    ...writers,
    flush() {
      for (const writer of Object.values(writers)) writer.batch.flush();
    },
  };
}

const folderInUse = (platform: Platform) => folderInUseError(folderHolder(platform), 'run seed --orders again', 'Nothing was written.');

/**
 * Refuses at once, as seedSales does, while another process has the data folder open; changes nothing. The CLI
 * asks before it seeds the demo partner into an empty folder, so that a refusal leaves the folder untouched.
 */
export function assertSalesSeedCanStart(platform: Platform): void {
  const { db } = internalsOf(platform);
  const mode = db.pragma('journal_mode', { simple: true }) as string;
  if (!leaveWalAtOnce(db)) throw folderInUse(platform);
  db.pragma(`journal_mode = ${mode}`);
}

export function seedSales(platform: Platform, options: SalesSeedOptions): SalesSeedResult {
  const started = performance.now();
  const { db } = internalsOf(platform);
  const random = prng(options.seed);
  const end = options.end ?? platform.clock.now();
  const endDate = new Date(end);
  // Month starts from the oldest month to the month of `end`; orders fall between the first and `end`.
  const monthStarts: number[] = [];
  for (let m = options.months - 1; m >= 0; m--) monthStarts.push(Date.UTC(endDate.getUTCFullYear(), endDate.getUTCMonth() - m, 1));
  const monthCum = new Float64Array(options.months);
  let cum = 0;
  for (let m = 0; m < options.months; m++) {
    const growth = 0.75 + (0.5 * m) / Math.max(1, options.months - 1);
    const span = (m + 1 < options.months ? monthStarts[m + 1] : end) - monthStarts[m];
    cum += SEASON[new Date(monthStarts[m]).getUTCMonth()] * growth * (span / (30 * DAY_MS));
    monthCum[m] = cum;
  }
  const pickTime = (): number => {
    const u = random() * cum;
    let m = 0;
    while (monthCum[m] < u) m++;
    const to = m + 1 < options.months ? monthStarts[m + 1] : end;
    return monthStarts[m] + Math.floor(random() * (to - monthStarts[m]));
  };
  const firstDay = Math.floor(monthStarts[0] / DAY_MS);
  const days = Math.floor(end / DAY_MS) - firstDay + 1;

  const indexSql = db
    .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name IN (${BULK_INDEXES.map(() => '?').join(', ')})`)
    .pluck()
    .all(...BULK_INDEXES) as string[];
  const rebuildIndexes = () => {
    for (const sql of indexSql) db.exec(sql.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
  };
  // Bulk-load settings, restored at the end: no foreign-key lookups and CHECK constraints (the data is
  // valid by construction; tests check it), no fsync (synchronous = OFF), a 1 GiB page cache, sorts in memory
  // with a helper thread, and a rollback journal instead of WAL while loading (new pages are written once, not to
  // the WAL and then again by the checkpoint; the journal holds only the pages that existed before, so one
  // transaction for the whole load costs little). Leaving WAL needs the file to itself: while another process has
  // the folder open the seed refuses at once, writing nothing, rather than loading beside it without its indexes.
  const pragmas = ['foreign_keys', 'ignore_check_constraints', 'synchronous', 'cache_size', 'temp_store', 'threads', 'journal_mode'].map(
    (name) => [name, db.pragma(name, { simple: true })] as const,
  );
  if (!leaveWalAtOnce(db)) throw folderInUse(platform);
  db.pragma('foreign_keys = OFF');
  db.pragma('ignore_check_constraints = ON');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  db.pragma('temp_store = MEMORY');
  db.pragma('threads = 2');
  options.onStart?.();
  let rows = 0;
  let rollupRows = 0;
  let productsWritten = 0;
  let customersWritten = 0;
  let linesWritten = 0;
  let ordersDone = 0;
  // The whole load is one transaction (the companies, the dropped and rebuilt indexes, every order): a seed that is
  // stopped, killed or fails leaves the folder as it was — the next process to open it rolls the journal back.
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  begin.run();
  try {
    const companies = seedBulkCompanies(platform, options.partnerId, options.companies, undefined, monthStarts[0] - 30 * DAY_MS);
    rows += options.companies * 2;
    const clients = db
      .prepare('SELECT c.id, c.country, c.is_sample, s.currency, s.default_vat_rate_bp AS vat FROM companies c JOIN shop_settings s ON s.company_id = c.id WHERE c.id BETWEEN ? AND ? ORDER BY c.id')
      .all(companies.firstId, companies.lastId) as { id: number; country: string; is_sample: 0 | 1; currency: string; vat: number }[];
    const perClient = allocateOrders(clients.length, options.orders, random);
    for (const name of BULK_INDEXES) db.exec(`DROP INDEX IF EXISTS ${name}`);

    const insertProduct = db.prepare(
      `INSERT INTO products (company_id, kind, name, sku, description, price_minor, currency, vat_rate_bp, is_active, weight_grams, stock, file_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
    );
    const customersOut = createBatcher(db, 'INSERT INTO customers (id, company_id, email, name, country, accepts_marketing, created_at, updated_at)', 8);
    const ordersOut = createBatcher(
      db,
      "INSERT INTO orders (id, company_id, number, customer_id, status, currency, net_minor, vat_minor, gross_minor, item_count, is_demo, source, placed_at, created_at, updated_at)",
      15,
    );
    const linesOut = createBatcher(
      db,
      'INSERT INTO order_lines (order_id, line_no, product_id, kind, name, sku, quantity, unit_price_minor, vat_rate_bp, net_minor, vat_minor, gross_minor)',
      12,
    );
    const rollupsOut = createRollupWriters(db);
    const insertCounts = db.prepare(
      `INSERT INTO shop_counts (company_id, customers, orders) VALUES (?, ?, ?)
       ON CONFLICT (company_id) DO UPDATE SET customers = customers + excluded.customers, orders = orders + excluded.orders`,
    );
    const sequence = (table: string) => ((db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().get(table) as number | undefined) ?? 0) + 1;
    let nextOrderId = sequence('orders');
    let nextCustomerId = sequence('customers');
    const flushAll = () => {
      customersOut.flush();
      ordersOut.flush();
      linesOut.flush();
      rollupsOut.flush();
    };
    const MAX_PRODUCTS = 150;
    const rollups = createCompanyRollups(firstDay, days, MAX_PRODUCTS);
    const kindIndex = new Map<ProductKind, number>(PRODUCT_KINDS.map((k, i) => [k, i]));
    const currencies = new Set<string>();
    let pending = 0;
    let largest = 0;
    let withoutOrders = 0;
    const report = (phase: SalesSeedProgress['phase'] = 'orders') => options.onProgress?.({ phase, ordersDone, ordersTotal: options.orders, rows });
    const pIds = new Int32Array(MAX_PRODUCTS);
    const pKindIndex = new Int32Array(MAX_PRODUCTS);
    const pPrices = new Int32Array(MAX_PRODUCTS);

    for (let c = 0; c < clients.length; c++) {
      const client = clients[c];
      const n = perClient[c];
      largest = Math.max(largest, n);
      if (n === 0) withoutOrders++;
      currencies.add(client.currency);
      const createdAt = monthStarts[0] - Math.floor(random() * 20 * DAY_MS);
      // Catalogue: a handful for a small shop, up to 150 products for the largest.
      const productCount = Math.min(MAX_PRODUCTS, 4 + Math.floor(Math.sqrt(n) / 3));
      const pKinds: ProductKind[] = [];
      const pNames: string[] = [];
      const pSkus: string[] = [];
      for (let p = 0; p < productCount; p++) {
        const u = random();
        const kind: 'physical' | 'digital' | 'service' = u < 0.6 ? 'physical' : u < 0.85 ? 'digital' : 'service';
        const nouns = NOUNS[kind];
        const name = `${ADJECTIVES[Math.floor(random() * ADJECTIVES.length)]} ${nouns[Math.floor(random() * nouns.length)]} ${p + 1}`;
        const euroCents = kind === 'service' ? 2000 + Math.floor(random() * 18000) : kind === 'digital' ? 300 + Math.floor(random() * 4700) : 500 + Math.floor(random() * 9500);
        const price = priceIn(client.currency, euroCents);
        const sku = `SKU-${client.id}-${p + 1}`;
        const physical = kind === 'physical';
        pIds[p] = Number(
          insertProduct.run(client.id, kind, name, sku, price, client.currency, client.vat, random() < 0.93 ? 1 : 0, physical ? 100 + Math.floor(random() * 2000) : null, physical ? Math.floor(random() * 500) : null, createdAt, createdAt).lastInsertRowid,
        );
        pKinds.push(kind);
        pKindIndex[p] = kindIndex.get(kind)!;
        pNames.push(name);
        pSkus.push(sku);
        pPrices[p] = price;
      }
      productsWritten += productCount;
      rows += productCount;
      // Orders in time order, so numbers, customers' first orders and index order follow time.
      const times = new Float64Array(n);
      for (let i = 0; i < n; i++) times[i] = pickTime();
      times.sort();
      const poolSize = Math.max(1, Math.round(n * 0.42));
      const customerIds = new Int32Array(poolSize);
      const firstCounted = new Uint8Array(poolSize);
      let customers = 0;
      const { sales, kindSales } = rollups;
      for (let i = 0; i < n; i++) {
        const placedAt = times[i];
        // Repeat customers: low indexes buy again and again.
        const j = Math.floor(poolSize * Math.pow(random(), 2.2));
        if (customerIds[j] === 0) {
          const first = FIRST[Math.floor(random() * FIRST.length)];
          const last = LAST[Math.floor(random() * LAST.length)];
          const id = nextCustomerId++;
          const b = customersOut.buffer;
          const at = customersOut.next();
          b[at] = id;
          b[at + 1] = client.id;
          b[at + 2] = `${first.toLowerCase()}.${last.toLowerCase()}.${j + 1}@customers${client.id}.example`;
          b[at + 3] = `${first} ${last}`;
          b[at + 4] = client.country;
          b[at + 5] = random() < 0.3 ? 1 : 0;
          b[at + 6] = placedAt;
          b[at + 7] = placedAt;
          customersOut.done();
          customerIds[j] = id;
          customers++;
        }
        const age = end - placedAt;
        const s = random();
        const status: OrderStatus =
          age < 3 * DAY_MS
            ? s < 0.3 ? 'pending' : s < 0.95 ? 'paid' : 'cancelled'
            : s < 0.85 ? 'fulfilled' : s < 0.88 ? 'paid' : s < 0.94 ? 'cancelled' : s < 0.98 ? 'refunded' : 'pending';
        const counted = isCounted(status);
        const day = rollups.dayOf(placedAt);
        const l = random();
        const lineCount = Math.min(productCount, l < 0.62 ? 1 : l < 0.87 ? 2 : l < 0.96 ? 3 : 4);
        const orderId = nextOrderId++;
        let net = 0;
        let vat = 0;
        let items = 0;
        let used = 0;
        let kindsSeen = 0;
        for (let k = 0; k < lineCount; k++) {
          // Popular products sell more; a product appears once per order.
          let p = Math.floor(productCount * Math.pow(random(), 1.8));
          while (used & (1 << (p % 31))) p = (p + 1) % productCount;
          used |= 1 << (p % 31);
          const q = random();
          const quantity = q < 0.8 ? 1 : q < 0.95 ? 2 : 3;
          const lineNet = pPrices[p] * quantity;
          const lineVat = vatOf(lineNet, client.vat);
          const b = linesOut.buffer;
          const at = linesOut.next();
          b[at] = orderId;
          b[at + 1] = k + 1;
          b[at + 2] = pIds[p];
          b[at + 3] = pKinds[p];
          b[at + 4] = pNames[p];
          b[at + 5] = pSkus[p];
          b[at + 6] = quantity;
          b[at + 7] = pPrices[p];
          b[at + 8] = client.vat;
          b[at + 9] = lineNet;
          b[at + 10] = lineVat;
          b[at + 11] = lineNet + lineVat;
          linesOut.done();
          if (counted) {
            const kind = pKindIndex[p];
            const ko = (day * PRODUCT_KINDS.length + kind) * 5;
            if (!(kindsSeen & (1 << kind))) kindSales[ko] += 1;
            kindsSeen |= 1 << kind;
            kindSales[ko + 1] += quantity;
            kindSales[ko + 2] += lineNet;
            kindSales[ko + 3] += lineVat;
            kindSales[ko + 4] += lineNet + lineVat;
            rollups.productLine(client.id, client.currency, client.is_sample, pIds, pKinds, rollupsOut, day, p, quantity, lineNet, lineVat);
          }
          net += lineNet;
          vat += lineVat;
          items += quantity;
        }
        const b = ordersOut.buffer;
        const at = ordersOut.next();
        b[at] = orderId;
        b[at + 1] = client.id;
        b[at + 2] = FIRST_ORDER_NUMBER + i;
        b[at + 3] = customerIds[j];
        b[at + 4] = status;
        b[at + 5] = client.currency;
        b[at + 6] = net;
        b[at + 7] = vat;
        b[at + 8] = net + vat;
        b[at + 9] = items;
        b[at + 10] = client.is_sample;
        b[at + 11] = 'seed';
        b[at + 12] = placedAt;
        b[at + 13] = placedAt;
        b[at + 14] = placedAt;
        ordersOut.done();
        if (counted) {
          const o = day * 6;
          sales[o] += 1;
          sales[o + 1] += items;
          sales[o + 2] += net;
          sales[o + 3] += vat;
          sales[o + 4] += net + vat;
          if (!firstCounted[j]) {
            firstCounted[j] = 1;
            sales[o + 5] += 1;
          }
        }
        linesWritten += lineCount;
        rows += 1 + lineCount;
        ordersDone++;
        if (++pending % 20_000 === 0) report();
      }
      insertCounts.run(client.id, customers, n);
      customersWritten += customers;
      rows += customers + 1;
      rollupRows += rollups.write(db, client.id, client.currency, client.is_sample, { ids: pIds, kinds: pKinds, names: pNames, count: productCount }, rollupsOut);
      // Written out at company boundaries once enough is pending (memory stays flat; pages beyond the page cache
      // go to the file, still inside the one transaction).
      if (pending >= 50_000) {
        flushAll();
        pending = 0;
        report();
      }
    }
    flushAll();
    report('indexes');
    rebuildIndexes();
    commit.run();
    const seconds = (performance.now() - started) / 1000;
    return {
      partnerId: options.partnerId,
      companies: { created: options.companies, firstId: companies.firstId, lastId: companies.lastId },
      products: productsWritten,
      customers: customersWritten,
      orders: ordersDone,
      lines: linesWritten,
      rows,
      rollupRows,
      currencies: [...currencies].sort(),
      largestClientOrders: largest,
      clientsWithoutOrders: withoutOrders,
      seconds,
      rowsPerSecond: Math.round(rows / seconds),
    };
  } catch (error) {
    if (db.inTransaction) db.prepare('ROLLBACK').run();
    throw error;
  } finally {
    // The rollback brought the dropped indexes back; after a success they are there already (IF NOT EXISTS).
    rebuildIndexes();
    for (const [name, value] of pragmas) db.pragma(`${name} = ${value}`);
  }
}
