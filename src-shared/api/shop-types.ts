// Shapes of a client's shop data as they cross the console API (and, later, the REST API's mapping).
// Money: integer minor units plus an ISO 4217 currency; times ISO 8601; `isDemo` marks data of a sample
// company (spec §1: demo data is marked as demo wherever it is shown).
import type { NewsletterStatus, OrderStatus, ProductKind, SubscriberStatus } from '../domain/shop';

/** One page of a list: `total` counts every row the filter matches (for the pager and the export). */
export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

interface ShopObject {
  id: number;
  companyId: number;
  /** True while the company is a sample company (orders: placed while it was one). */
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CategoryRef {
  id: number;
  name: string;
}

export interface Product extends ShopObject {
  kind: ProductKind;
  name: string;
  sku: string;
  description: string;
  priceMinor: number;
  currency: string;
  vatRateBp: number;
  /** Available for sale. */
  isActive: boolean;
  /** Physical products only. */
  weightGrams: number | null;
  stock: number | null;
  /** Digital products only: the download. */
  fileId: number | null;
  fileName: string | null;
  categories: CategoryRef[];
}

export interface Category extends ShopObject {
  name: string;
  description: string;
  productCount: number;
}

export interface Customer extends ShopObject {
  email: string;
  name: string;
  phone: string;
  street: string;
  city: string;
  postalCode: string;
  country: string;
  acceptsMarketing: boolean;
  note: string;
}

/** Totals in one currency; amounts of different currencies are never added together. */
export interface CurrencyTotal {
  currency: string;
  orders: number;
  items: number;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
  /** grossMinor / orders, rounded half up. */
  averageOrderMinor: number;
}

export interface CustomerDetail extends Customer {
  /** Every order of the customer, whatever its status. */
  orderCount: number;
  /** Paid and fulfilled orders, per currency. */
  spent: CurrencyTotal[];
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  recentOrders: OrderSummary[];
}

export interface OrderLine {
  lineNo: number;
  productId: number;
  kind: ProductKind;
  name: string;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  vatRateBp: number;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
}

export type OrderSource = 'checkout' | 'console' | 'api' | 'seed';

export interface OrderSummary extends ShopObject {
  number: number;
  customerId: number;
  customerName: string;
  customerEmail: string;
  status: OrderStatus;
  currency: string;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
  itemCount: number;
  source: OrderSource;
  placedAt: string;
}

export interface Order extends OrderSummary {
  note: string;
  lines: OrderLine[];
}

export interface Subscriber extends ShopObject {
  email: string;
  name: string;
  productId: number | null;
  productName: string | null;
  status: SubscriberStatus;
  startedAt: string;
  endsAt: string | null;
}

export interface AccessGroup extends ShopObject {
  name: string;
  description: string;
  memberCount: number;
}

export interface GroupMember extends ShopObject {
  groupId: number;
  groupName: string;
  email: string;
  name: string;
  expiresAt: string | null;
}

export interface NewsletterRecipient extends ShopObject {
  email: string;
  name: string;
  language: string;
  status: NewsletterStatus;
  subscribedAt: string | null;
  unsubscribedAt: string | null;
}

export interface Theme extends ShopObject {
  name: string;
  version: string;
  author: string;
  description: string;
  settings: Record<string, string>;
  isActive: boolean;
}

export interface ContentFile extends ShopObject {
  name: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string | null;
  description: string;
  /** Digital products that offer this file as their download. */
  usedByProducts: number;
}

/** A CSV file the console offers as a download. */
export interface CsvExport {
  fileName: string;
  mimeType: 'text/csv';
  csv: string;
  rowCount: number;
}

export interface DeleteResult {
  deleted: true;
  id: number;
}
