// CSV exports (issue 3, part 4): every table of the console exports exactly the rows its filter shows,
// all of them, not just the loaded page. Rows come from the same service calls as the lists (so the same
// access checks and the same order); money is a decimal string beside its currency column; cells are
// quoted per RFC 4180 and guarded against formula injection (src-shared/domain/csv.ts).
import type { z } from 'zod';
import { ApiError } from '../../../src-shared/api/errors';
import type { salesExportSchema } from '../../../src-shared/api/sales-inputs';
import type { ClientProduct, ClientSalesRow, KindSalesRow, MonthSalesRow } from '../../../src-shared/api/sales-types';
import type { shopExportSchema } from '../../../src-shared/api/shop-entities';
import { MAX_EXPORT_ROWS } from '../../../src-shared/api/shop-inputs';
import { fileNameSlug } from '../../../src-shared/domain/file-name-slug';
import type {
  AccessGroup,
  Category,
  ContentFile,
  CsvExport,
  Customer,
  GroupMember,
  NewsletterRecipient,
  OrderSummary,
  Page,
  Product,
  Subscriber,
  Theme,
} from '../../../src-shared/api/shop-types';
import { formatMinor } from '../../../src-shared/domain/currencies';
import { toCsv, type CsvCell, type CsvColumn } from '../../../src-shared/domain/csv';
import { dayOf } from '../../../src-shared/domain/date-range';
import type { Actor } from '../access';
import type { SalesService } from './sales-service';
import type { ServiceContext } from './service-context';
import { shopEntityServices, type ShopDataServices } from './shop-entity-services';

export type ShopExport = z.output<typeof shopExportSchema>;
export type SalesExport = z.output<typeof salesExportSchema>;

export interface ExportService {
  /** A table of one shop (store function; the list's permission applies). */
  shopTable(actor: Actor, request: ShopExport): CsvExport;
  /** A table of the partner's combined view. */
  salesTable(actor: Actor, request: SalesExport, partnerId?: number): CsvExport;
}

interface ExportServices extends ShopDataServices {
  sales: SalesService;
}

const col = <T>(header: string, value: (row: T) => CsvCell): CsvColumn<T> => ({ header, value });
const money = <T extends { currency: string | null }>(header: string, pick: (row: T) => number): CsvColumn<T> =>
  col(header, (row) => (row.currency === null ? '0' : formatMinor(pick(row), row.currency)));
/** Basis points as a percentage with two decimals (1900 -> "19.00"). */
const percent = (bp: number): string => formatMinor(bp, 'XXX');

const PRODUCT_COLUMNS: CsvColumn<Product>[] = [
  col('id', (p) => p.id),
  col('name', (p) => p.name),
  col('sku', (p) => p.sku),
  col('kind', (p) => p.kind),
  money('price', (p) => p.priceMinor),
  col('currency', (p) => p.currency),
  col('vat_rate_percent', (p) => percent(p.vatRateBp)),
  col('active', (p) => p.isActive),
  col('stock', (p) => p.stock),
  col('weight_grams', (p) => p.weightGrams),
  col('download_file', (p) => p.fileName),
  col('categories', (p) => p.categories.map((c) => c.name).join('; ')),
  col('demo', (p) => p.isDemo),
  col('created_at', (p) => p.createdAt),
  col('updated_at', (p) => p.updatedAt),
];

const SHOP_COLUMNS = {
  products: PRODUCT_COLUMNS,
  categories: [
    col<Category>('id', (c) => c.id),
    col<Category>('name', (c) => c.name),
    col<Category>('description', (c) => c.description),
    col<Category>('products', (c) => c.productCount),
    col<Category>('demo', (c) => c.isDemo),
    col<Category>('created_at', (c) => c.createdAt),
  ],
  customers: [
    col<Customer>('id', (c) => c.id),
    col<Customer>('email', (c) => c.email),
    col<Customer>('name', (c) => c.name),
    col<Customer>('phone', (c) => c.phone),
    col<Customer>('street', (c) => c.street),
    col<Customer>('postal_code', (c) => c.postalCode),
    col<Customer>('city', (c) => c.city),
    col<Customer>('country', (c) => c.country),
    col<Customer>('accepts_marketing', (c) => c.acceptsMarketing),
    col<Customer>('demo', (c) => c.isDemo),
    col<Customer>('created_at', (c) => c.createdAt),
  ],
  orders: [
    col<OrderSummary>('id', (o) => o.id),
    col<OrderSummary>('number', (o) => o.number),
    col<OrderSummary>('placed_at', (o) => o.placedAt),
    col<OrderSummary>('status', (o) => o.status),
    col<OrderSummary>('customer_email', (o) => o.customerEmail),
    col<OrderSummary>('customer_name', (o) => o.customerName),
    col<OrderSummary>('currency', (o) => o.currency),
    money<OrderSummary>('net', (o) => o.netMinor),
    money<OrderSummary>('vat', (o) => o.vatMinor),
    money<OrderSummary>('gross', (o) => o.grossMinor),
    col<OrderSummary>('items', (o) => o.itemCount),
    col<OrderSummary>('source', (o) => o.source),
    col<OrderSummary>('demo', (o) => o.isDemo),
  ],
  subscribers: [
    col<Subscriber>('id', (s) => s.id),
    col<Subscriber>('email', (s) => s.email),
    col<Subscriber>('name', (s) => s.name),
    col<Subscriber>('product', (s) => s.productName),
    col<Subscriber>('status', (s) => s.status),
    col<Subscriber>('started_at', (s) => s.startedAt),
    col<Subscriber>('ends_at', (s) => s.endsAt),
    col<Subscriber>('demo', (s) => s.isDemo),
  ],
  accessGroups: [
    col<AccessGroup>('id', (g) => g.id),
    col<AccessGroup>('name', (g) => g.name),
    col<AccessGroup>('description', (g) => g.description),
    col<AccessGroup>('members', (g) => g.memberCount),
    col<AccessGroup>('demo', (g) => g.isDemo),
  ],
  groupMembers: [
    col<GroupMember>('id', (m) => m.id),
    col<GroupMember>('group', (m) => m.groupName),
    col<GroupMember>('email', (m) => m.email),
    col<GroupMember>('name', (m) => m.name),
    col<GroupMember>('expires_at', (m) => m.expiresAt),
    col<GroupMember>('demo', (m) => m.isDemo),
  ],
  newsletterRecipients: [
    col<NewsletterRecipient>('id', (r) => r.id),
    col<NewsletterRecipient>('email', (r) => r.email),
    col<NewsletterRecipient>('name', (r) => r.name),
    col<NewsletterRecipient>('language', (r) => r.language),
    col<NewsletterRecipient>('status', (r) => r.status),
    col<NewsletterRecipient>('subscribed_at', (r) => r.subscribedAt),
    col<NewsletterRecipient>('unsubscribed_at', (r) => r.unsubscribedAt),
    col<NewsletterRecipient>('demo', (r) => r.isDemo),
  ],
  themes: [
    col<Theme>('id', (t) => t.id),
    col<Theme>('name', (t) => t.name),
    col<Theme>('version', (t) => t.version),
    col<Theme>('author', (t) => t.author),
    col<Theme>('active', (t) => t.isActive),
    col<Theme>('demo', (t) => t.isDemo),
    col<Theme>('updated_at', (t) => t.updatedAt),
  ],
  files: [
    col<ContentFile>('id', (f) => f.id),
    col<ContentFile>('name', (f) => f.name),
    col<ContentFile>('mime_type', (f) => f.mimeType),
    col<ContentFile>('size_bytes', (f) => f.sizeBytes),
    col<ContentFile>('sha256', (f) => f.sha256),
    col<ContentFile>('used_by_products', (f) => f.usedByProducts),
    col<ContentFile>('demo', (f) => f.isDemo),
    col<ContentFile>('created_at', (f) => f.createdAt),
  ],
} satisfies Record<ShopExport['table'], CsvColumn<never>[]>;

const TOTAL_COLUMNS = <T extends { currency: string | null; orders: number; netMinor: number; vatMinor: number; grossMinor: number }>(): CsvColumn<T>[] => [
  col<T>('currency', (r) => r.currency),
  col<T>('orders', (r) => r.orders),
  money<T>('net', (r) => r.netMinor),
  money<T>('vat', (r) => r.vatMinor),
  money<T>('gross', (r) => r.grossMinor),
];

export function createExportService(ctx: ServiceContext, services: ExportServices): ExportService {
  const { repos, clock } = ctx;

  /** Every row of a paged list: the total first, then one page that holds them all. */
  function everyRow<T>(list: (offset: number, limit: number) => Page<T>): T[] {
    const total = list(0, 1).total;
    if (total > MAX_EXPORT_ROWS) {
      throw new ApiError('conflict', `The filter matches ${total.toLocaleString('en')} rows; an export holds at most ${MAX_EXPORT_ROWS.toLocaleString('en')}. Narrow the filter (for example a date range) and export again.`, {
        rows: total,
        limit: MAX_EXPORT_ROWS,
      });
    }
    return total === 0 ? [] : list(0, total).items;
  }

  const entities = shopEntityServices(services, 'console');
  const file = (parts: string[], rows: { csv: string; rowCount: number }): CsvExport => ({ fileName: `${parts.join('-')}.csv`, mimeType: 'text/csv', ...rows });

  return {
    shopTable(actor, request) {
      const { companyId } = request.filter;
      const company = repos.companies.get(companyId);
      // Every row of the list for this filter, from the same service call as the console's list.
      const list = entities[request.table].list;
      const rows = everyRow((offset, limit) => list(actor, companyId, { ...request.filter, offset, limit } as never));
      const columns = SHOP_COLUMNS[request.table] as CsvColumn<unknown>[];
      return file([kebab(request.table), fileNameSlug(company?.name ?? String(companyId), { fallback: 'shop' }), dayOf(clock.now())], toCsv(columns, rows));
    },

    salesTable(actor, request, partnerId) {
      const f = request.filter;
      const range = 'from' in f ? [f.from, 'to', f.to] : [dayOf(clock.now())];
      switch (request.table) {
        case 'salesByClient': {
          const filter = request.filter;
          const rows = everyRow((offset, limit) => services.sales.byClient(actor, { ...filter, offset, limit }, partnerId));
          return file(['sales-by-client', ...range], toCsv<ClientSalesRow>([
            col('client_id', (r) => r.companyId),
            col('client', (r) => r.companyName),
            col('country', (r) => r.country),
            col('sample', (r) => r.isSample),
            col('payment_route', (r) => r.paymentRoute),
            ...TOTAL_COLUMNS<ClientSalesRow>(),
            col('items', (r) => r.items),
            money('average_order', (r) => r.averageOrderMinor),
            col('new_customers', (r) => r.newCustomers),
          ], rows));
        }
        case 'salesByMonth':
          return file(['sales-by-month', ...range], toCsv<MonthSalesRow>([
            col('month', (r) => r.month),
            ...TOTAL_COLUMNS<MonthSalesRow>(),
            col('items', (r) => r.items),
            money('average_order', (r) => r.averageOrderMinor),
            col('new_customers', (r) => r.newCustomers),
          ], services.sales.byMonth(actor, request.filter, partnerId)));
        case 'salesByKind':
          return file(['sales-by-kind', ...range], toCsv<KindSalesRow>([
            col('kind', (r) => r.kind),
            ...TOTAL_COLUMNS<KindSalesRow>(),
            col('quantity', (r) => r.quantity),
          ], services.sales.byKind(actor, request.filter, partnerId)));
        case 'topClients': {
          const rows = services.sales.topClients(actor, request.filter, partnerId).flatMap((g) => g.rows.map((r, i) => ({ ...r, currency: g.currency, rank: i + 1 })));
          return file(['top-clients', ...range], toCsv<(typeof rows)[number]>([
            col('currency', (r) => r.currency),
            col('rank', (r) => r.rank),
            col('client_id', (r) => r.companyId),
            col('client', (r) => r.companyName),
            col('sample', (r) => r.isSample),
            col('orders', (r) => r.orders),
            money('gross', (r) => r.grossMinor),
            col('share_percent', (r) => percent(r.shareBp)),
          ], rows));
        }
        case 'topProducts': {
          const rows = services.sales.topProducts(actor, request.filter, partnerId).flatMap((g) => g.rows.map((r, i) => ({ ...r, currency: g.currency, rank: i + 1 })));
          return file(['top-products', ...range], toCsv<(typeof rows)[number]>([
            col('currency', (r) => r.currency),
            col('rank', (r) => r.rank),
            col('client_id', (r) => r.companyId),
            col('client', (r) => r.companyName),
            col('product_id', (r) => r.productId),
            col('product', (r) => r.name),
            col('kind', (r) => r.kind),
            col('orders', (r) => r.orders),
            col('quantity', (r) => r.quantity),
            money('net', (r) => r.netMinor),
            money('gross', (r) => r.grossMinor),
          ], rows));
        }
        case 'clientProducts': {
          const filter = request.filter;
          const rows = everyRow((offset, limit) => services.sales.products(actor, { ...filter, offset, limit }, partnerId));
          return file(['client-products', ...range], toCsv<ClientProduct>([
            col('client_id', (p) => p.companyId),
            col('client', (p) => p.companyName),
            ...(PRODUCT_COLUMNS as CsvColumn<ClientProduct>[]),
          ], rows));
        }
      }
    },
  };
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`);
}
