// The month close's arithmetic and rules that both sides need (docs/billing.md): document types, months
// as periods, shares of amounts with their rounding rule, and who pays VAT on a fee (spec §7: reverse charge
// for an EU company with a valid VAT-ID in another member state, otherwise the seller's rate).
import { findCountry } from './countries';
import { checkVatId } from './vat-id';

export const DOCUMENT_TYPES = ['report', 'invoice', 'credit_note'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  report: 'Report',
  invoice: 'Invoice',
  credit_note: 'Credit note',
};

/** Number prefixes: PD-INV-2026-000123 (platform), P12-INV-2026-000001 (partner 12's invoices to its clients). */
export const DOCUMENT_NUMBER_CODES: Record<DocumentType, string> = { report: 'REP', invoice: 'INV', credit_note: 'CRN' };
export const PLATFORM_NUMBER_PREFIX = 'PD';

export function documentNumber(prefix: string, type: DocumentType, year: number, sequence: number): string {
  return `${prefix}-${DOCUMENT_NUMBER_CODES[type]}-${year}-${String(sequence).padStart(6, '0')}`;
}

export function partnerNumberPrefix(partnerId: number): string {
  return `P${partnerId}`;
}

// ---- Months ---------------------------------------------------------------------------------------

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH_PATTERN.test(text);
}

/** [first ms, first ms of the next month) of 'YYYY-MM' in UTC. */
export function monthBounds(month: string): { start: number; end: number } {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  return { start: Date.UTC(year, index, 1), end: Date.UTC(year, index + 1, 1) };
}

/** The month (YYYY-MM, UTC) an epoch ms falls in. */
export function monthOf(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** '2026-10' plus n months. */
export function addMonths(month: string, n: number): string {
  const { start } = monthBounds(month);
  const d = new Date(start);
  return monthOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '2026-10' -> 'October 2026'. */
export function monthName(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** A month can be closed once it has ended by the platform clock. */
export function monthHasEnded(month: string, now: number): boolean {
  return monthBounds(month).end <= now;
}

// ---- Amounts ----------------------------------------------------------------------------------------

/**
 * `rateBp` basis points (1 % = 100) of an amount in minor units, rounded half away from zero to a whole minor
 * unit: 5 % of 12.30 = 0.615 -> 0.62; 19 % of 0.05 = 0.0095 -> 0.01; 30 % of 0.05 = 0.015 -> 0.02. Integer
 * arithmetic; BigInt when the product passes 2^53.
 */
export function shareOf(amountMinor: number, rateBp: number): number {
  const sign = amountMinor < 0 ? -1 : 1;
  const magnitude = Math.abs(amountMinor);
  const product = magnitude * rateBp;
  if (Number.isSafeInteger(product)) return sign * Math.floor((product + 5000) / 10000);
  return sign * Number((BigInt(magnitude) * BigInt(rateBp) + 5000n) / 10000n);
}

// ---- VAT on the platform's fees (and on a partner's invoices to its clients) ------------------------------

export type VatReason = 'reverse_charge' | 'domestic' | 'eu_without_vat_id' | 'outside_eu' | 'seller_outside_eu';

export interface VatTreatment {
  rateBp: number;
  reverseCharge: boolean;
  reason: VatReason;
  /** The sentence printed on the document. */
  note: string;
}

export const REVERSE_CHARGE_NOTE = 'Reverse charge: VAT to be accounted for by the recipient (Art. 196 Council Directive 2006/112/EC).';

/**
 * Spec §7: an EU company with a valid VAT-ID (format checked for its country) in another member state than the
 * seller is invoiced without VAT (reverse charge, noted on the document); otherwise the seller's rate applies —
 * also outside the EU, as the spec says. A seller outside the EU always charges its own rate.
 */
export function vatTreatment(sellerCountry: string, recipient: { country: string; vatId: string | null }): VatTreatment {
  const seller = findCountry(sellerCountry);
  const sellerRate = seller?.vatRateBp ?? 0;
  const buyer = findCountry(recipient.country);
  const rateText = `${sellerRate / 100} %`;
  if (!seller?.eu) return { rateBp: sellerRate, reverseCharge: false, reason: 'seller_outside_eu', note: `VAT ${rateText} (${seller?.name ?? sellerCountry}).` };
  if (buyer?.eu && buyer.code !== seller.code) {
    const valid = recipient.vatId !== null && recipient.vatId !== '' && checkVatId(recipient.vatId, buyer.code).ok;
    if (valid) return { rateBp: 0, reverseCharge: true, reason: 'reverse_charge', note: REVERSE_CHARGE_NOTE };
    return { rateBp: sellerRate, reverseCharge: false, reason: 'eu_without_vat_id', note: `VAT ${rateText} of ${seller.name}: no valid VAT-ID of ${buyer.name} on file (reverse charge needs one).` };
  }
  if (buyer?.code === seller.code) return { rateBp: sellerRate, reverseCharge: false, reason: 'domestic', note: `VAT ${rateText} (${seller.name}).` };
  return { rateBp: sellerRate, reverseCharge: false, reason: 'outside_eu', note: `VAT ${rateText} of ${seller.name} (the seller's rate applies outside the EU).` };
}
