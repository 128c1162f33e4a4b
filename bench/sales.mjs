// Sales figures of issue 3 (`npm run bench -- sales`): with 5,000 client companies and 10,000,000 orders
// over 24 months (made once with `partnerdeck seed` and cached by its parameters), measured in one run:
//   sales.combined_month        p95 of the combined headline figures for one month, all clients, through
//                               the console API (browser host). Baseline: a raw covering-index scan of the
//                               same month's orders (a partial index built for the bench only, so the app's
//                               queries cannot use it), in the same run.
//   sales.dashboard_after_switch p95 of switching to a client and loading its dashboard (two console calls).
//                               Baseline: p95 of a bare console round trip (session.get).
//   sales.slowest_range_aggregate the slowest of a set of date-range aggregates (24 months, edge days, charts,
//                               top lists). Baseline: a raw covering-index scan of the whole 24 months.
//   sales.seed_rows_per_second  `partnerdeck seed --orders` on a fresh folder. Baseline: plain single-row
//                               INSERTs into an equivalent table without indexes, on the same connection setup.
// Peer (issue 22): DuckDB (bench/peers/sales-duckdb.mjs) loaded once with the same orders (cached beside the
// SQLite file) answers the same combined month and the same date-range aggregates in the same run; its
// answers are checked against PartnerDeck's (month totals, top products) before the figures count. The
// combined-month and slowest-aggregate lines carry `peer` (DuckDB's figure) and `peer_ratio`.
// Smaller runs: --companies=N --orders=M --seed-orders=M (or BENCH_SALES_COMPANIES, BENCH_SALES_ORDERS,
// BENCH_SALES_SEED_ORDERS); BENCH_SALES_DIR keeps the cached data elsewhere than the system temp folder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openDuckSales } from './peers/sales-duckdb.mjs';
import { arg, bin, loadSqlite } from './bench-kit.mjs';

const Database = loadSqlite();
const DEMO_CLIENTS = 8;
const CLIENTS = arg('companies', 'BENCH_SALES_COMPANIES', 5000);
const ORDERS = arg('orders', 'BENCH_SALES_ORDERS', 10_000_000);
const SEED_ORDERS = arg('seed-orders', 'BENCH_SALES_SEED_ORDERS', 2_000_000);
const MONTHS = 24;
const END = '2026-10-31';
/** Bumped whenever the schema or the seed's data change, so a cached folder is never stale. */
const DATA_VERSION = 3;
const RUNS = arg('runs', 'BENCH_SALES_RUNS', 60);
const machine = { cores: cpus().length, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version };

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const round = (x) => Math.round(x * 10) / 10;
const emit = (bench, value, unit, baseline, extra = {}) =>
  console.log(JSON.stringify({ bench, value: round(value), unit, baseline: round(baseline), ratio: Number((value / baseline).toFixed(2)), ...machine, ...extra }));
const log = (line) => process.stderr.write(`bench sales: ${line}\n`);

function seed(dataDir, companies, orders) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [bin, 'seed', '--companies', String(companies), '--orders', String(orders), '--months', String(MONTHS), '--end', END, '--seed', '1', '--data-dir', dataDir, '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 2 ** 20,
  });
  if (result.status !== 0) throw new Error(`seed failed (${result.status})`);
  return { ...JSON.parse(result.stdout), wallSeconds: (performance.now() - started) / 1000 };
}

// ---- The data: built once per parameter set ------------------------------------------------------
const cacheRoot = process.env.BENCH_SALES_DIR ?? join(tmpdir(), 'partnerdeck-bench-sales');
const dataDir = join(cacheRoot, `v${DATA_VERSION}-c${CLIENTS}-o${ORDERS}-m${MONTHS}-e${END}-s1`);
const dbPath = join(dataDir, 'partnerdeck.sqlite');
let built = null;
if (!existsSync(join(dataDir, 'ready'))) {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  log(`building ${CLIENTS.toLocaleString('en')} clients / ${ORDERS.toLocaleString('en')} orders in ${dataDir} (cached for later runs)`);
  built = seed(dataDir, CLIENTS - DEMO_CLIENTS, ORDERS);
  const db = new Database(dbPath);
  // The baseline's index: covering for the raw scan; partial on source = 'seed' so no app query can use it.
  db.exec("CREATE INDEX IF NOT EXISTS bench_orders_placed ON orders(placed_at, currency, net_minor, vat_minor, gross_minor) WHERE source = 'seed' AND status IN ('paid', 'fulfilled')");
  db.close();
  mkdirSync(join(dataDir, 'ready'));
}

// ---- The console (browser mode) on that data -------------------------------------------------------
function startConsole() {
  const child = spawn(process.execPath, [bin, 'console', '--no-open', '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`console exited ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      child.removeAllListeners('exit');
      resolve({ child, url: new URL(JSON.parse(line).consoleUrl) });
    });
  });
}

/** Trades the one-time launch link (`#launch=<token>`) for a console session, as the console page does. */
async function launchSession({ child, url }) {
  const res = await fetch(`${url.origin}/auth/launch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-partnerdeck-csrf': '1' },
    body: JSON.stringify({ launch: new URLSearchParams(url.hash.slice(1)).get('launch') }),
  });
  const reply = await res.json();
  if (!reply.ok) throw new Error(`launch link refused: ${reply.error?.message}`);
  return { child, origin: url.origin, secret: reply.result.session };
}

const consoleApp = await launchSession(await startConsole());
async function call(method, input = {}, retry = true) {
  let res;
  try {
    res = await fetch(`${consoleApp.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-partnerdeck-csrf': '1', authorization: `Bearer ${consoleApp.secret}` },
      body: JSON.stringify(input),
    });
  } catch (error) {
    // The server may close an idle keep-alive connection just as a request goes out on it: try once more.
    if (retry && error.cause?.code === 'UND_ERR_SOCKET') return call(method, input, false);
    throw error;
  }
  const reply = await res.json();
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.result;
}
async function timed(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const raw = new Database(dbPath, { readonly: true });
raw.pragma('cache_size = -262144');
const rawScan = raw.prepare(
  `SELECT currency, COUNT(*) AS orders, SUM(net_minor) AS net, SUM(vat_minor) AS vat, SUM(gross_minor) AS gross
   FROM orders INDEXED BY bench_orders_placed WHERE placed_at >= ? AND placed_at < ? AND source = 'seed' AND status IN ('paid', 'fulfilled') GROUP BY currency`,
);
const ms = (day) => Date.parse(`${day}T00:00:00Z`);
// The partner whose clients the bench data holds (the demo partner): DuckDB answers for the same one.
const partnerId = raw.prepare('SELECT partner_id FROM companies WHERE partner_id IS NOT NULL GROUP BY partner_id ORDER BY COUNT(*) DESC LIMIT 1').pluck().get();
const duck = await openDuckSales({ sqlitePath: dbPath, folder: join(dataDir, 'duckdb'), partnerId, log });
if (duck.built) log(`DuckDB copy built in ${duck.built.seconds.toFixed(0)} s (cached for later runs)`);
const peerOf = `DuckDB ${duck.settings.version} (threads ${duck.settings.threads}, memory_limit ${duck.settings.memory_limit}), same orders loaded once from CSV, sorted by time, queried in-process`;

/** PartnerDeck's and DuckDB's month figures must agree, or the comparison is void. */
function sameSummary(ours, theirs) {
  const [now, before, [selling], [counts]] = theirs;
  const totals = (rows) => rows.map((r) => ({ currency: r.currency, orders: Number(r.orders), items: Number(r.items), netMinor: Number(r.net_minor), vatMinor: Number(r.vat_minor), grossMinor: Number(r.gross_minor) })).sort((a, b) => a.currency.localeCompare(b.currency));
  const mine = (rows) => rows.map((r) => ({ currency: r.currency, orders: r.orders, items: r.items, netMinor: r.netMinor, vatMinor: r.vatMinor, grossMinor: r.grossMinor })).sort((a, b) => a.currency.localeCompare(b.currency));
  const a = { totals: mine(ours.totals), previous: mine(ours.previous), newCustomers: ours.newCustomers, clients: ours.clients, customers: ours.customers, clientsWithSales: ours.clientsWithSales };
  const b = {
    totals: totals(now),
    previous: totals(before),
    newCustomers: now.reduce((n, r) => n + Number(r.new_customers), 0),
    clients: Number(counts.clients),
    customers: Number(counts.customers),
    clientsWithSales: Number(selling.clients_with_sales),
  };
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`DuckDB and PartnerDeck disagree on the month: ${JSON.stringify(a).slice(0, 400)} vs ${JSON.stringify(b).slice(0, 400)}`);
}

function sameTopProducts(ours, [theirs]) {
  const a = ours.flatMap((g) => g.rows.map((r) => `${g.currency}|${r.productId}|${r.orders}|${r.quantity}|${r.netMinor}|${r.grossMinor}`));
  const b = theirs.map((r) => `${r.currency}|${r.product_id}|${r.orders}|${r.quantity}|${r.net_minor}|${r.gross_minor}`);
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`DuckDB and PartnerDeck disagree on top products: ${a.slice(0, 3)} vs ${b.slice(0, 3)}`);
}

try {
  await call('session.switch', { companyId: null });
  const month = { from: '2026-10-01', to: '2026-10-31' };
  const full = { from: '2024-11-01', to: END };

  // 1. Combined figures of one month, all clients, against the raw covering-index scan of that month.
  const previousMonth = { from: '2026-09-01', to: '2026-09-30' };
  for (let i = 0; i < 5; i++) {
    await call('sales.summary', month);
    await duck.summary(month, previousMonth);
    rawScan.all(ms(month.from), ms('2026-11-01'));
  }
  const combined = [];
  const peer = [];
  const scan = [];
  let check = null;
  let duckCheck = null;
  for (let i = 0; i < RUNS; i++) {
    combined.push(await timed(async () => (check = await call('sales.summary', month))));
    peer.push(await timed(async () => (duckCheck = await duck.summary(month, previousMonth))));
    const started = performance.now();
    rawScan.all(ms(month.from), ms('2026-11-01'));
    scan.push(performance.now() - started);
  }
  if (check.scope.partnerId !== partnerId || check.previousRange.from !== previousMonth.from) throw new Error('the bench asked DuckDB for another partner or month than PartnerDeck answered');
  sameSummary(check, duckCheck);
  emit('sales.combined_month_p95', pct(combined, 95), 'ms', pct(scan, 95), {
    peer: round(pct(peer, 95)),
    peer_ratio: Number((pct(combined, 95) / pct(peer, 95)).toFixed(2)),
    p50: round(pct(combined, 50)),
    peer_p50: round(pct(peer, 50)),
    baseline_p50: round(pct(scan, 50)),
    runs: RUNS,
    clients: check.clients,
    ordersInMonth: check.orders,
    target: 'p95 <= 0.5 x peer and < 25 ms',
    baseline_of: 'raw covering-index scan of the same month of orders (GROUP BY currency), same run',
    peer_of: `${peerOf}: the same figures (month and previous month per currency, new customers, selling clients, clients, customers)`,
  });

  // 2. A client's dashboard after a switch: the largest clients and a spread of others.
  const byClient = await call('sales.byClient', { ...full, sort: 'orders', direction: 'desc', limit: 500 });
  const clients = byClient.items.map((r) => r.companyId);
  const pick = [...clients.slice(0, 5), ...clients.filter((_, i) => i % Math.max(1, Math.floor(clients.length / (RUNS - 5))) === 0)].slice(0, RUNS);
  const dash = { from: '2026-10-02', to: END };
  const dashboards = [];
  const trips = [];
  for (const companyId of pick) {
    dashboards.push(
      await timed(async () => {
        await call('session.switch', { companyId });
        await call('dashboard.get', { companyId, ...dash });
      }),
    );
    trips.push(await timed(() => call('session.get')));
  }
  await call('session.switch', { companyId: null });
  emit('sales.dashboard_after_switch_p95', pct(dashboards, 95), 'ms', pct(trips, 95), {
    p50: round(pct(dashboards, 50)),
    runs: dashboards.length,
    largestClientOrders: byClient.items[0]?.orders,
    target: 'p95 < 50 ms',
    baseline_of: 'a bare console round trip (session.get) over the same HTTP transport, same run',
  });

  // 3. The slowest date-range aggregate.
  const aggregates = {
    'summary 24 months': () => call('sales.summary', full),
    'summary with edge days': () => call('sales.summary', { from: '2025-01-15', to: '2026-10-20' }),
    'by client 24 months': () => call('sales.byClient', { ...full, sort: 'gross' }),
    'by month 24 months': () => call('sales.byMonth', full),
    'by kind 24 months': () => call('sales.byKind', full),
    'over time 24 months': () => call('sales.overTime', { ...full, top: 5 }),
    'over time 60 days by day': () => call('sales.overTime', { from: '2026-09-02', to: END, top: 5 }),
    'top clients 24 months': () => call('sales.topClients', full),
    'top products 24 months': () => call('sales.topProducts', full),
    'top products last 30 days': () => call('sales.topProducts', { from: '2026-10-02', to: END }),
    'top products with edge days': () => call('sales.topProducts', { from: '2025-11-15', to: '2026-10-20' }),
    // The most daily rows top products can read: 15 edge days at each end (more would read month minus days).
    'top products, 15 edge days each end': () => call('sales.topProducts', { from: '2024-11-16', to: '2026-10-15' }),
    'product listing, first page': () => call('sales.products', {}),
  };
  // DuckDB's answer to each (the product listing is a page of products, not an aggregate: no peer there).
  // The previous range of a summary is PartnerDeck's rule (a whole-month range: as many months before it).
  const previousOf = async (range) => (await call('sales.summary', range)).previousRange;
  const edge = { from: '2025-01-15', to: '2026-10-20' };
  const [fullBefore, edgeBefore] = [await previousOf(full), await previousOf(edge)];
  const duckAggregates = {
    'summary 24 months': () => duck.summary(full, fullBefore),
    'summary with edge days': () => duck.summary(edge, edgeBefore),
    'by client 24 months': () => duck.byClient(full),
    'by month 24 months': () => duck.byMonth(full),
    'by kind 24 months': () => duck.byKind(full),
    'over time 24 months': () => duck.overTime(full, 'month'),
    'over time 60 days by day': () => duck.overTime({ from: '2026-09-02', to: END }, 'day'),
    'top clients 24 months': () => duck.topClients(full),
    'top products 24 months': () => duck.topProducts(full),
    'top products last 30 days': () => duck.topProducts({ from: '2026-10-02', to: END }),
    'top products with edge days': () => duck.topProducts({ from: '2025-11-15', to: '2026-10-20' }),
    'top products, 15 edge days each end': () => duck.topProducts({ from: '2024-11-16', to: '2026-10-15' }),
  };
  sameTopProducts(await call('sales.topProducts', full), await duck.topProducts(full));
  const slowest = { name: '', ms: 0 };
  const each = {};
  const peerEach = {};
  for (const [name, run] of Object.entries(aggregates)) {
    await run();
    const times = [await timed(run), await timed(run), await timed(run)];
    each[name] = round(Math.max(...times));
    if (each[name] > slowest.ms) Object.assign(slowest, { name, ms: each[name] });
    const theirs = duckAggregates[name];
    if (theirs) {
      await theirs();
      peerEach[name] = round(Math.max(await timed(theirs), await timed(theirs), await timed(theirs)));
    }
  }
  const peerSlowest = Math.max(...Object.values(peerEach));
  const fullScan = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    rawScan.all(ms(full.from), ms('2026-11-01'));
    fullScan.push(performance.now() - started);
  }
  emit('sales.slowest_range_aggregate', slowest.ms, 'ms', Math.max(...fullScan), {
    which: slowest.name,
    peer: peerSlowest,
    peer_ratio: Number((slowest.ms / peerSlowest).toFixed(2)),
    peer_which: Object.entries(peerEach).find(([, v]) => v === peerSlowest)[0],
    each,
    peer_each: peerEach,
    target: '< 500 ms',
    baseline_of: 'raw covering-index scan of all 24 months of orders, same run',
    peer_of: `${peerOf}: the same aggregates (worst of 3 runs each, like PartnerDeck's)`,
  });
} finally {
  raw.close();
  duck.close();
  await new Promise((resolve) => {
    consoleApp.child.once('exit', resolve);
    consoleApp.child.kill('SIGTERM');
  });
}

// 4. Seed speed on a fresh folder, against plain INSERTs.
const work = mkdtempSync(join(tmpdir(), 'pd-bench-seed-'));
try {
  const seedClients = Math.max(10, Math.round((CLIENTS * SEED_ORDERS) / ORDERS));
  const run = seed(join(work, 'seed'), seedClients, SEED_ORDERS);
  const db = new Database(join(work, 'plain.sqlite'));
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  db.exec('CREATE TABLE plain (id INTEGER PRIMARY KEY, company_id INTEGER, number INTEGER, customer_id INTEGER, status TEXT, currency TEXT, net_minor INTEGER, vat_minor INTEGER, gross_minor INTEGER, item_count INTEGER, is_demo INTEGER, source TEXT, placed_at INTEGER, created_at INTEGER, updated_at INTEGER) STRICT');
  const insert = db.prepare('INSERT INTO plain VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const rows = Math.min(run.rows, 3_000_000);
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(i + 1, 1 + (i % 5000), i, i % 100_000, 'paid', 'EUR', 1000, 190, 1190, 1, 0, 'seed', 1.7e12 + i, 1.7e12 + i, 1.7e12 + i);
  })();
  const plain = rows / ((performance.now() - started) / 1000);
  db.close();
  emit('sales.seed_rows_per_second', run.rowsPerSecond, 'rows/s', plain, {
    rows: run.rows,
    orders: run.orders,
    lines: run.lines,
    rollupRows: run.rollupRows,
    seconds: round(run.seconds),
    companies: seedClients,
    ...(built ? { full_seed: { rows: built.rows, rowsPerSecond: built.rowsPerSecond, seconds: round(built.seconds), orders: built.orders, rollupRows: built.rollupRows } } : {}),
    baseline_of: 'plain single-row INSERTs into an equivalent table without indexes, one transaction, same run',
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
