// /admin/statistics.json and /admin/statistics/{company_id}.json, scope `statistics` (GET only): sales
// figures from the sales service (the rollups), every amount per currency in minor units.
//   - A shop's token: its company's figures for the range (default: the last 30 days), by month and product
//     kind, top products and counts.
//   - A partner's token: /admin/statistics.json combines its clients (real sales; include_demo=true adds
//     the sample companies' demo data), and /admin/statistics/{client id}.json is one client's figures.
// Query: from and to as YYYY-MM-DD (both or neither), include_demo=true|false (combined view only).
import { ApiError } from '../../../../src-shared/api/errors';
import { dayRangeSchema } from '../../../../src-shared/api/shop-inputs';
import type { DayRange, SalesSummary } from '../../../../src-shared/api/sales-types';
import { parseInput } from '../../../../src-shared/api/validation';
import { addDays, dayOf } from '../../../../src-shared/domain/date-range';
import type { Platform } from '../../platform';
import { RestError } from '../http-error';
import type { PlatformModule, RouteContext } from '../router';
import { resourceId, resourceRoutes, sendOne, type RestAuth } from './rest-kit';
import { toWire, wireFieldName } from './wire-fields';

function rangeOf(ctx: RouteContext, platform: Platform): DayRange {
  const from = ctx.url.searchParams.get('from');
  const to = ctx.url.searchParams.get('to');
  if (from === null && to === null) {
    const today = dayOf(platform.clock.now());
    return { from: addDays(today, -29), to: today };
  }
  try {
    return parseInput(dayRangeSchema, { from: from ?? undefined, to: to ?? undefined });
  } catch (error) {
    if (error instanceof ApiError) throw new RestError(400, 'invalid_request', Object.fromEntries(Object.entries(error.fields).map(([f, p]) => [wireFieldName(f), p])));
    throw error;
  }
}

function includeDemoOf(ctx: RouteContext): boolean {
  const raw = ctx.url.searchParams.get('include_demo');
  if (raw === null) return false;
  if (raw !== 'true' && raw !== 'false') throw new RestError(400, 'invalid_request', { include_demo: ['must be true or false'] });
  return raw === 'true';
}

function summaryFields(summary: SalesSummary) {
  return {
    from: summary.range.from,
    to: summary.range.to,
    includeDemo: summary.includeDemo,
    totals: summary.totals,
    orders: summary.orders,
    newCustomers: summary.newCustomers,
    customers: summary.customers,
    previous: { from: summary.previousRange.from, to: summary.previousRange.to, totals: summary.previous, orders: summary.previousOrders },
  };
}

export const statisticsModule: PlatformModule = ({ platform }) => {
  const { sales } = platform;

  function companyStatistics(auth: RestAuth, companyId: number, range: DayRange) {
    const dashboard = sales.dashboard(auth.actor, companyId, range);
    return toWire({
      companyId,
      scope: 'company',
      ...summaryFields(dashboard.summary),
      byMonth: dashboard.byMonth,
      byKind: dashboard.byKind,
      topProducts: dashboard.topProducts,
      counts: dashboard.counts,
    });
  }

  function clientsStatistics(auth: RestAuth, range: DayRange, includeDemo: boolean) {
    const query = { ...range, includeDemo };
    const summary = sales.summary(auth.actor, query);
    return toWire({
      companyId: auth.companyId,
      scope: 'clients',
      ...summaryFields(summary),
      clients: summary.clients,
      clientsWithSales: summary.clientsWithSales,
      byMonth: sales.byMonth(auth.actor, query),
      byKind: sales.byKind(auth.actor, query),
    });
  }

  const isPartnerToken = (auth: RestAuth) => platform.repos.companies.get(auth.companyId)?.is_partner === 1;

  return {
    routes: resourceRoutes('statistics', 'statistics', {
      list(ctx, auth) {
        const range = rangeOf(ctx, platform);
        const includeDemo = includeDemoOf(ctx);
        sendOne(ctx, 200, 'statistics', isPartnerToken(auth) ? clientsStatistics(auth, range, includeDemo) : companyStatistics(auth, auth.companyId, range));
      },
      get(ctx, auth) {
        const id = resourceId(ctx, 'company');
        const range = rangeOf(ctx, platform);
        if (id === auth.companyId) {
          sendOne(ctx, 200, 'statistics', isPartnerToken(auth) ? clientsStatistics(auth, range, includeDemoOf(ctx)) : companyStatistics(auth, id, range));
          return;
        }
        const client = platform.repos.companies.get(id);
        if (!client || client.partner_id !== auth.companyId) throw new RestError(404, 'not_found', `company ${id} was not found`);
        sendOne(ctx, 200, 'statistics', companyStatistics(auth, id, range));
      },
    }),
  };
};
