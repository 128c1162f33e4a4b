// Logistics partners (spec §8, seed "Providing logistics/shipping/warehouse services"): the rules every layer
// shares. Weights are whole grams; money is integer minor units in the rule's currency. The cost of shipping and
// its payment stay outside the platform (the seed says so): nothing of it enters the month close.

export const PROVIDER_STATES = ['pending', 'approved', 'rejected'] as const;
export type ProviderState = (typeof PROVIDER_STATES)[number];
export const PROVIDER_STATE_LABELS: Record<ProviderState, string> = { pending: 'Waiting for approval', approved: 'Approved', rejected: 'Rejected' };

/** Whom a provider offers its services to: every shop, or only selected clients of its own. */
export const OFFER_SCOPES = ['all', 'selected'] as const;
export type OfferScope = (typeof OFFER_SCOPES)[number];

export const SHIPMENT_STATUSES = ['label_created', 'in_transit', 'delivered', 'exception'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];
export const SHIPMENT_STATUS_LABELS: Record<ShipmentStatus, string> = {
  label_created: 'Label created',
  in_transit: 'In transit',
  delivered: 'Delivered',
  exception: 'Exception',
};
/** Where a shipment may go next. Delivered is final; an exception can be resolved (back in transit) or delivered. */
export const SHIPMENT_TRANSITIONS: Record<ShipmentStatus, readonly ShipmentStatus[]> = {
  label_created: ['in_transit', 'exception'],
  in_transit: ['delivered', 'exception'],
  exception: ['in_transit', 'delivered'],
  delivered: [],
};

/** A forwarded order's state in the provider's fulfillment queue. */
export const FULFILLMENT_STATES = ['open', 'partly_shipped', 'shipped', 'cancelled'] as const;
export type FulfillmentState = (typeof FULFILLMENT_STATES)[number];
export const FULFILLMENT_STATE_LABELS: Record<FulfillmentState, string> = {
  open: 'To ship',
  partly_shipped: 'Partly shipped',
  shipped: 'Shipped',
  cancelled: 'Cancelled',
};

/**
 * Inventory movements. Each has two effects: on the stock on hand and on the reserved stock.
 *   receipt      goods arrive            on hand +q
 *   reservation  an order is forwarded   reserved +q
 *   release      a forwarded order is cancelled            reserved -q
 *   shipment     goods leave             on hand -q, reserved -r (r = the reserved part shipped)
 *   adjustment   a count corrected       on hand ±q
 * Stock on hand = the sum of the on-hand effects; reserved = the sum of the reserved effects; available = on hand
 * - reserved. None of the three may go below zero: a movement that would is refused, naming the quantity.
 */
export const MOVEMENT_KINDS = ['receipt', 'reservation', 'release', 'shipment', 'adjustment'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export const MOVEMENT_LABELS: Record<MovementKind, string> = {
  receipt: 'Receipt',
  reservation: 'Reservation',
  release: 'Release',
  shipment: 'Shipment',
  adjustment: 'Adjustment',
};

/** Available stock at or below this is marked "low" (per product and warehouse). */
export const LOW_STOCK_THRESHOLD = 10;

export const LOGISTICS_LIMITS = {
  /** Heaviest bracket edge a rule may name: 1,000 kg. */
  maxGrams: 1_000_000,
  maxRulesPerProvider: 5_000,
  maxZoneCountries: 250,
  maxQuantity: 1_000_000,
} as const;

/** The sentence the screens show wherever shipping money appears (the seed: cost and payment are independent). */
export const OUTSIDE_PLATFORM_NOTE =
  'Shipping is charged and paid between the shop and the logistics provider, outside the platform: it is not part of the order total, sales figures or the month close.';

// ---- Rate selection (pure) -------------------------------------------------------------------------------

/**
 * A rate rule as selection sees it. Bracket edges are whole grams and BOTH are inclusive: a rule with
 * minGrams 0 and maxGrams 500 serves 0 g up to and including 500 g; the next bracket starts at 501. maxGrams
 * null means "no upper limit".
 */
export interface RateRule {
  id: number;
  providerId: number;
  /** Upper-case ISO 3166 alpha-2 codes of the rule's zone. */
  countries: ReadonlySet<string> | readonly string[];
  currency: string;
  minGrams: number;
  maxGrams: number | null;
  amountMinor: number;
}

export interface RateQuestion {
  /** Destination, ISO 3166 alpha-2. */
  country: string;
  /** The order's total weight in grams. */
  weightGrams: number;
  /** The order's currency: only rules in it apply. */
  currency: string;
  /** Providers the shop has chosen (only their rules apply). */
  providerIds: ReadonlySet<number> | readonly number[];
  /** The shop's preferred provider, if any. */
  preferredProviderId: number | null;
}

export function ruleMatches(rule: RateRule, q: Pick<RateQuestion, 'country' | 'weightGrams' | 'currency'>): boolean {
  if (rule.currency !== q.currency) return false;
  if (q.weightGrams < rule.minGrams) return false;
  if (rule.maxGrams !== null && q.weightGrams > rule.maxGrams) return false;
  const country = q.country.toUpperCase();
  return Array.isArray(rule.countries) ? rule.countries.includes(country) : (rule.countries as ReadonlySet<string>).has(country);
}

const has = (set: ReadonlySet<number> | readonly number[], value: number): boolean =>
  Array.isArray(set) ? set.includes(value) : (set as ReadonlySet<number>).has(value);

/**
 * Which rule ships an order (issue 15): the shop's preferred provider if one of its rules serves the destination
 * and weight (its cheapest such rule), else the cheapest matching rule of the shop's chosen providers. Ties go to
 * the lower provider id, then the lower rule id, so the answer never depends on the order of `rules`. null: no
 * chosen provider ships there (the storefront says so and places no order).
 */
export function selectRate<R extends RateRule>(rules: readonly R[], q: RateQuestion): R | null {
  let bestPreferred: R | null = null;
  let best: R | null = null;
  const better = (a: R, b: R | null) =>
    b === null || a.amountMinor < b.amountMinor || (a.amountMinor === b.amountMinor && (a.providerId < b.providerId || (a.providerId === b.providerId && a.id < b.id)));
  for (const rule of rules) {
    if (!has(q.providerIds, rule.providerId) || !ruleMatches(rule, q)) continue;
    if (rule.providerId === q.preferredProviderId && better(rule, bestPreferred)) bestPreferred = rule;
    if (better(rule, best)) best = rule;
  }
  return bestPreferred ?? best;
}

/** "0 – 500 g", "501 g and more": whole grams, so the edges read exactly as they apply (both included). */
export function bracketLabel(minGrams: number, maxGrams: number | null): string {
  const g = (n: number) => n.toLocaleString('en');
  return maxGrams === null ? `${g(minGrams)} g and more` : `${g(minGrams)} – ${g(maxGrams)} g`;
}

export function formatGrams(grams: number): string {
  if (grams >= 1000 && grams % 100 === 0) return `${(grams / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} kg`;
  return `${grams.toLocaleString('en')} g`;
}
