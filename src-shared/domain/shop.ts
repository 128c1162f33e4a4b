// The shop's domain rules that both sides need (spec §2): product kinds, order statuses and their allowed
// transitions, which statuses count as sales, and line pricing with VAT. The renderer uses the same
// pricing to preview totals, so a storefront preview and the placed order can never disagree.

/** Every product kind. `app` and `theme` products are created by the App Store (spec §6). */
export const PRODUCT_KINDS = ['physical', 'digital', 'service', 'app', 'theme'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

/** Kinds a shop creates in its catalogue (console, REST); apps and themes come from the App Store. */
export const CATALOGUE_KINDS = ['physical', 'digital', 'service'] as const satisfies readonly ProductKind[];
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];

export const PRODUCT_KIND_LABELS: Record<ProductKind, string> = {
  physical: 'Physical',
  digital: 'Digital download',
  service: 'Service',
  app: 'App',
  theme: 'Theme',
};

/**
 * pending: placed, not paid yet; paid: payment received; fulfilled: shipped / delivered / access granted;
 * cancelled: called off before fulfilment (stock goes back); refunded: money returned after payment.
 */
export const ORDER_STATUSES = ['pending', 'paid', 'fulfilled', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Orders in these statuses are sales: they count in every figure (rollups, statistics, month close). */
export const COUNTED_STATUSES: readonly OrderStatus[] = ['paid', 'fulfilled'];

export function isCounted(status: OrderStatus): boolean {
  return status === 'paid' || status === 'fulfilled';
}

/** Allowed status changes. cancelled and refunded are final. */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['paid', 'cancelled'],
  paid: ['fulfilled', 'refunded', 'cancelled'],
  fulfilled: ['refunded'],
  cancelled: [],
  refunded: [],
};

/** Lines can be changed only before fulfilment. */
export const LINE_EDITABLE_STATUSES: readonly OrderStatus[] = ['pending', 'paid'];

/** Only orders that never became (or no longer are) a sale may be deleted; the others are records of money. */
export const DELETABLE_STATUSES: readonly OrderStatus[] = ['pending', 'cancelled'];

export const ORDER_LIMITS = {
  maxLines: 100,
  maxQuantity: 10_000,
  maxUnitPriceMinor: 1_000_000_000,
} as const;

export interface LineAmounts {
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
}

/**
 * VAT of a net amount at `rateBp` basis points, rounded half up to a whole minor unit. Pure integer math:
 * the product fits a double exactly while it stays below 2^53, BigInt takes over above.
 */
export function vatOf(netMinor: number, rateBp: number): number {
  const product = netMinor * rateBp;
  if (Number.isSafeInteger(product)) return Math.floor((product + 5000) / 10000);
  return Number((BigInt(netMinor) * BigInt(rateBp) + 5000n) / 10000n);
}

/**
 * One order line. Prices are net (excluding VAT): net = unit price x quantity; VAT is computed and rounded
 * per line (half up); gross = net + VAT. Order totals are the sums of their lines.
 */
export function priceLine(unitPriceMinor: number, quantity: number, vatRateBp: number): LineAmounts {
  const netMinor = unitPriceMinor * quantity;
  const vatMinor = vatOf(netMinor, vatRateBp);
  return { netMinor, vatMinor, grossMinor: netMinor + vatMinor };
}

export function sumLines(lines: readonly LineAmounts[]): LineAmounts {
  let netMinor = 0;
  let vatMinor = 0;
  for (const line of lines) {
    netMinor += line.netMinor;
    vatMinor += line.vatMinor;
  }
  return { netMinor, vatMinor, grossMinor: netMinor + vatMinor };
}

/** Average order value in minor units, rounded half up; 0 without orders. */
export function averageMinor(totalMinor: number, orders: number): number {
  if (orders === 0) return 0;
  const doubled = totalMinor * 2 + orders;
  if (Number.isSafeInteger(doubled)) return Math.floor(doubled / (orders * 2));
  return Number((BigInt(totalMinor) * 2n + BigInt(orders)) / (BigInt(orders) * 2n));
}

export const SUBSCRIBER_STATUSES = ['active', 'paused', 'cancelled'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

export const NEWSLETTER_STATUSES = ['subscribed', 'unsubscribed'] as const;
export type NewsletterStatus = (typeof NEWSLETTER_STATUSES)[number];
