// Console methods for the statistics and the CSV exports. The combined view (sales.*) runs only as Self;
// a company's dashboard while acting as it, or as Self for one of the partner's clients (drill-down).
import type { ConsoleContext, Handlers } from '../console-context';

type SalesMethods =
  | 'sales.summary' | 'sales.byClient' | 'sales.byMonth' | 'sales.byKind' | 'sales.overTime' | 'sales.topClients'
  | 'sales.topProducts' | 'sales.products' | 'sales.exportCsv' | 'dashboard.get' | 'shop.exportCsv';

export function salesHandlers(ctx: ConsoleContext): Pick<Handlers, SalesMethods> {
  const { platform } = ctx;
  const combined = () => ctx.requireSelf('The combined view');
  return {
    'sales.summary': (input) => (combined(), platform.sales.summary(ctx.actor(), input)),
    'sales.byClient': (input) => (combined(), platform.sales.byClient(ctx.actor(), input)),
    'sales.byMonth': (input) => (combined(), platform.sales.byMonth(ctx.actor(), input)),
    'sales.byKind': (input) => (combined(), platform.sales.byKind(ctx.actor(), input)),
    'sales.overTime': (input) => (combined(), platform.sales.overTime(ctx.actor(), input)),
    'sales.topClients': (input) => (combined(), platform.sales.topClients(ctx.actor(), input)),
    'sales.topProducts': (input) => (combined(), platform.sales.topProducts(ctx.actor(), input)),
    'sales.products': (input) => (combined(), platform.sales.products(ctx.actor(), input)),
    'sales.exportCsv': (input) => (combined(), platform.exports.salesTable(ctx.actor(), input)),
    'dashboard.get': ({ companyId, from, to }) => {
      ctx.requireInScope(companyId);
      return platform.sales.dashboard(ctx.actor(), companyId, from && to ? { from, to } : undefined);
    },
    'shop.exportCsv': (input) => {
      ctx.requireActingAs(input.filter.companyId, 'Exporting a shop list');
      return platform.exports.shopTable(ctx.actor(), input);
    },
  };
}
