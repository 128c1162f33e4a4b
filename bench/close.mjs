// The month close of issue 7 (`npm run bench -- close`): closing one month for 5,000 companies with
// 1,000,000 orders in it (made once with `partnerdeck seed` over that one month and cached by its
// parameters), measured in one run:
//   close.month_seconds    wall time of `partnerdeck close-month 2026-10 --json` (the built CLI, every
//                          company: plan, gapless numbers, documents with parts and lines, close records,
//                          emails to the outbox, in one transaction) on a fresh copy of the cached folder.
//                          Target: under 10 s. Baseline: one raw aggregate scan of that month's orders
//                          (per company and currency: count, net, VAT, gross) in the same run.
//   close.preview_seconds  the same month's `--preview` (computes everything, writes nothing).
// Smaller runs: --companies=N --orders=M (or BENCH_CLOSE_COMPANIES, BENCH_CLOSE_ORDERS); BENCH_CLOSE_DIR
// keeps the cached data elsewhere than the system temp folder.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { arg, bin, loadSqlite } from './bench-kit.mjs';

const Database = loadSqlite();
const DEMO_CLIENTS = 8;
const COMPANIES = arg('companies', 'BENCH_CLOSE_COMPANIES', 5000);
const ORDERS = arg('orders', 'BENCH_CLOSE_ORDERS', 1_000_000);
const MONTH = '2026-10';
const END = '2026-10-31';
/** Bumped whenever the schema or the seed's data change, so a cached folder is never stale. */
const DATA_VERSION = 1;
const machine = { cores: cpus().length, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version, load1: Number(loadavg()[0].toFixed(2)) };
const round = (x) => Math.round(x * 1000) / 1000;
const emit = (bench, value, unit, baseline, extra = {}) =>
  console.log(JSON.stringify({ bench, value: round(value), unit, baseline: round(baseline), ratio: Number((value / baseline).toFixed(2)), ...machine, ...extra }));
const log = (line) => process.stderr.write(`bench close: ${line}\n`);

function cli(args) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 512 * 2 ** 20 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`partnerdeck ${args.join(' ')} failed (${result.status})`);
  return { seconds, json: JSON.parse(result.stdout) };
}

// ---- The data: built once per parameter set ------------------------------------------------------
const cacheRoot = process.env.BENCH_CLOSE_DIR ?? join(tmpdir(), 'partnerdeck-bench-close');
const cached = join(cacheRoot, `v${DATA_VERSION}-c${COMPANIES}-o${ORDERS}-${MONTH}-s1`);
if (!existsSync(join(cached, 'ready'))) {
  rmSync(cached, { recursive: true, force: true });
  mkdirSync(cached, { recursive: true });
  log(`building ${COMPANIES.toLocaleString('en')} companies / ${ORDERS.toLocaleString('en')} orders in ${MONTH} in ${cached} (cached for later runs)`);
  const seeded = cli(['seed', '--companies', String(COMPANIES - DEMO_CLIENTS), '--orders', String(ORDERS), '--months', '1', '--end', END, '--seed', '1', '--data-dir', cached, '--json']);
  log(`seeded in ${seeded.seconds.toFixed(1)} s`);
  const db = new Database(join(cached, 'partnerdeck.sqlite'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  mkdirSync(join(cached, 'ready'));
}

// ---- A fresh copy for each close (a closed month stays closed) -----------------------------------
function freshCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'pd-bench-close-'));
  for (const name of ['partnerdeck.sqlite', 'secret.key']) if (existsSync(join(cached, name))) copyFileSync(join(cached, name), join(dir, name));
  return dir;
}

// Baseline: one raw aggregate scan of the month's orders, per company and currency.
const db = new Database(join(cached, 'partnerdeck.sqlite'), { readonly: true });
const start = Date.parse(`${MONTH}-01T00:00:00Z`);
const end = Date.parse('2026-11-01T00:00:00Z');
const scan = db.prepare(
  `SELECT company_id, currency, count(*) AS orders, sum(net_minor) AS net, sum(vat_minor) AS vat, sum(gross_minor) AS gross
   FROM orders WHERE placed_at >= ? AND placed_at < ? AND status IN ('paid', 'fulfilled') GROUP BY company_id, currency`,
);
const orderCount = db.prepare('SELECT count(*) FROM orders WHERE placed_at >= ? AND placed_at < ?').pluck().get(start, end);
const companyCount = db.prepare('SELECT count(*) FROM companies').pluck().get();
scan.all(start, end); // warm the page cache the same way the close finds it
const scanStarted = performance.now();
const groups = scan.all(start, end).length;
const scanSeconds = (performance.now() - scanStarted) / 1000;
db.close();
log(`${companyCount} companies, ${orderCount} orders in ${MONTH}; raw scan ${scanSeconds.toFixed(2)} s (${groups} company/currency groups)`);

const previewDir = freshCopy();
const preview = cli(['close-month', MONTH, '--preview', '--json', '--data-dir', previewDir]);
rmSync(previewDir, { recursive: true, force: true });
emit('close.preview_seconds', preview.seconds, 's', scanSeconds, { documents: preview.json.documents.length, companies: companyCount, orders: orderCount });

const closeDir = freshCopy();
const closed = cli(['close-month', MONTH, '--json', '--data-dir', closeDir]);
const again = cli(['close-month', MONTH, '--json', '--data-dir', closeDir]);
rmSync(closeDir, { recursive: true, force: true });
if (!again.json.alreadyClosed || again.json.issued.length !== 0) throw new Error('the second close issued documents');
emit('close.month_seconds', closed.seconds, 's', scanSeconds, {
  target: 10,
  documents: closed.json.issued.length,
  companiesClosed: closed.json.companiesClosed,
  companies: companyCount,
  orders: orderCount,
  secondCloseSeconds: round(again.seconds),
});
