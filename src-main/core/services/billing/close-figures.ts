// The close's pure derivations, apart from the service that loads and writes (close-service.ts): the platform as
// the issuing party, a month's state, totals per currency of documents, and the fingerprint of a plan that a
// close compares with its preview's.
import { createHash } from 'node:crypto';
import type { CurrencyBillingTotals, DocumentParty, MonthState, PlannedDocument } from '../../../../src-shared/api/billing-types';
import { monthHasEnded } from '../../../../src-shared/domain/billing';
import type { BillingRates } from '../../../../src-shared/domain/billing-rates';
import { findCountry } from '../../../../src-shared/domain/countries';
import type { MonthDocumentTotalsRow } from '../../repositories/billing-repository';
import type { ClosePlan } from './close-plan';

export function platformParty(rates: BillingRates): DocumentParty {
  return {
    companyId: null,
    name: rates.issuerName,
    address: [rates.issuerAddress, findCountry(rates.sellerCountry)?.name ?? rates.sellerCountry].filter(Boolean),
    country: rates.sellerCountry,
    vatId: rates.issuerVatId || null,
    email: '',
  };
}

export function monthState(month: string, now: number, closed: number, inScope: number): MonthState {
  if (!monthHasEnded(month, now)) return 'open';
  if (closed === 0) return 'closable';
  return closed >= inScope ? 'closed' : 'partly_closed';
}

/** Totals per currency of some documents (never adding currencies). */
export function currencyTotals(docs: readonly Pick<PlannedDocument, 'type' | 'currency' | 'netMinor' | 'vatMinor' | 'grossMinor'>[]): CurrencyBillingTotals[] {
  return totalsOfRows(docs.map((d) => ({ month: '', currency: d.currency, type: d.type, count: 1, net_minor: d.netMinor, vat_minor: d.vatMinor, gross_minor: d.grossMinor })));
}

/** Totals per currency of the document totals the repository sums per month, currency and type. */
export function totalsOfRows(rows: readonly MonthDocumentTotalsRow[]): CurrencyBillingTotals[] {
  const byCurrency = new Map<string, CurrencyBillingTotals>();
  const zero = () => ({ count: 0, netMinor: 0, vatMinor: 0, grossMinor: 0 });
  for (const r of rows) {
    let t = byCurrency.get(r.currency);
    if (!t) {
      t = { currency: r.currency, invoices: zero(), creditNotes: zero(), reports: 0 };
      byCurrency.set(r.currency, t);
    }
    if (r.type === 'report') {
      t.reports += r.count;
      continue;
    }
    const a = r.type === 'invoice' ? t.invoices : t.creditNotes;
    a.count += r.count;
    a.netMinor += r.net_minor;
    a.vatMinor += r.vat_minor;
    a.grossMinor += r.gross_minor;
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** Changes whenever the close would issue something else (documents, amounts, parts, companies). */
export function fingerprintOf(plan: ClosePlan): string {
  const hash = createHash('sha256');
  for (const d of plan.documents) {
    hash.update(`${d.key}|${d.netMinor}|${d.vatMinor}|${d.grossMinor}|${d.reverseCharge ? 1 : 0}|${d.sections.map((s) => `${s.companyId}:${s.netMinor}:${s.vatMinor}`).join(',')}\n`);
  }
  for (const c of plan.contributions) hash.update(`${c.companyId}|${c.billedAs}\n`);
  return hash.digest('hex').slice(0, 32);
}
