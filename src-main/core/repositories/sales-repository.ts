// SQL for the statistics (docs/shop-data.md, "How the combined view is computed"). Every figure is read
// from the rollups, never from raw orders. A date range is split into whole months (read from the
// monthly rollups) and the days before the first / after the last whole month (daily rollups), so a
// month reads one row per client and currency, and 24 months read 24.
import { addDays, dayKey, dayLabel, daysBetween, monthEnd, monthStart, quarterKeyOfMonthKey } from '../../../src-shared/domain/date-range';
import type { Db } from '../db/database';
import type { QuantitySums, SalesSums } from './rollups-repository';
import { statementCache } from './table-access';

/** Whose rollups a query reads: a partner's clients (optionally one of them), or one company. */
export type ScopeFilter = { partnerId: number; companyId?: number; includeDemo: boolean } | { companyId: number; includeDemo: boolean };

export interface RangePieces {
  /** Whole months [from, to] as YYYYMM keys, or null. */
  months: [number, number] | null;
  /** Day ranges [from, to] as YYYYMMDD keys outside the whole months (0 to 2 of them). */
  days: [number, number][];
}

export interface TotalsRow extends SalesSums {
  currency: string;
}

export interface CompanyTotalsRow extends TotalsRow {
  company_id: number;
}

export interface PeriodTotalsRow extends TotalsRow {
  /** YYYYMM or YYYYMMDD. */
  period: number;
}

export interface CompanyPeriodRow {
  company_id: number;
  period: number;
  gross_minor: number;
}

export interface KindTotalsRow extends QuantitySums {
  kind: string;
  currency: string;
}

export interface ProductTotalsRow extends QuantitySums {
  company_id: number;
  product_id: number;
  currency: string;
  kind: string;
  name: string;
}

export interface ClientTotalsRow extends SalesSums {
  id: number;
  name: string;
  country: string;
  is_sample: 0 | 1;
  payment_route: 'direct' | 'via_partner';
  /** Null when the company sold nothing in the range (then the sums are 0). */
  currency: string | null;
}

export interface MonthProductSalesRow extends ProductTotalsRow {
  month: number;
}

export interface SalesRepository {
  pieces(from: string, to: string): RangePieces;
  /** Every company in scope with its totals per currency in the range (one row without currency when it sold nothing). */
  clientTotals(scope: ScopeFilter, pieces: RangePieces): ClientTotalsRow[];
  /** How many companies are in scope and how many customers they have now (shop counters). */
  scopeCounts(scope: ScopeFilter): { clients: number; customers: number };
  /** Totals per currency, and how many companies in scope sold anything (`companies`, the same on every row). */
  totals(scope: ScopeFilter, pieces: RangePieces): (TotalsRow & { companies: number })[];
  byCompany(scope: ScopeFilter, pieces: RangePieces): CompanyTotalsRow[];
  byMonth(scope: ScopeFilter, pieces: RangePieces): PeriodTotalsRow[];
  byDay(scope: ScopeFilter, fromDay: number, toDay: number, currency: string): PeriodTotalsRow[];
  /** Gross per period (YYYYMM, or YYYYMMDD from `fromDay` to `toDay`) of some companies in one currency (the chart lines). */
  seriesOf(scope: ScopeFilter, pieces: RangePieces, granularity: 'day' | 'month', currency: string, companyIds: number[], fromDay: number, toDay: number): CompanyPeriodRow[];
  byKind(scope: ScopeFilter, pieces: RangePieces): KindTotalsRow[];
  topProducts(scope: ScopeFilter, pieces: RangePieces, limit: number): ProductTotalsRow[];
  /** Month close: one company's real sales of one month (YYYYMM) per currency and per kind. */
  companyMonth(companyId: number, month: number): { totals: TotalsRow[]; kinds: KindTotalsRow[] };
  /** Payouts: real sales of products of these kinds in one month, every company. */
  productMonth(month: number, kinds: string[]): MonthProductSalesRow[];
  /**
   * Month close, in bulk: the real sales of one month (YYYYMM) per company and currency, and per company,
   * currency and kind, of every company (null) or of some. Two statements, whatever the number of companies.
   */
  monthFigures(month: number, companyIds: number[] | null): { totals: CompanyTotalsRow[]; kinds: (KindTotalsRow & { company_id: number })[] };
  /** The SQL and parameters of the latest statement, for EXPLAIN QUERY PLAN tests. */
  lastQuery(): { sql: string; params: Record<string, unknown> };
}

/**
 * A partner's combined figures read whole months through the month-ordered index when its clients are at
 * least 1 / MONTH_INDEX_SHARE of all companies (a seek per client costs about three index rows).
 */
export const MONTH_INDEX_SHARE = 4;

const SALES_SUMS = 'SUM(r.orders) AS orders, SUM(r.items) AS items, SUM(r.net_minor) AS net_minor, SUM(r.vat_minor) AS vat_minor, SUM(r.gross_minor) AS gross_minor, SUM(r.new_customers) AS new_customers';
const KIND_SUMS = 'SUM(r.orders) AS orders, SUM(r.quantity) AS quantity, SUM(r.net_minor) AS net_minor, SUM(r.vat_minor) AS vat_minor, SUM(r.gross_minor) AS gross_minor';

/** A range of days split into whole months and the days outside them (see RangePieces). */
export function rangePieces(from: string, to: string): RangePieces {
  const firstFull = from === monthStart(from) ? from : monthStart(from, 1);
  const lastFullEnd = to === monthEnd(to) ? to : addDays(monthStart(to), -1);
  const days: [string, string][] = [];
  let months: [number, number] | null = null;
  if (firstFull <= lastFullEnd) {
    months = [Math.floor(dayKey(firstFull) / 100), Math.floor(dayKey(lastFullEnd) / 100)];
    if (from < firstFull) days.push([from, addDays(firstFull, -1)]);
    if (to > lastFullEnd) days.push([addDays(lastFullEnd, 1), to]);
  } else {
    days.push([from, to]);
  }
  return { months, days: days.map(([a, b]) => [dayKey(a), dayKey(b)]) };
}

/** A signed day range of the daily product rollups (YYYYMMDD keys), always inside one month. */
export interface SignedDays {
  from: number;
  to: number;
  sign: 1 | -1;
}

/**
 * How top products read a range: whole months [from, to] (YYYYMM) from the monthly product rollups, plus
 * signed day ranges from the daily ones. A part of a month that covers more than half of it is read as
 * the whole month minus the days outside the range, so no month costs more than half its daily rows
 * (there are about as many product rows in one day as in a month of a large shop). The months stay one
 * contiguous range: a partial month is always next to the whole months, or one of two adjacent months.
 */
export function productPieces(pieces: RangePieces): { months: [number, number] | null; days: SignedDays[] } {
  let months = pieces.months ? [...pieces.months] as [number, number] : null;
  const days: SignedDays[] = [];
  for (const [fromKey, toKey] of pieces.days) {
    for (let cursor = dayLabel(fromKey); cursor <= dayLabel(toKey); cursor = monthStart(cursor, 1)) {
      const first = monthStart(cursor);
      const last = monthEnd(cursor);
      const end = dayLabel(toKey) < last ? dayLabel(toKey) : last;
      const inside = daysBetween(cursor, end);
      if (daysBetween(first, last) - inside >= inside) {
        days.push({ from: dayKey(cursor), to: dayKey(end), sign: 1 });
        continue;
      }
      const month = Math.floor(dayKey(first) / 100);
      months = months ? [Math.min(months[0], month), Math.max(months[1], month)] : [month, month];
      if (cursor > first) days.push({ from: dayKey(first), to: dayKey(addDays(cursor, -1)), sign: -1 });
      if (end < last) days.push({ from: dayKey(addDays(end, 1)), to: dayKey(last), sign: -1 });
    }
  }
  return { months, days };
}

/** Top products read whole quarters when at most this many months of the range lie outside them (else by product). */
export const TOP_PRODUCTS_MONTHS_BESIDE_QUARTERS = 1;

/**
 * A run of whole months [from, to] (YYYYMM) as the whole quarters in it [from, to] (YYYYQ) and the months before and
 * after them, or, without a whole quarter, its months (at most four).
 */
export interface QuarterPieces {
  quarters: [number, number] | null;
  /** The months outside the quarters (YYYYMM; 0 to 4 of them: at most two before and two after). */
  months: number[];
}

export function quarterPieces(months: [number, number]): QuarterPieces {
  const index = (key: number) => Math.floor(key / 100) * 12 + (key % 100) - 1;
  const key = (i: number) => Math.floor(i / 12) * 100 + (i % 12) + 1;
  const [first, last] = [index(months[0]), index(months[1])];
  const firstQuarter = Math.ceil(first / 3) * 3;
  const lastQuarterEnd = Math.floor((last + 1) / 3) * 3 - 1;
  const all = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  if (firstQuarter > lastQuarterEnd) return { quarters: null, months: all.map(key) };
  return {
    quarters: [quarterKeyOfMonthKey(key(firstQuarter)), quarterKeyOfMonthKey(key(lastQuarterEnd))],
    months: all.filter((i) => i < firstQuarter || i > lastQuarterEnd).map(key),
  };
}

export function createSalesRepository(db: Db): SalesRepository {
  const prepared = statementCache(db);
  let last = { sql: '', params: {} as Record<string, unknown> };
  const run = <T>(sql: string, params: Record<string, unknown>): T[] => {
    last = { sql, params };
    return prepared(sql).all(params) as T[];
  };

  /** The companies in scope as a CTE named `scope` (id plus what lists show). */
  const scopeWhere = (scope: ScopeFilter, extra?: string): string => {
    const where = 'partnerId' in scope ? ['c.partner_id = @partnerId'] : ['c.id = @companyId'];
    if ('partnerId' in scope && scope.companyId !== undefined) where.push('c.id = @companyId');
    if ('partnerId' in scope && !scope.includeDemo) where.push('c.is_sample = 0');
    if (extra) where.push(extra);
    return where.join(' AND ');
  };
  const scopeSql = (scope: ScopeFilter, extra?: string): string => `scope AS (SELECT c.id FROM companies c WHERE ${scopeWhere(scope, extra)})`;

  const params = (scope: ScopeFilter, pieces: RangePieces | null, extra: Record<string, unknown> = {}) => ({
    partnerId: 'partnerId' in scope ? scope.partnerId : undefined,
    companyId: scope.companyId,
    demo: scope.includeDemo ? 1 : 0,
    m1: pieces?.months?.[0],
    m2: pieces?.months?.[1],
    d1: pieces?.days[0]?.[0],
    d2: pieces?.days[0]?.[1],
    d3: pieces?.days[1]?.[0],
    d4: pieces?.days[1]?.[1],
    ...extra,
  });

  /**
   * The rollup rows of the range for the companies in scope, as UNION ALL branches: the whole months from
   * the monthly table, each edge-day range from the daily table. `month` is the row's month (YYYYMM).
   */
  const rowsSql = (pieces: RangePieces, monthly: string, daily: string, columns: string, byMonth: ScopeFilter | null = null): string => {
    const branches: string[] = [];
    if (pieces.months && byMonth) {
      // The months' rows in month order, each checked against its company (CROSS JOIN keeps this order).
      branches.push(`SELECT s.month AS month, ${columns} FROM ${monthly} s INDEXED BY sales_monthly_by_month CROSS JOIN companies c ON c.id = s.company_id
        WHERE s.month BETWEEN @m1 AND @m2 AND s.demo <= @demo AND ${scopeWhere(byMonth)}`);
    } else if (pieces.months) {
      branches.push(`SELECT s.month AS month, ${columns} FROM scope JOIN ${monthly} s ON s.company_id = scope.id AND s.month BETWEEN @m1 AND @m2 WHERE s.demo <= @demo`);
    }
    pieces.days.forEach((_, i) => {
      const [a, b] = i === 0 ? ['@d1', '@d2'] : ['@d3', '@d4'];
      branches.push(`SELECT s.day / 100 AS month, ${columns} FROM scope JOIN ${daily} s ON s.company_id = scope.id AND s.day BETWEEN ${a} AND ${b} WHERE s.demo <= @demo`);
    });
    return branches.join(' UNION ALL ');
  };

  const SALES_COLUMNS = 's.company_id, s.currency, s.orders, s.items, s.net_minor, s.vat_minor, s.gross_minor, s.new_customers';
  const KIND_COLUMNS = 's.company_id, s.currency, s.kind, s.orders, s.quantity, s.net_minor, s.vat_minor, s.gross_minor';
  // Every client of a partner that has a good share of all companies (MONTH_INDEX_SHARE): the months' rows
  // in month order (sales_monthly_by_month), one range read instead of a primary-key seek per client; the
  // range also holds other companies' rows, which a small partner would read for nothing. A small partner
  // and one company: the primary key.
  const countClients = db.prepare<[number], { clients: number; companies: number }>(
    'SELECT (SELECT COUNT(*) FROM companies WHERE partner_id = ?) AS clients, (SELECT COUNT(*) FROM companies) AS companies',
  );
  const monthIndexScope = (scope: ScopeFilter): ScopeFilter | null => {
    if (!('partnerId' in scope) || scope.companyId !== undefined) return null;
    const { clients, companies } = countClients.get(scope.partnerId)!;
    return clients * MONTH_INDEX_SHARE >= companies ? scope : null;
  };
  const salesRows = (scope: ScopeFilter, pieces: RangePieces) =>
    `WITH ${scopeSql(scope)}, r AS (${rowsSql(pieces, 'sales_monthly', 'sales_daily', SALES_COLUMNS, monthIndexScope(scope))})`;

  return {
    pieces: rangePieces,

    clientTotals(scope, pieces) {
      const sql = `${salesRows(scope, pieces)},
        a AS (SELECT r.company_id, r.currency, ${SALES_SUMS} FROM r GROUP BY r.company_id, r.currency)
        SELECT c.id, c.name, c.country, c.is_sample, c.payment_route, a.currency, COALESCE(a.orders, 0) AS orders, COALESCE(a.items, 0) AS items,
          COALESCE(a.net_minor, 0) AS net_minor, COALESCE(a.vat_minor, 0) AS vat_minor, COALESCE(a.gross_minor, 0) AS gross_minor,
          COALESCE(a.new_customers, 0) AS new_customers
        FROM scope JOIN companies c ON c.id = scope.id LEFT JOIN a ON a.company_id = c.id`;
      return run<ClientTotalsRow>(sql, params(scope, pieces));
    },

    scopeCounts(scope) {
      const sql = `WITH ${scopeSql(scope)}
        SELECT COUNT(*) AS clients, COALESCE(SUM(n.customers), 0) AS customers FROM scope LEFT JOIN shop_counts n ON n.company_id = scope.id`;
      return run<{ clients: number; customers: number }>(sql, params(scope, null))[0];
    },

    totals(scope, pieces) {
      // The sums and the count of selling companies both read the rollup rows. Whole months only (the combined
      // month: ~5,000 rows through the month index): read twice, which costs less than copying them into a temporary
      // table first (paired CPU 0.78 on the 10 M-order data). With edge days (many more rows): read once
      // (MATERIALIZED).
      const sql = `${salesRows(scope, pieces).replace(', r AS (', pieces.days.length > 0 ? ', r AS MATERIALIZED (' : ', r AS NOT MATERIALIZED (')}
        SELECT r.currency, ${SALES_SUMS}, (SELECT COUNT(DISTINCT company_id) FROM r) AS companies FROM r GROUP BY r.currency`;
      return run(sql, params(scope, pieces));
    },

    byCompany(scope, pieces) {
      const sql = `${salesRows(scope, pieces)}
        SELECT r.company_id, r.currency, ${SALES_SUMS} FROM r GROUP BY r.company_id, r.currency`;
      return run(sql, params(scope, pieces));
    },

    byMonth(scope, pieces) {
      const sql = `${salesRows(scope, pieces)}
        SELECT r.month AS period, r.currency, ${SALES_SUMS} FROM r GROUP BY r.month, r.currency ORDER BY r.month, r.currency`;
      return run(sql, params(scope, pieces));
    },

    byDay(scope, fromDay, toDay, currency) {
      const sql = `WITH ${scopeSql(scope)}
        SELECT s.day AS period, s.currency, SUM(s.orders) AS orders, SUM(s.items) AS items, SUM(s.net_minor) AS net_minor,
          SUM(s.vat_minor) AS vat_minor, SUM(s.gross_minor) AS gross_minor, SUM(s.new_customers) AS new_customers
        FROM scope JOIN sales_daily s ON s.company_id = scope.id AND s.day BETWEEN @from AND @to
        WHERE s.demo <= @demo AND s.currency = @currency GROUP BY s.day, s.currency ORDER BY s.day`;
      return run(sql, params(scope, null, { from: fromDay, to: toDay, currency }));
    },

    seriesOf(scope, pieces, granularity, currency, companyIds, fromDay, toDay) {
      const only = scopeSql(scope, 'c.id IN (SELECT value FROM json_each(@ids))');
      const sql =
        granularity === 'month'
          ? `WITH ${only}, r AS (${rowsSql(pieces, 'sales_monthly', 'sales_daily', SALES_COLUMNS)})
             SELECT r.company_id, r.month AS period, SUM(r.gross_minor) AS gross_minor FROM r WHERE r.currency = @currency GROUP BY r.company_id, r.month`
          : `WITH ${only}
             SELECT s.company_id, s.day AS period, SUM(s.gross_minor) AS gross_minor
             FROM scope JOIN sales_daily s ON s.company_id = scope.id AND s.day BETWEEN @from AND @to
             WHERE s.demo <= @demo AND s.currency = @currency GROUP BY s.company_id, s.day`;
      return run(sql, params(scope, pieces, { currency, ids: JSON.stringify(companyIds), from: fromDay, to: toDay }));
    },

    byKind(scope, pieces) {
      const sql = `WITH ${scopeSql(scope)}, r AS (${rowsSql(pieces, 'kind_sales_monthly', 'kind_sales_daily', KIND_COLUMNS)})
        SELECT r.kind, r.currency, ${KIND_SUMS} FROM r GROUP BY r.kind, r.currency ORDER BY r.currency, gross_minor DESC`;
      return run(sql, params(scope, pieces));
    },

    topProducts(scope, pieces, limit) {
      // Each part is summed per product as it streams, through a key or index in (company, product, currency) order,
      // and the parts' sums are added up in one sort (the regroup below). Whole months: with at most one month outside
      // whole quarters, the quarters from product_sales_quarterly (migration 027: a quarter has about as many product
      // rows as one month) and that month through product_sales_monthly_by_month (027); otherwise three months or more
      // through the by-product index (it reads every month of each product, but as one part: each further part adds
      // its ~50,000 product rows to the regroup's sort, more than the quarters save), fewer one part per month through
      // product_sales_monthly_by_month. Edge days through product_sales_daily_by_month (025) or by primary key
      // (productPieces). Name and kind are left to the products table (a deleted product: its latest monthly row): the
      // name is not in the covering indexes (a table seek per row, three times slower), and a text column in every
      // sorted row costs ~10 %.
      const plan = productPieces(pieces);
      const quarters = plan.months ? quarterPieces(plan.months) : null;
      const split: QuarterPieces =
        quarters === null ? { quarters: null, months: [] }
        : quarters.quarters !== null && quarters.months.length <= TOP_PRODUCTS_MONTHS_BESIDE_QUARTERS ? quarters
        : quarters.quarters === null && quarters.months.length < 3 ? quarters
        : { quarters: null, months: [] };
      const byProduct = plan.months !== null && split.quarters === null && split.months.length === 0;
      const extra: Record<string, number> = {};
      if (byProduct) Object.assign(extra, { pm1: plan.months![0], pm2: plan.months![1] });
      if (split.quarters) Object.assign(extra, { pq1: split.quarters[0], pq2: split.quarters[1] });
      split.months.forEach((month, i) => Object.assign(extra, { [`pm${i}`]: month }));
      plan.days.forEach((range, i) => Object.assign(extra, { [`pd${i}a`]: range.from, [`pd${i}b`]: range.to, [`pd${i}m`]: Math.floor(range.from / 100) }));
      // Every product of the range is summed with what the ranking needs only: orders (a product sold in the
      // range), quantity and gross; net and VAT are summed afterwards for the ranked few, each found by seeking
      // it (w drives `nv`). Two more sums over every row cost ~15 % of the slowest range's time.
      const sums = (sign: string) => `${sign}SUM(s.orders) AS orders, ${sign}SUM(s.quantity) AS quantity, ${sign}SUM(s.gross_minor) AS gross_minor`;
      const parts: string[] = [];
      if (split.quarters) {
        parts.push(`SELECT s.company_id, s.product_id, s.currency, ${sums('')}
          FROM product_sales_quarterly s WHERE s.company_id IN (SELECT id FROM scope) AND s.quarter BETWEEN @pq1 AND @pq2 AND s.demo <= @demo
          GROUP BY s.company_id, s.product_id, s.currency`);
      }
      if (byProduct) {
        parts.push(`SELECT s.company_id, s.product_id, s.currency, ${sums('')}
          FROM product_sales_monthly s INDEXED BY product_sales_monthly_by_product
          WHERE s.company_id IN (SELECT id FROM scope) AND s.month BETWEEN @pm1 AND @pm2 AND s.demo <= @demo
          GROUP BY s.company_id, s.product_id, s.currency`);
      }
      split.months.forEach((_, i) =>
        parts.push(`SELECT s.company_id, s.product_id, s.currency, ${sums('')}
          FROM product_sales_monthly s INDEXED BY product_sales_monthly_by_month WHERE s.company_id IN (SELECT id FROM scope) AND s.month = @pm${i} AND s.demo <= @demo
          GROUP BY s.company_id, s.product_id, s.currency`),
      );
      // A day range lies inside one month. From a quarter of the month on, it is read through
      // product_sales_daily_by_month (migration 025): one range per company, in product order, so its sums
      // stream without a sort (`IN`, not a join: the companies come in id order too); that index reads all the
      // month's days (the range is a filter there), so fewer days are read by primary key and sorted.
      plan.days.forEach((range, i) => {
        const first = dayLabel(Math.floor(range.from / 100) * 100 + 1);
        const streamed = daysBetween(dayLabel(range.from), dayLabel(range.to)) * 4 >= daysBetween(first, monthEnd(first));
        parts.push(`SELECT s.company_id, s.product_id, s.currency, ${sums(range.sign < 0 ? '-' : '')}
          ${
            streamed
              ? `FROM product_sales_daily s INDEXED BY product_sales_daily_by_month
            WHERE s.company_id IN (SELECT id FROM scope) AND s.day / 100 = @pd${i}m AND s.day BETWEEN @pd${i}a AND @pd${i}b AND s.demo <= @demo`
              : `FROM scope JOIN product_sales_daily s ON s.company_id = scope.id AND s.day BETWEEN @pd${i}a AND @pd${i}b WHERE s.demo <= @demo`
          }
          GROUP BY s.company_id, s.product_id, s.currency`);
      });
      // The parts are added per product in one sort, as a subquery that streams into it (a CTE of its own was
      // first copied into a temporary table). A product's orders in the range are never negative; 0 means it
      // sold only in subtracted days.
      const t =
        parts.length === 1
          ? `t AS (${parts[0]})`
          : `t AS (SELECT r.company_id, r.product_id, r.currency, SUM(r.orders) AS orders, SUM(r.quantity) AS quantity, SUM(r.gross_minor) AS gross_minor
            FROM (${parts.join(' UNION ALL ')}) r GROUP BY r.company_id, r.product_id, r.currency HAVING SUM(r.orders) > 0)`;
      const key = 's.company_id = w.company_id AND s.product_id = w.product_id AND s.currency = w.currency AND s.demo <= @demo';
      const winnerRows: string[] = [];
      if (split.quarters) {
        winnerRows.push(`SELECT w.company_id, w.product_id, w.currency, s.net_minor, s.vat_minor
          FROM w CROSS JOIN product_sales_quarterly s ON ${key} AND s.quarter BETWEEN @pq1 AND @pq2`);
      }
      if (byProduct) {
        winnerRows.push(`SELECT w.company_id, w.product_id, w.currency, s.net_minor, s.vat_minor
          FROM w CROSS JOIN product_sales_monthly s INDEXED BY product_sales_monthly_by_product ON ${key} AND s.month BETWEEN @pm1 AND @pm2`);
      }
      split.months.forEach((_, i) =>
        winnerRows.push(`SELECT w.company_id, w.product_id, w.currency, s.net_minor, s.vat_minor
          FROM w CROSS JOIN product_sales_monthly s INDEXED BY product_sales_monthly_by_product ON ${key} AND s.month = @pm${i}`),
      );
      plan.days.forEach((range, i) => {
        const sign = range.sign < 0 ? '-' : '';
        winnerRows.push(`SELECT w.company_id, w.product_id, w.currency, ${sign}s.net_minor, ${sign}s.vat_minor
          FROM w CROSS JOIN product_sales_daily s INDEXED BY product_sales_daily_by_month ON ${key} AND s.day / 100 = @pd${i}m AND s.day BETWEEN @pd${i}a AND @pd${i}b`);
      });
      const sql = `WITH ${scopeSql(scope)}, ${t},
        w AS MATERIALIZED (SELECT * FROM (SELECT t.*, ROW_NUMBER() OVER (PARTITION BY t.currency ORDER BY t.gross_minor DESC, t.quantity DESC, t.product_id) AS rank FROM t) ranked
          WHERE ranked.rank <= @limit),
        nv AS (SELECT x.company_id, x.product_id, x.currency, SUM(x.net_minor) AS net_minor, SUM(x.vat_minor) AS vat_minor
          FROM (${winnerRows.join(' UNION ALL ')}) x GROUP BY x.company_id, x.product_id, x.currency)
        SELECT w.company_id, w.product_id, w.currency,
          COALESCE(p.kind, (SELECT m.kind FROM product_sales_monthly m INDEXED BY product_sales_monthly_by_product WHERE m.company_id = w.company_id AND m.product_id = w.product_id ORDER BY m.month DESC LIMIT 1)) AS kind,
          COALESCE(p.name, (SELECT m.name FROM product_sales_monthly m INDEXED BY product_sales_monthly_by_product WHERE m.company_id = w.company_id AND m.product_id = w.product_id ORDER BY m.month DESC LIMIT 1)) AS name,
          w.orders, w.quantity, COALESCE(nv.net_minor, 0) AS net_minor, COALESCE(nv.vat_minor, 0) AS vat_minor, w.gross_minor
        FROM w LEFT JOIN nv ON nv.company_id = w.company_id AND nv.product_id = w.product_id AND nv.currency = w.currency
          LEFT JOIN products p ON p.id = w.product_id ORDER BY w.currency, w.rank`;
      return run(sql, params(scope, null, { limit, ...extra }));
    },

    companyMonth(companyId, month) {
      const totals = run<TotalsRow>(
        `SELECT currency, orders, items, net_minor, vat_minor, gross_minor, new_customers FROM sales_monthly
         WHERE company_id = @companyId AND month = @month AND demo = 0 ORDER BY currency`,
        { companyId, month },
      );
      const kinds = run<KindTotalsRow>(
        `SELECT kind, currency, orders, quantity, net_minor, vat_minor, gross_minor FROM kind_sales_monthly
         WHERE company_id = @companyId AND month = @month AND demo = 0 ORDER BY currency, kind`,
        { companyId, month },
      );
      return { totals, kinds };
    },

    productMonth(month, kinds) {
      return run<MonthProductSalesRow>(
        `SELECT s.month, s.company_id, s.product_id, s.currency, s.kind, COALESCE(p.name, s.name) AS name, s.orders, s.quantity, s.net_minor, s.vat_minor, s.gross_minor
         FROM product_sales_monthly s LEFT JOIN products p ON p.id = s.product_id
         WHERE s.month = @month AND s.demo = 0 AND s.kind IN (SELECT value FROM json_each(@kinds)) ORDER BY s.company_id, s.product_id, s.currency`,
        { month, kinds: JSON.stringify(kinds) },
      );
    },

    monthFigures(month, companyIds) {
      // Every company: the month's rows of the whole table (the key starts with the company); some: one
      // primary-key seek per company.
      const only = companyIds === null ? '' : 'company_id IN (SELECT value FROM json_each(@ids)) AND ';
      const ids = JSON.stringify(companyIds ?? []);
      const totals = run<CompanyTotalsRow>(
        `SELECT company_id, currency, orders, items, net_minor, vat_minor, gross_minor, new_customers FROM sales_monthly
         WHERE ${only}month = @month AND demo = 0 ORDER BY company_id, currency`,
        { month, ids },
      );
      const kinds = run<KindTotalsRow & { company_id: number }>(
        `SELECT company_id, kind, currency, orders, quantity, net_minor, vat_minor, gross_minor FROM kind_sales_monthly
         WHERE ${only}month = @month AND demo = 0 ORDER BY company_id, currency, kind`,
        { month, ids },
      );
      return { totals, kinds };
    },

    lastQuery: () => last,
  };
}
