// Zod schemas for the statistics: the partner's combined view (as Self) and one company's dashboard.
// Every range is inclusive days in UTC, checked by refineDayRange (from <= to).
import { z } from 'zod';
import { text } from './text';
import { daysBetween, isDay } from '../domain/date-range';
import { PRODUCT_KINDS } from '../domain/shop';
import { idSchema as id } from './inputs';
import { currencySchema, daySchema, refineDayRange } from './shop-inputs';

/** Charts per day cover at most this many days (one point per client and day); longer ranges go by month. */
export const MAX_DAY_GRANULARITY_DAYS = 92;
/** Without a granularity, ranges up to this many days are charted per day. */
export const AUTO_DAY_GRANULARITY_DAYS = 62;

const range = {
  from: daySchema,
  to: daySchema,
  /** Include the demo data of sample companies (default: real sales only). */
  includeDemo: z.boolean().default(false),
};

/** Combined figures over all clients, or one client with companyId (drill-down as Self). */
export const salesQuerySchema = z.object({ ...range, companyId: id.optional() }).superRefine(refineDayRange);
export type SalesQueryInput = z.input<typeof salesQuerySchema>;

export const CLIENT_SALES_SORTS = ['name', 'orders', 'gross', 'net', 'averageOrder', 'newCustomers', 'country'] as const;
export const salesByClientSchema = z
  .object({
    ...range,
    search: text(200).default(''),
    currency: currencySchema.optional(),
    /** Leave out clients without sales in the range. */
    onlyWithSales: z.boolean().default(false),
    sort: z.enum(CLIENT_SALES_SORTS, { errorMap: () => ({ message: `must be one of ${CLIENT_SALES_SORTS.join(', ')}` }) }).default('gross'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .superRefine(refineDayRange);
export type SalesByClientInput = z.input<typeof salesByClientSchema>;

export const revenueSeriesSchema = z
  .object({
    ...range,
    companyId: id.optional(),
    /** Default: the currency with the most orders in the range. */
    currency: currencySchema.optional(),
    /** Lines for this many top clients, then "Other clients". */
    top: z.number().int().min(1).max(20).default(5),
    /** Default: day for ranges up to AUTO_DAY_GRANULARITY_DAYS days, else month. */
    granularity: z.enum(['day', 'month']).optional(),
  })
  .superRefine(refineDayRange)
  .superRefine((value, ctx) => {
    if (value.granularity === 'day' && isDay(value.from) && isDay(value.to) && daysBetween(value.from, value.to) > MAX_DAY_GRANULARITY_DAYS) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['granularity'], message: `day is available for ranges up to ${MAX_DAY_GRANULARITY_DAYS} days; use month` });
    }
  });
export type RevenueSeriesInput = z.input<typeof revenueSeriesSchema>;

export const topSchema = z
  .object({ ...range, companyId: id.optional(), limit: z.number().int().min(1).max(100).default(10) })
  .superRefine(refineDayRange);
export type TopInput = z.input<typeof topSchema>;

export const CLIENT_PRODUCT_SORTS = ['client', 'name', 'price', 'kind', 'createdAt'] as const;
export const clientProductListSchema = z.object({
  search: text(200).default(''),
  companyId: id.optional(),
  kind: z.enum(PRODUCT_KINDS).optional(),
  active: z.enum(['any', 'active', 'inactive']).default('any'),
  /** Products of sample companies too (marked demo). */
  includeDemo: z.boolean().default(true),
  sort: z.enum(CLIENT_PRODUCT_SORTS, { errorMap: () => ({ message: `must be one of ${CLIENT_PRODUCT_SORTS.join(', ')}` }) }).default('client'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type ClientProductListInput = z.input<typeof clientProductListSchema>;

/** One company's dashboard; default range: the last 30 days up to today (platform clock). */
export const dashboardSchema = z
  .object({ companyId: id, from: daySchema.optional(), to: daySchema.optional() })
  .superRefine(refineDayRange)
  .superRefine((value, ctx) => {
    if ((value.from === undefined) !== (value.to === undefined)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [value.from === undefined ? 'from' : 'to'], message: 'give both from and to, or neither' });
    }
  });
export type DashboardInput = z.input<typeof dashboardSchema>;

/** Exports every row of a combined-view table for its filter (offset and limit are ignored). */
export const salesExportSchema = z.discriminatedUnion('table', [
  z.object({ table: z.literal('salesByClient'), filter: salesByClientSchema }),
  z.object({ table: z.literal('salesByMonth'), filter: salesQuerySchema }),
  z.object({ table: z.literal('salesByKind'), filter: salesQuerySchema }),
  z.object({ table: z.literal('topClients'), filter: topSchema }),
  z.object({ table: z.literal('topProducts'), filter: topSchema }),
  z.object({ table: z.literal('clientProducts'), filter: clientProductListSchema }),
]);
export type SalesExportInput = z.input<typeof salesExportSchema>;
