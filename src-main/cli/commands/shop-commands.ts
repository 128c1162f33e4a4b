// CLI commands of the shop area: `seed`, which adds client companies in bulk and, with --orders, fills
// their shops with scale data (products, customers, orders over months, rollups).
import { dayStartMs } from '../../../src-shared/domain/date-range';
import { OPERATOR } from '../../core/access';
import { DEMO_PARTNER_EMAIL, seedDemoIfEmpty } from '../../core/seed/demo-seed';
import { seedBulkCompanies } from '../../core/seed/bulk-seed';
import { assertSalesSeedCanStart, seedSales } from '../../core/seed/sales-seed';
import { UsageError } from '../cli-io';
import { ifFound, jsonOption, positiveInt, required, str, type Command } from '../command-kit';
import { createProgressBar } from '../progress-bar';

/** Said on stderr when the bulk load starts (issue 16 L12): what a crash can leave behind, and how to recover. */
export const SEED_ORDERS_RISK =
  'partnerdeck: seed --orders loads in one transaction with synchronous = OFF (no waiting for the disk). Stopped or crashed, it leaves nothing behind: ' +
  'the next start undoes it. If the machine itself crashes or loses power before it ends, the database file can be damaged: `partnerdeck doctor` tells; ' +
  'then restore a snapshot saved before (`partnerdeck snapshot save NAME` first) or seed an empty folder.';

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Generate client companies in bulk, and with --orders their shops and sales (scale tests, big demos)',
  description:
    'A progress bar goes to stderr when it is a terminal. The same --seed and --end give the same data. With --orders the load is one transaction with synchronous = OFF: it needs the data folder to itself (it refuses at once while a serve, the console, the desktop app or another process has it open), a stop or crash of the process leaves the folder as before, and a crash of the machine or a power loss in the middle can damage the database file (`partnerdeck doctor` checks it; save a snapshot first to go back to).',
  options: {
    companies: { value: 'N', description: 'how many client companies to add', required: true },
    orders: { value: 'M', description: 'fill their shops: M orders in total, few large clients and many small ones, with products, repeat customers, seasonality and the sales rollups' },
    months: { value: 'K', description: 'months of order history up to --end (default 24)' },
    partner: { value: 'ID', description: 'the partner they belong to (default: the demo partner, seeded if the folder is empty)' },
    seed: { value: 'S', description: 'the random seed (default 1)' },
    end: { value: 'YYYY-MM-DD', description: 'the day the history ends (default: today)' },
    json: jsonOption('the result (rows, rowsPerSecond, ...)'),
  },
  examples: ['seed --companies 5000', 'seed --companies 200 --orders 100000 --months 24 --end 2026-10-31 --json'],
  async run({ values, io, openPlatform }) {
    const count = positiveInt(required(values, 'companies'), 'companies')!;
    const orders = str(values, 'orders') === '0' ? 0 : positiveInt(str(values, 'orders'), 'orders');
    const months = positiveInt(str(values, 'months'), 'months') ?? 24;
    if (months > 120) throw new UsageError(`--months must be at most 120 (got ${months})`);
    const seed = positiveInt(str(values, 'seed'), 'seed') ?? 1;
    const endRaw = str(values, 'end');
    const endDay = endRaw === undefined ? undefined : dayStartMs(endRaw);
    if (endDay === null) throw new UsageError(`--end must be a date as YYYY-MM-DD (got "${endRaw}")`);
    if (orders === undefined && (str(values, 'months') !== undefined || endRaw !== undefined)) throw new UsageError('--months and --end need --orders');
    // The bulk load needs the folder to itself: asked before anything is written (the demo partner of an empty folder).
    const platform = openPlatform(orders ? 'none' : 'demo');
    try {
      if (orders) {
        assertSalesSeedCanStart(platform);
        seedDemoIfEmpty(platform);
      }
      const partnerId =
        positiveInt(str(values, 'partner'), 'partner') ??
        platform.localUsers.actorByEmail(DEMO_PARTNER_EMAIL)?.companyId ??
        (() => {
          throw new UsageError('no demo partner in this data folder: pass --partner ID');
        })();
      const partner = ifFound(() => platform.companies.get(OPERATOR, partnerId));
      if (!partner?.isPartner) throw new UsageError(`--partner: company ${partnerId} is not a partner`);
      const bar = createProgressBar(process.stderr, orders ? 'orders' : 'companies');
      if (!orders) {
        const started = Date.now();
        const result = seedBulkCompanies(platform, partnerId, count, (done) => bar.update(done, count, done * 2));
        bar.finish();
        const seconds = (Date.now() - started) / 1000;
        if (values.json) io.out(JSON.stringify({ ...result, seconds }));
        else io.out(`added ${result.created} client companies to partner ${partnerId} (ids ${result.firstId}-${result.lastId}) in ${seconds.toFixed(2)} s`);
        return 0;
      }
      const result = seedSales(platform, {
        partnerId,
        companies: count,
        orders,
        months,
        seed,
        // The end of the given day (exclusive), or now.
        end: endDay === undefined ? undefined : endDay + 86_400_000 - 1,
        onStart: () => io.err(SEED_ORDERS_RISK),
        onProgress: (p) => {
          bar.update(p.ordersDone, p.ordersTotal, p.rows);
          if (p.phase === 'indexes' && process.stderr.isTTY) process.stderr.write('\n  building indexes…');
        },
      });
      bar.finish();
      if (values.json) io.out(JSON.stringify(result));
      else {
        const n = (v: number) => v.toLocaleString('en');
        io.out(
          `added ${n(result.companies.created)} client companies to partner ${partnerId} (ids ${result.companies.firstId}-${result.companies.lastId}) with ` +
            `${n(result.products)} products, ${n(result.customers)} customers, ${n(result.orders)} orders (${n(result.lines)} lines) over ${months} months ` +
            `in ${result.currencies.length} currencies: ${n(result.rows)} rows in ${result.seconds.toFixed(1)} s (${n(result.rowsPerSecond)} rows/s)`,
        );
      }
      return 0;
    } finally {
      platform.close();
    }
  },
};

export const SHOP_COMMANDS: Command[] = [seedCommand];
