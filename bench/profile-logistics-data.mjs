// The logistics area on the data layer (issue 21) against what it was, in ONE process: the platform bundled from the
// current source and from a git revision before the conversion (default: BENCH_OLD_REV=6c93d90, the synchronous
// logistics repository), each opening its own copy of the same data, alternated ABBA over the rounds, CPU time per
// operation (process.cpuUsage), as `npm run bench -- logistics` would see them:
//   queue_open      the fulfillment queue's first page + count ("to ship"), for a provider serving every shop of a
//                   seeded folder (bench/harness/logistics-harness.ts bigProvider)
//   shipments_open  the shipments list's first page + count, same provider
//   ship            one fulfillment.ship of a forwarded order (the checkout that forwards it is not timed)
//   checkout        a storefront checkout that forwards its order (rate choice, reservation, email: the order hook)
//   quote           the rate choice at 1,000 rules
// Prints one JSON line per operation: median and best round (µs/op) old and new, new/old of the medians, the load.
// BENCH_ROUNDS (default 8), BENCH_COMPANIES / BENCH_ORDERS of the seeded folder (default 300 / 60,000). BENCH_FIRST
// (old|new, default old): which side's data is set up first — it matters (the side set up first measured up to 15 %
// faster at ship on a loaded machine, whichever code it ran), so run both orders and read them together.
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, root } from './bench-kit.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 300);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 60_000);
const OLD = process.env.BENCH_OLD_REV ?? '6c93d90';
const FIRST = process.env.BENCH_FIRST === 'new' ? 'new' : 'old';
const log = (line) => process.stderr.write(`profile logistics: ${line}\n`);

const work = mkdtempSync(join(tmpdir(), 'pd-profile-logistics-'));
try {
  // The old source tree, beside the new one's node_modules.
  const oldTree = join(work, 'old');
  mkdirSync(oldTree);
  execFileSync('sh', ['-c', `git -C "${root}" archive ${OLD} src-main src-shared bench/harness | tar -x -C "${oldTree}"`]);
  const bundles = {};
  for (const [side, dir] of [['old', oldTree], ['new', root]]) {
    const outfile = join(root, 'node_modules', '.cache', `pd-profile-logistics-${side}.cjs`);
    await build({
      entryPoints: [join(dir, 'bench/harness/logistics-harness.ts')], bundle: true, platform: 'node', format: 'cjs', outfile,
      nodePaths: [join(root, 'node_modules')], external: ['better-sqlite3', 'pg-native', 'electron'], loader: { '.wasm': 'binary' }, logLevel: 'error',
    });
    bundles[side] = createRequire(join(root, 'package.json'))(outfile);
  }

  log(`seeding ${COMPANIES} companies / ${ORDERS} orders`);
  const seeded = join(work, 'seeded');
  const made = spawnSync(process.execPath, [bin, 'seed', '--companies', String(COMPANIES), '--orders', String(ORDERS), '--months', '3', '--end', '2026-10-31', '--seed', '1', '--data-dir', seeded, '--json'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (made.status !== 0) throw new Error('partnerdeck seed failed');
  {
    const platform = bundles.new.open(seeded);
    bundles.new.bigProvider(platform);
    platform.db.pragma('wal_checkpoint(TRUNCATE)');
    platform.close();
  }

  const sides = {};
  for (const side of FIRST === 'old' ? ['old', 'new'] : ['new', 'old']) {
    const h = bundles[side];
    const listDir = join(work, `lists-${side}`);
    cpSync(seeded, listDir, { recursive: true });
    const lists = h.open(listDir);
    const calls = h.listCalls(lists, h.bigProvider(lists).providerId);
    const checkoutDir = join(work, `checkout-${side}`);
    mkdirSync(checkoutDir);
    const platform = h.open(checkoutDir);
    const fixture = h.checkoutFixture(platform, 1000);
    const providerId = fixture.providerId;
    const warehouseId = platform.db.prepare('SELECT id FROM logistics_warehouses WHERE provider_id = ?').pluck().get(providerId);
    const forwarded = [];
    sides[side] = {
      queue_open: { run: () => calls.queue() },
      shipments_open: { run: () => calls.shipments() },
      checkout: { run: () => forwarded.push(fixture.checkoutWithShipping().id) },
      ship: {
        // Orders to ship are made before the timing (one checkout each).
        prepare: (n) => {
          while (forwarded.length < n) forwarded.push(fixture.checkoutWithShipping().id);
        },
        run: () => platform.fulfillment.ship(h.OPERATOR, { providerId, orderId: forwarded.pop(), warehouseId, carrier: 'DHL', trackingNumber: 'T' }),
      },
      quote: { run: () => fixture.quote() },
    };
  }

  const OPS = { queue_open: 20, shipments_open: 20, checkout: 300, ship: 500, quote: 300 };
  const cpuOf = (fn, n, op) => {
    op.prepare?.(n);
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) fn();
    const used = process.cpuUsage(start);
    return ((used.user + used.system) / n);
  };
  for (const name of Object.keys(OPS)) {
    const n = OPS[name];
    // Warm both (statements prepared, JIT).
    for (const side of ['old', 'new']) cpuOf(sides[side][name].run, Math.ceil(n / 4), sides[side][name]);
    const times = { old: [], new: [] };
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 4 === 0 || r % 4 === 3 ? ['old', 'new'] : ['new', 'old'];
      for (const side of order) times[side].push(cpuOf(sides[side][name].run, n, sides[side][name]));
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const best = (xs) => Math.min(...xs);
    const r2 = (x) => Math.round(x * 100) / 100;
    console.log(JSON.stringify({
      op: name, ops_per_round: n, rounds: ROUNDS, old_median_us: r2(median(times.old)), new_median_us: r2(median(times.new)),
      old_best_us: r2(best(times.old)), new_best_us: r2(best(times.new)), ratio: Number((median(times.new) / median(times.old)).toFixed(3)),
      first: FIRST, cores: cpus().length, load1: Number(loadavg()[0].toFixed(2)),
    }));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
