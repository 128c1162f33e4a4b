// Logistics (issue 15, `npm run bench -- logistics`), measured against the current source (bench/harness/
// logistics-harness.ts, bundled here with esbuild):
//   logistics.rate_choice_ms        the rate choice a checkout adds, at 1,000 rate rules: the shop's choices, the
//                                   rules of its providers in the order's currency, selectRate (median of a
//                                   quote, which is exactly that plus the cart's products). Target: < 2 ms.
//                                   Baseline: reading those rule rows once with a prepared statement.
//   logistics.checkout_overhead_ms  median(checkout with shipping) - median(checkout of a shop that ships itself):
//                                   what forwarding costs in all (rate, shipping row, reservation, email).
//                                   Baseline: the median checkout without shipping.
//   logistics.queue_open_ms         the fulfillment queue's first page + count, as the console opens it, for a
//   logistics.shipments_open_ms     provider serving every shop of a 5,000-company folder with 1,000,000 orders
//   logistics.*_filtered_ms         (one shipment each); and with a filter. Target: < 300 ms. Baseline: one page
//                                   of 100 shipment rows by the same index (no joins, no count).
// Smaller runs: --companies=N --orders=M (or BENCH_LOGISTICS_COMPANIES, BENCH_LOGISTICS_ORDERS); BENCH_LOGISTICS_DIR
// keeps the cached folder elsewhere than the system temp folder. --rules=N changes the rule count (default 1000).
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { arg, bin, root } from './bench-kit.mjs';

const require = createRequire(import.meta.url);
const COMPANIES = arg('companies', 'BENCH_LOGISTICS_COMPANIES', 5000);
const ORDERS = arg('orders', 'BENCH_LOGISTICS_ORDERS', 1_000_000);
const RULES = arg('rules', 'BENCH_LOGISTICS_RULES', 1000);
const DEMO_CLIENTS = 8;
/** Bumped whenever the schema or the data change, so a cached folder is never stale. */
const DATA_VERSION = 2;
const machine = { cores: cpus().length, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version, load1: Number(loadavg()[0].toFixed(2)) };
const round = (x) => Math.round(x * 1000) / 1000;
const emit = (bench, value, unit, baseline, extra = {}) =>
  console.log(JSON.stringify({ bench, value: round(value), unit, baseline: round(baseline), ratio: Number((value / baseline).toFixed(2)), ...machine, ...extra }));
const log = (line) => process.stderr.write(`bench logistics: ${line}\n`);

// The harness, bundled from the current source beside node_modules (better-sqlite3 stays external: native).
const cache = join(root, 'node_modules', '.cache', 'partnerdeck-bench');
mkdirSync(cache, { recursive: true });
const harnessFile = join(cache, 'logistics-harness.cjs');
buildSync({ entryPoints: [join(root, 'bench/harness/logistics-harness.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: harnessFile, external: ['better-sqlite3'], loader: { '.wasm': 'binary' }, logLevel: 'error' });
const harness = require(harnessFile);

/** Median of `runs` timed calls (ms), after `warm` untimed ones. */
function median(fn, runs, warm = Math.min(50, runs)) {
  for (let i = 0; i < warm; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

// ---- The rate choice at checkout -------------------------------------------------------------------
{
  const dir = mkdtempSync(join(tmpdir(), 'pd-bench-logistics-'));
  try {
    const platform = harness.open(dir);
    const fixture = harness.checkoutFixture(platform, RULES);
    const answer = fixture.quote();
    if (answer.kind !== 'rate') throw new Error(`the fixture's quote found no rate: ${JSON.stringify(answer)}`);
    const rawRows = fixture.rawRules().length;
    const baseline = median(fixture.rawRules, 2000);
    emit('logistics.rate_choice_ms', median(fixture.quote, 2000), 'ms', baseline, { rules: fixture.rules, rows_read: rawRows, target_ms: 2 });
    const plain = median(fixture.checkoutPlain, 300, 20);
    const withShipping = median(fixture.checkoutWithShipping, 300, 20);
    emit('logistics.checkout_overhead_ms', withShipping - plain, 'ms', plain, { checkout_ms: round(withShipping), rules: fixture.rules });
    platform.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- The lists of a provider serving every shop ------------------------------------------------------
const cacheRoot = process.env.BENCH_LOGISTICS_DIR ?? join(tmpdir(), 'partnerdeck-bench-logistics');
const cached = join(cacheRoot, `v${DATA_VERSION}-c${COMPANIES}-o${ORDERS}`);
if (!existsSync(join(cached, 'ready'))) {
  rmSync(cached, { recursive: true, force: true });
  mkdirSync(cached, { recursive: true });
  log(`building ${COMPANIES.toLocaleString('en')} companies / ${ORDERS.toLocaleString('en')} orders in ${cached} (cached for later runs)`);
  const seeded = spawnSync(process.execPath, [bin, 'seed', '--companies', String(Math.max(1, COMPANIES - DEMO_CLIENTS)), '--orders', String(ORDERS), '--months', '3', '--end', '2026-10-31', '--seed', '1', '--data-dir', cached, '--json'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (seeded.status !== 0) throw new Error('partnerdeck seed failed');
  const platform = harness.open(cached);
  const big = harness.bigProvider(platform);
  log(`forwarded every order: ${big.shipments.toLocaleString('en')} shipments for ${big.shops.toLocaleString('en')} shops`);
  platform.db.pragma('wal_checkpoint(TRUNCATE)');
  platform.close();
  mkdirSync(join(cached, 'ready'));
}
{
  const platform = harness.open(cached);
  try {
    const big = harness.bigProvider(platform);
    const calls = harness.listCalls(platform, big.providerId);
    const baseline = median(calls.rawPage, 50, 5);
    const extra = { shipments: big.shipments, shops: big.shops, target_ms: 300 };
    // The first call after opening is what the screen waits for; the median is the steady state.
    for (const [name, fn] of [
      ['logistics.queue_open_ms', calls.queue],
      ['logistics.queue_filtered_ms', calls.queueFiltered],
      ['logistics.shipments_open_ms', calls.shipments],
      ['logistics.shipments_filtered_ms', calls.shipmentsFiltered],
    ]) {
      const first = performance.now();
      const page = fn();
      const firstMs = performance.now() - first;
      if (name === 'logistics.shipments_open_ms' && page.total !== big.shipments) throw new Error(`shipments total ${page.total}, expected ${big.shipments}`);
      emit(name, median(fn, 30, 3), 'ms', baseline, { ...extra, first_ms: round(firstMs), total: page.total });
    }
  } finally {
    platform.close();
  }
}
