// Top products are read from four rollups at once (quarters, months, the daily rows of the edge days, each signed),
// chosen per range (sales-repository topProducts, quarterPieces, productPieces). Whatever the range, the answer must
// equal the same figures summed from raw orders and lines: this test draws random ranges (plus quarter, year and
// leap-day edges) over 3 years of orders that were created, edited, refunded and deleted through the services, for
// the partner (demo data in and out), one client and an empty client, in several currencies. A rollup left stale by
// any write path (or read over the wrong periods) makes it fail.
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../../../src-main/core/access';
import { quarterPieces } from '../../../../../src-main/core/repositories/sales-repository';
import { addDays } from '../../../../../src-shared/domain/date-range';
import { ORDER_TRANSITIONS, type OrderStatus } from '../../../../../src-shared/domain/shop';
import { prng } from '../../../../helpers/prng';
import { openShopPlatform } from '../../../../helpers/shop';

const open: { platform: { dispose(): void } }[] = [];
afterEach(() => open.splice(0).forEach((o) => o.platform.dispose()));

const DAY = 86_400_000;

describe('quarterPieces', () => {
  it('splits whole months into whole quarters and the months before and after them', () => {
    expect(quarterPieces([202412, 202609])).toEqual({ quarters: [20251, 20263], months: [202412] });
    expect(quarterPieces([202411, 202610])).toEqual({ quarters: [20251, 20263], months: [202411, 202412, 202610] });
    expect(quarterPieces([202501, 202503])).toEqual({ quarters: [20251, 20251], months: [] });
    expect(quarterPieces([202502, 202505])).toEqual({ quarters: null, months: [202502, 202503, 202504, 202505] });
    expect(quarterPieces([202510, 202603])).toEqual({ quarters: [20254, 20261], months: [] });
    expect(quarterPieces([202611, 202611])).toEqual({ quarters: null, months: [202611] });
  });
});

describe('top products from the rollups', { timeout: 120_000 }, () => {
  it('equal the raw order lines over random ranges (quarter, year and leap-day edges; demo in and out; one client, an empty one)', () => {
    const { platform, partner, newClient } = openShopPlatform();
    open.push({ platform });
    const rnd = prng(27);
    const now = platform.clock.now();
    const start = Date.parse('2023-12-01T00:00:00Z');
    const clients = [newClient({ country: 'DE' }), newClient({ country: 'GB' }), newClient({ country: 'JP' }), newClient({ country: 'NL', sample: true })];
    const empty = newClient({ country: 'FR' });
    const shops = clients.map((companyId) => {
      const product = (kind: 'physical' | 'digital' | 'service', name: string, priceMinor: number, extra: object = {}) =>
        platform.catalog.createProduct(OPERATOR, companyId, { kind, name, sku: '', description: '', priceMinor, isActive: true, categoryIds: [], ...extra } as never).id;
      const products = [
        product('physical', 'Lamp', 4999, { weightGrams: 800, stock: 1_000_000 }),
        product('digital', 'E-book', 1299),
        product('service', 'Setup', 15000),
        product('service', 'Support', 333),
        product('digital', 'Font', 2500),
      ];
      const customers = Array.from({ length: 5 }, (_, i) =>
        platform.customers.create(OPERATOR, companyId, { email: `c${i}@shop${companyId}.example`, name: `Customer ${i}`, phone: '', street: '', city: '', postalCode: '', country: '', acceptsMarketing: false, note: '' }).id,
      );
      return { companyId, products, customers, orders: [] as number[] };
    });
    const lines = (products: number[]) => Array.from({ length: 1 + rnd.int(3) }, () => ({ productId: rnd.pick(products), quantity: 1 + rnd.int(4) }));
    // Some orders fall on the edges that matter: quarter and year ends and starts, and 29 February 2024.
    const edges = ['2023-12-31', '2024-01-01', '2024-02-29', '2024-03-01', '2024-03-31', '2024-04-01', '2024-06-30', '2024-07-01', '2024-12-31', '2025-01-01', '2025-09-30', '2025-10-01'];
    for (let i = 0; i < 360; i++) {
      const shop = rnd.pick(shops);
      const placedAt = i < edges.length * 2 ? Date.parse(`${edges[i % edges.length]}T${String(rnd.int(24)).padStart(2, '0')}:30:00Z`) : start + rnd.int(now - start);
      const created = platform.orders.create(OPERATOR, shop.companyId, { customerId: rnd.pick(shop.customers), status: rnd.next() < 0.2 ? 'pending' : 'paid', lines: lines(shop.products), note: '', placedAt });
      shop.orders.push(created.id);
    }
    // Then edits, refunds and other status changes, and deletes: every write path that moves the rollups.
    for (let step = 0; step < 160; step++) {
      const shop = rnd.pick(shops);
      const order = platform.repos.orders.get(shop.companyId, rnd.pick(shop.orders));
      if (!order) continue;
      const roll = rnd.next();
      if (roll < 0.45) {
        const next = ORDER_TRANSITIONS[order.status];
        if (next.length > 0) platform.orders.update(OPERATOR, shop.companyId, order.id, { status: rnd.pick(next) as OrderStatus });
      } else if (roll < 0.8) {
        if (order.status === 'pending' || order.status === 'paid') {
          const kept = platform.repos.orders.lines(order.id).filter(() => rnd.next() < 0.6).map((l) => ({ lineNo: l.line_no, quantity: 1 + rnd.int(5) }));
          platform.orders.update(OPERATOR, shop.companyId, order.id, { lines: [...kept, ...(kept.length === 0 || rnd.next() < 0.5 ? lines(shop.products) : [])] });
        }
      } else if (order.status === 'pending' || order.status === 'cancelled') {
        platform.orders.delete(OPERATOR, shop.companyId, order.id);
        shop.orders.splice(shop.orders.indexOf(order.id), 1);
      }
    }

    const sample = clients[3]!;
    const raw = (from: string, to: string, companyIds: number[], includeDemo: boolean) =>
      platform.db
        .prepare(
          `SELECT o.currency, l.product_id, COUNT(DISTINCT o.id) AS orders, SUM(l.quantity) AS quantity, SUM(l.net_minor) AS net, SUM(l.gross_minor) AS gross
           FROM orders o JOIN order_lines l ON l.order_id = o.id
           WHERE o.status IN ('paid', 'fulfilled') AND o.placed_at >= ? AND o.placed_at < ? AND o.company_id IN (SELECT value FROM json_each(?)) AND o.is_demo <= ?
           GROUP BY o.currency, l.product_id ORDER BY o.currency, l.product_id`,
        )
        .all(Date.parse(from), Date.parse(to) + DAY, JSON.stringify(companyIds), includeDemo ? 1 : 0) as { currency: string; product_id: number; orders: number; quantity: number; net: number; gross: number }[];
    const today = new Date(now).toISOString().slice(0, 10);
    const ranges: [string, string][] = [
      ['2024-01-01', '2024-12-31'], // a year of whole quarters
      ['2024-02-29', '2025-03-01'], // leap day to a month's first day
      ['2024-03-01', '2025-02-28'],
      ['2024-04-01', '2026-03-31'], // 8 whole quarters
      ['2023-12-16', '2026-10-15'], // quarters, months beside them, edge days
      ['2024-12-01', '2025-09-30'], // one month before the quarters
      ['2024-11-01', '2025-10-31'], // two months before, one after: by product
      ['2025-02-01', '2025-05-31'], // four months, no whole quarter
      ['2025-10-01', '2025-10-31'],
      ['2024-02-10', '2024-02-29'],
    ];
    for (let i = 0; i < 30; i++) {
      const from = addDays('2023-12-01', rnd.int(1050));
      ranges.push([from, addDays(from, rnd.int(1100))]);
    }
    let compared = 0;
    for (const [from, to0] of ranges) {
      const to = to0 > today ? today : to0;
      if (to < from) continue;
      for (const [label, query, ids, includeDemo] of [
        ['partner', { includeDemo: false }, clients.slice(0, 3), false],
        ['partner with demo', { includeDemo: true }, clients, true],
        ['one client', { includeDemo: false, companyId: clients[1] }, [clients[1]!], false],
        ['the sample client', { includeDemo: true, companyId: sample }, [sample], true],
        ['an empty client', { includeDemo: false, companyId: empty }, [empty], false],
      ] as const) {
        const expected = raw(from, to, [...ids], includeDemo);
        const all = platform.sales.topProducts(partner, { from, to, limit: 100, ...query });
        const rows = all
          .flatMap((g) => g.rows.map((r) => ({ currency: g.currency, product_id: r.productId, orders: r.orders, quantity: r.quantity, net: r.netMinor, gross: r.grossMinor })))
          .sort((a, b) => a.currency.localeCompare(b.currency) || a.product_id - b.product_id);
        expect(rows, `${label} ${from}..${to}`).toEqual(expected);
        // The ranking: the best 2 per currency by gross, then quantity, then product id.
        const top = platform.sales.topProducts(partner, { from, to, limit: 2, ...query });
        const currencies = [...new Set(expected.map((r) => r.currency))];
        expect(top.map((g) => g.currency).sort(), `${label} ${from}..${to}`).toEqual(currencies.sort());
        for (const g of top) {
          const best = expected.filter((r) => r.currency === g.currency).sort((a, b) => b.gross - a.gross || b.quantity - a.quantity || a.product_id - b.product_id).slice(0, 2);
          expect(g.rows.map((r) => r.productId), `${label} ${from}..${to} ${g.currency}`).toEqual(best.map((r) => r.product_id));
        }
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
