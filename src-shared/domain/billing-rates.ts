// The month close's rates and issuer data (docs/billing.md): one definition per setting with its default,
// its unit and its check (a zod schema per value, plus the rules across values in `checkRates`). The
// platform operator changes them (`partnerdeck billing rates --set`, or Billing → Rates → Edit in the
// console); everybody else reads them with their defaults. Stored in the settings table as the overrides
// only, so a default changed here reaches every folder that never overrode it.
import { z } from 'zod';
import { findCountry } from './countries';
import { checkVatId } from './vat-id';

export interface BillingRates {
  /** The platform's sales fee: a share of each shop's net sales of its own products (not App Store sales). */
  salesFeeBp: number;
  /** The partner's revenue share of the sales fees of its Direct clients. */
  partnerShareDirectBp: number;
  /** The partner's revenue share of the sales fees of its managed (Via Partner) clients: higher (spec §7). */
  partnerShareManagedBp: number;
  /** Developer payout: share of an app product's net sales (spec §6 decision). */
  appDeveloperShareBp: number;
  /** Developer payout: share of a theme product's net sales. */
  themeDeveloperShareBp: number;
  /** The platform's (the seller's) country: its VAT rate applies unless reverse charge does. */
  sellerCountry: string;
  /** The issuer printed on the platform's documents. */
  issuerName: string;
  issuerAddress: string;
  issuerVatId: string;
  /** Invoices are due this many days after they are issued. */
  paymentTermDays: number;
}

export type BillingRateKey = keyof BillingRates;

export type RateUnit = 'percent' | 'country' | 'text' | 'vat_id' | 'days';

export interface RateDefinition<K extends BillingRateKey = BillingRateKey> {
  key: K;
  label: string;
  description: string;
  unit: RateUnit;
  defaultValue: BillingRates[K];
}

export const DEFAULT_BILLING_RATES: Readonly<BillingRates> = Object.freeze({
  salesFeeBp: 500,
  partnerShareDirectBp: 2000,
  partnerShareManagedBp: 3000,
  appDeveloperShareBp: 8000,
  themeDeveloperShareBp: 7000,
  sellerCountry: 'DE',
  issuerName: 'PartnerDeck Platform',
  issuerAddress: 'Local copy of the platform on this computer',
  issuerVatId: 'DE000000000',
  paymentTermDays: 14,
});

const def = <K extends BillingRateKey>(key: K, label: string, unit: RateUnit, description: string): RateDefinition<K> => ({
  key,
  label,
  unit,
  description,
  defaultValue: DEFAULT_BILLING_RATES[key],
});

/** In the order the Rates panel and `billing rates` show them. */
export const RATE_DEFINITIONS: readonly RateDefinition[] = [
  def('salesFeeBp', 'Sales fee', 'percent', "Share of a shop's net sales of its own products (physical, digital, service) the platform invoices each month"),
  def('partnerShareDirectBp', 'Partner revenue share, Direct clients', 'percent', "Share of the sales fees of a partner's Direct clients credited to the partner"),
  def('partnerShareManagedBp', 'Partner revenue share, Via Partner clients', 'percent', "Share of the sales fees of a partner's managed clients credited to the partner (higher than for Direct clients)"),
  def('appDeveloperShareBp', 'Developer payout, apps', 'percent', "Share of an app's net sales paid out to its developer"),
  def('themeDeveloperShareBp', 'Developer payout, themes', 'percent', "Share of a theme's net sales paid out to its developer"),
  def('sellerCountry', "Platform's country", 'country', "Where the platform is established: its VAT rate applies to the fees unless reverse charge does"),
  def('issuerName', 'Issuer name', 'text', "The platform's name on its documents"),
  def('issuerAddress', 'Issuer address', 'text', "The platform's address on its documents"),
  def('issuerVatId', 'Issuer VAT-ID', 'vat_id', "The platform's VAT-ID on its documents"),
  def('paymentTermDays', 'Payment term', 'days', 'Invoices are due this many days after they are issued'),
];

/** "12.5" / "12,5" / "12.5 %" -> 1250 basis points; null when it is not a percentage from 0 to 100 with at most two decimals. */
export function parsePercent(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/.exec(text.trim());
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0') || '0');
  return bp <= 10_000 ? bp : null;
}

/** 1250 -> "12.5 %", 500 -> "5 %". */
export function formatPercent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const fraction = String(Math.abs(bp % 100)).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''} %`;
}

const PERCENT_PROBLEM = 'must be a percentage from 0 to 100 with at most two decimals';
const percentBp = z
  .number({ required_error: PERCENT_PROBLEM, invalid_type_error: PERCENT_PROBLEM })
  .int(PERCENT_PROBLEM)
  .min(0, PERCENT_PROBLEM)
  .max(10_000, PERCENT_PROBLEM);
const DAYS_PROBLEM = 'must be a whole number of days from 0 to 365';
const TEXT_PROBLEM = 'must be text';

/** The check of each value on its own (the console's input schema and `checkRates` both use these). */
export const RATE_VALUE_SCHEMAS = {
  salesFeeBp: percentBp,
  partnerShareDirectBp: percentBp,
  partnerShareManagedBp: percentBp,
  appDeveloperShareBp: percentBp,
  themeDeveloperShareBp: percentBp,
  sellerCountry: z
    .string({ invalid_type_error: TEXT_PROBLEM })
    .refine((code) => Boolean(findCountry(code)), 'must be a country code the platform knows (e.g. DE)'),
  issuerName: z.string({ invalid_type_error: TEXT_PROBLEM }).refine((name) => name.trim() !== '' && name.length <= 200, 'must be 1 to 200 characters'),
  issuerAddress: z.string({ invalid_type_error: TEXT_PROBLEM }).max(300, 'must be at most 300 characters'),
  /** Checked against the seller's country in `checkRates`. */
  issuerVatId: z.string({ invalid_type_error: TEXT_PROBLEM }).max(40, 'must be at most 40 characters'),
  paymentTermDays: z
    .number({ required_error: DAYS_PROBLEM, invalid_type_error: DAYS_PROBLEM })
    .int(DAYS_PROBLEM)
    .min(0, DAYS_PROBLEM)
    .max(365, DAYS_PROBLEM),
} satisfies { [K in BillingRateKey]: z.ZodType<BillingRates[K]> };

/** The set a change would make: the keys in `reset` back to their default, then the values in `set`. */
export function applyRatesChange(current: BillingRates, set: Partial<BillingRates>, reset: readonly BillingRateKey[]): BillingRates {
  const next: Record<string, unknown> = { ...current };
  for (const key of reset) next[key] = DEFAULT_BILLING_RATES[key];
  for (const d of RATE_DEFINITIONS) if (set[d.key] !== undefined) next[d.key] = set[d.key];
  return next as unknown as BillingRates;
}

/** Checks a full set of rates: each value, then the rules across values. Field problems by key (empty when fine). */
export function checkRates(rates: BillingRates): Partial<Record<BillingRateKey, string>> {
  const problems: Partial<Record<BillingRateKey, string>> = {};
  for (const d of RATE_DEFINITIONS) {
    const result = RATE_VALUE_SCHEMAS[d.key].safeParse(rates[d.key]);
    if (!result.success) problems[d.key] = result.error.issues[0]?.message ?? 'is not valid';
  }
  if (!problems.partnerShareManagedBp && !problems.partnerShareDirectBp && rates.partnerShareManagedBp <= rates.partnerShareDirectBp) {
    problems.partnerShareManagedBp = 'must be higher than the revenue share for Direct clients (managed clients earn the partner more)';
  }
  if (!problems.issuerVatId && !problems.sellerCountry && rates.issuerVatId !== '') {
    const check = checkVatId(rates.issuerVatId, rates.sellerCountry);
    if (!check.ok) problems.issuerVatId = check.message;
  }
  return problems;
}

/** Parses a `key=value` as people type it on the command line into the rate's stored value. */
export function parseRateValue(key: BillingRateKey, text: string): BillingRates[BillingRateKey] | null {
  const definition = RATE_DEFINITIONS.find((d) => d.key === key);
  if (!definition) return null;
  switch (definition.unit) {
    case 'percent':
      return parsePercent(text);
    case 'days':
      return /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : null;
    case 'country':
      return text.trim().toUpperCase();
    default:
      return text.trim();
  }
}

export function formatRateValue(key: BillingRateKey, value: BillingRates[BillingRateKey]): string {
  const unit = RATE_DEFINITIONS.find((d) => d.key === key)?.unit;
  if (unit === 'percent') return formatPercent(value as number);
  if (unit === 'days') return `${value} days`;
  return String(value);
}
