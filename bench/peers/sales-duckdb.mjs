// The combined view's peer (issue 22): DuckDB (`@duckdb/node-api`), the analytical database a partner's
// analyst would load these orders into, answering the same figures as PartnerDeck's `sales.*` methods from
// the same orders.
//
// Loading (once, cached beside the SQLite file like the bench data itself; `duckdb/ready` marks it done):
// DuckDB cannot load its SQLite extension here (no downloads), so the rows go through CSV: the bench exports
// companies (with their customer counters and partner), products, orders and order lines from the SQLite file,
// and DuckDB reads them with its parallel CSV reader into a persistent database file. The layout is the one
// DuckDB's performance guide recommends, which is as fair to it as we can be:
//   - orders and lines sorted by `placed_at` (its zone maps then skip every row group outside a date range);
//   - lines denormalized with their order's company, currency, demo flag and time (a star-schema fact table:
//     no join at query time), only counted orders (paid, fulfilled) in the lines table;
//   - each counted order flagged when it is its customer's first counted order (what "new customers" count),
//     computed once at load with a window function instead of at every query;
//   - `count(*)` for a product's orders: the load checks that no order has two lines of the same product, so it
//     equals count(DISTINCT order_id) here.
// Settings: DuckDB's defaults (threads = the machine's cores, memory limit 80 % of RAM), a persistent file;
// each figure's statements prepared once and bound per run, like PartnerDeck's. The queries run in the bench
// process itself (no HTTP, no JSON), while PartnerDeck's figures go through its console API over HTTP:
// that difference favours DuckDB.
import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');

/** Writes the rows of a SQLite query as CSV (numbers and simple text; text is quoted). */
function exportCsv(db, sql, file) {
  const fd = openSync(file, 'w');
  const statement = db.prepare(sql).raw(true);
  let chunk = `${statement.columns().map((c) => c.name).join(',')}\n`;
  let rows = 0;
  for (const row of statement.iterate()) {
    for (let i = 0; i < row.length; i++) {
      const value = row[i];
      if (i > 0) chunk += ',';
      if (typeof value === 'string') chunk += `"${value.replaceAll('"', '""')}"`;
      else if (value !== null) chunk += value;
    }
    chunk += '\n';
    rows++;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  return rows;
}

const COUNTED = "status IN ('paid', 'fulfilled')";

async function load(sqlitePath, folder, log) {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const started = performance.now();
  const sqlite = new Database(sqlitePath, { readonly: true });
  const csv = (name) => join(folder, `${name}.csv`);
  const counts = {
    companies: exportCsv(sqlite, 'SELECT c.id, c.partner_id, c.is_sample, c.name, COALESCE(n.customers, 0) AS customers FROM companies c LEFT JOIN shop_counts n ON n.company_id = c.id', csv('companies')),
    products: exportCsv(sqlite, 'SELECT id, company_id, kind, name FROM products', csv('products')),
    orders: exportCsv(sqlite, 'SELECT id, company_id, customer_id, status, currency, is_demo, placed_at, item_count, net_minor, vat_minor, gross_minor FROM orders', csv('orders')),
    lines: exportCsv(sqlite, 'SELECT order_id, product_id, kind, name, quantity, net_minor, vat_minor, gross_minor FROM order_lines', csv('order_lines')),
  };
  sqlite.close();
  const exported = performance.now();
  log(`DuckDB: exported ${Object.entries(counts).map(([k, n]) => `${n.toLocaleString('en')} ${k}`).join(', ')} to CSV in ${((exported - started) / 1000).toFixed(0)} s; loading`);
  const instance = await DuckDBInstance.create(join(folder, 'sales.duckdb'));
  const conn = await instance.connect();
  await conn.run(`
    CREATE TABLE companies AS SELECT * FROM read_csv('${csv('companies')}', header = true, columns = {'id': 'INTEGER', 'partner_id': 'INTEGER', 'is_sample': 'INTEGER', 'name': 'VARCHAR', 'customers': 'INTEGER'});
    CREATE TABLE products AS SELECT * FROM read_csv('${csv('products')}', header = true, columns = {'id': 'INTEGER', 'company_id': 'INTEGER', 'kind': 'VARCHAR', 'name': 'VARCHAR'});
    CREATE TEMP TABLE raw_orders AS SELECT * FROM read_csv('${csv('orders')}', header = true, columns = {'id': 'BIGINT', 'company_id': 'INTEGER', 'customer_id': 'BIGINT', 'status': 'VARCHAR', 'currency': 'VARCHAR', 'is_demo': 'INTEGER', 'placed_at': 'BIGINT', 'item_count': 'INTEGER', 'net_minor': 'BIGINT', 'vat_minor': 'BIGINT', 'gross_minor': 'BIGINT'});
    CREATE TABLE orders AS
      SELECT o.*, o.${COUNTED} AS counted,
        COALESCE(o.${COUNTED} AND ROW_NUMBER() OVER (PARTITION BY o.customer_id, o.${COUNTED} ORDER BY o.placed_at, o.id) = 1, false) AS first_order
      FROM raw_orders o ORDER BY o.placed_at;
    CREATE TABLE lines AS
      SELECT l.order_id, l.product_id, l.kind, l.quantity, l.net_minor, l.vat_minor, l.gross_minor, o.company_id, o.currency, o.is_demo, o.placed_at
      FROM read_csv('${csv('order_lines')}', header = true, columns = {'order_id': 'BIGINT', 'product_id': 'INTEGER', 'kind': 'VARCHAR', 'name': 'VARCHAR', 'quantity': 'INTEGER', 'net_minor': 'BIGINT', 'vat_minor': 'BIGINT', 'gross_minor': 'BIGINT'}) l
      JOIN orders o ON o.id = l.order_id WHERE o.counted ORDER BY o.placed_at;
    DROP TABLE raw_orders;
    CHECKPOINT;`);
  const repeated = (await conn.runAndReadAll('SELECT COUNT(*) AS n FROM (SELECT order_id, product_id FROM lines GROUP BY ALL HAVING COUNT(*) > 1)')).getRowObjectsJS()[0].n;
  if (Number(repeated) !== 0) throw new Error(`DuckDB load: ${repeated} orders have two lines of one product; the product queries would need count(DISTINCT order_id)`);
  conn.closeSync();
  instance.closeSync();
  for (const name of ['companies', 'products', 'orders', 'order_lines']) rmSync(csv(name));
  mkdirSync(join(folder, 'ready'));
  return { seconds: (performance.now() - started) / 1000, exportSeconds: (exported - started) / 1000, rows: counts };
}

const dayMs = (day) => BigInt(Date.parse(`${day}T00:00:00Z`));
const endMs = (day) => dayMs(day) + 86_400_000n;

/** One figure: its statements prepared once, run with the range bound. */
async function figure(conn, statements) {
  const prepared = await Promise.all(statements.map((sql) => conn.prepare(sql)));
  const names = prepared.map((statement) => Array.from({ length: statement.parameterCount }, (_, i) => statement.parameterName(i + 1)));
  return async (values) => {
    const out = [];
    for (const [i, statement] of prepared.entries()) {
      statement.bind(Object.fromEntries(names[i].map((name) => [name, values[name]])));
      out.push((await statement.runAndReadAll()).getRowObjectsJS());
    }
    return out;
  };
}

/**
 * Opens (building once) the DuckDB copy of the orders in `folder` and returns the figures of the bench:
 * `summary(range)` (sales.summary), and `aggregates`, the same named ranges the bench asks PartnerDeck for.
 */
export async function openDuckSales({ sqlitePath, folder, partnerId, log }) {
  const built = existsSync(join(folder, 'ready')) ? null : await load(sqlitePath, folder, log);
  const instance = await DuckDBInstance.create(join(folder, 'sales.duckdb'));
  const conn = await instance.connect();
  const settings = (await conn.runAndReadAll("SELECT current_setting('threads') AS threads, current_setting('memory_limit') AS memory_limit, version() AS version")).getRowObjectsJS()[0];

  const scope = `company_id IN (SELECT id FROM companies WHERE partner_id = ${Number(partnerId)} AND is_sample = 0)`;
  const inRange = `placed_at >= $from AND placed_at < $to AND is_demo = 0 AND ${scope}`;
  const sums = 'COUNT(*) AS orders, SUM(item_count) AS items, SUM(net_minor) AS net_minor, SUM(vat_minor) AS vat_minor, SUM(gross_minor) AS gross_minor, COUNT(*) FILTER (WHERE first_order) AS new_customers';
  const lineSums = 'COUNT(*) AS orders, SUM(quantity) AS quantity, SUM(net_minor) AS net_minor, SUM(vat_minor) AS vat_minor, SUM(gross_minor) AS gross_minor';

  // sales.summary: totals per currency now and in the previous range, selling clients, clients and customers.
  const summaryFigure = await figure(conn, [
    `SELECT currency, ${sums} FROM orders WHERE counted AND ${inRange} GROUP BY currency ORDER BY orders DESC, currency`,
    `SELECT currency, ${sums} FROM orders WHERE counted AND placed_at >= $pfrom AND placed_at < $pto AND is_demo = 0 AND ${scope} GROUP BY currency ORDER BY orders DESC, currency`,
    `SELECT COUNT(DISTINCT company_id) AS clients_with_sales FROM orders WHERE counted AND ${inRange}`,
    `SELECT COUNT(*) AS clients, COALESCE(SUM(customers), 0) AS customers FROM companies WHERE partner_id = ${Number(partnerId)} AND is_sample = 0`,
  ]);
  const summary = (range, previous) => summaryFigure({ from: dayMs(range.from), to: endMs(range.to), pfrom: dayMs(previous.from), pto: endMs(previous.to) });

  const byClientFigure = await figure(conn, [
    `WITH a AS (SELECT company_id, currency, ${sums} FROM orders WHERE counted AND ${inRange} GROUP BY company_id, currency)
     SELECT c.id, c.name, a.* EXCLUDE (company_id) FROM companies c LEFT JOIN a ON a.company_id = c.id WHERE c.partner_id = ${Number(partnerId)} AND c.is_sample = 0`,
  ]);
  const byMonthFigure = await figure(conn, [
    `SELECT strftime(make_timestamp(placed_at * 1000), '%Y%m')::INTEGER AS period, currency, ${sums} FROM orders WHERE counted AND ${inRange} GROUP BY ALL ORDER BY period, currency`,
  ]);
  const byKindFigure = await figure(conn, [`SELECT kind, currency, ${lineSums} FROM lines WHERE ${inRange} GROUP BY ALL ORDER BY currency, gross_minor DESC`]);
  // Revenue over time: the top 5 clients of the busiest currency, per period, and the others' total.
  const overTimeFigure = (period) =>
    figure(conn, [
      `WITH per AS (SELECT company_id, currency, COUNT(*) AS orders, SUM(gross_minor) AS gross FROM orders WHERE counted AND ${inRange} GROUP BY ALL),
         cur AS (SELECT currency FROM per GROUP BY currency ORDER BY SUM(orders) DESC, currency LIMIT 1),
         top AS (SELECT company_id FROM per WHERE currency = (SELECT currency FROM cur) ORDER BY gross DESC, company_id LIMIT 5)
       SELECT CASE WHEN company_id IN (SELECT company_id FROM top) THEN company_id END AS line, ${period} AS period, SUM(gross_minor) AS gross_minor
       FROM orders WHERE counted AND ${inRange} AND currency = (SELECT currency FROM cur) GROUP BY ALL ORDER BY line, period`,
    ]);
  const byMonthPeriod = "strftime(make_timestamp(placed_at * 1000), '%Y%m')::INTEGER";
  const byDayPeriod = "strftime(make_timestamp(placed_at * 1000), '%Y%m%d')::INTEGER";
  const [overTimeMonths, overTimeDays] = await Promise.all([overTimeFigure(byMonthPeriod), overTimeFigure(byDayPeriod)]);
  const topClientsFigure = await figure(conn, [
    `WITH a AS (SELECT company_id, currency, COUNT(*) AS orders, SUM(gross_minor) AS gross_minor FROM orders WHERE counted AND ${inRange} GROUP BY ALL),
       r AS (SELECT a.*, SUM(gross_minor) OVER (PARTITION BY currency) AS total, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY gross_minor DESC, company_id) AS rank FROM a)
     SELECT r.*, c.name FROM r JOIN companies c ON c.id = r.company_id WHERE rank <= 10 ORDER BY currency, rank`,
  ]);
  const topProductsFigure = await figure(conn, [
    `WITH t AS (SELECT company_id, product_id, currency, ${lineSums} FROM lines WHERE ${inRange} GROUP BY ALL),
       ranked AS (SELECT t.*, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY gross_minor DESC, quantity DESC, product_id) AS rank FROM t)
     SELECT ranked.*, p.name, p.kind FROM ranked LEFT JOIN products p ON p.id = ranked.product_id WHERE rank <= 10 ORDER BY currency, rank`,
  ]);
  const ranged = (run) => (range) => run({ from: dayMs(range.from), to: endMs(range.to) });
  return {
    settings: { ...settings, threads: Number(settings.threads) },
    built,
    summary,
    byClient: ranged(byClientFigure),
    byMonth: ranged(byMonthFigure),
    byKind: ranged(byKindFigure),
    overTime: (range, granularity) => ranged(granularity === 'day' ? overTimeDays : overTimeMonths)(range),
    topClients: ranged(topClientsFigure),
    topProducts: ranged(topProductsFigure),
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
