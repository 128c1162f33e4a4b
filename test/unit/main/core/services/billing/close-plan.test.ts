// The month close's rules as a pure function, against documents computed by hand (the arithmetic is in the
// comments). Default rates: sales fee 5 %, revenue share 20 % Direct / 30 % Via Partner, payouts 80 % apps /
// 70 % themes, seller DE (19 %). Amounts are minor units (cents; JPY has none).
import { describe, expect, it } from 'vitest';
import type { PlannedDocument } from '../../../../../../src-shared/api/billing-types';
import { DEFAULT_BILLING_RATES } from '../../../../../../src-shared/domain/billing-rates';
import { planClose, type BillingCompany, type CloseInput, type CompanyFigures, type KindFigures, type StoreProductFigures } from '../../../../../../src-main/core/services/billing/close-plan';
import { platformParty } from '../../../../../../src-main/core/services/billing/close-figures';
import type { MaskedCard, MaskedSepa } from '../../../../../../src-shared/domain/payment-methods';

const company = (id: number, name: string, country: string, extra: Partial<BillingCompany> = {}): BillingCompany => ({
  id, name, email: `billing@${id}.example`, street: 'Street 1', city: 'City', postalCode: '12345', country, vatId: null,
  isSample: false, isDevelopment: false, isPartner: false, partnerId: null, route: 'direct', ...extra,
});

const P = company(1, 'Partner GmbH', 'DE', { vatId: 'DE123456789', isPartner: true });
const A = company(2, 'Direct DE GmbH', 'DE', { partnerId: 1 });
const M = company(3, 'Managed AT GmbH', 'AT', { partnerId: 1, route: 'via_partner', vatId: 'ATU12345678' });
const R = company(4, 'Reverse AT GmbH', 'AT', { partnerId: 1, vatId: 'ATU87654321' });
const S = company(5, 'Sample GmbH', 'DE', { partnerId: 1, isSample: true });
const G = company(6, 'Global Ltd', 'GB', { vatId: 'GB123456789' });
const F = company(7, 'France SARL', 'FR', { partnerId: 1 });
const D = company(8, 'Dev Studio GmbH', 'DE');

const k = (orders: number, net: number, vat: number, quantity = orders): KindFigures => ({ orders, quantity, netMinor: net, vatMinor: vat, grossMinor: net + vat });

function fig(companyId: number, currency: string, orders: number, kinds: CompanyFigures['kinds']): CompanyFigures {
  const all = Object.values(kinds) as KindFigures[];
  const net = all.reduce((s, x) => s + x.netMinor, 0);
  const vat = all.reduce((s, x) => s + x.vatMinor, 0);
  return { companyId, currency, orders, netMinor: net, vatMinor: vat, grossMinor: net + vat, kinds };
}

const FIGURES: CompanyFigures[] = [
  // A: 1,000.00 physical + 23.45 digital net.
  fig(A.id, 'EUR', 12, { physical: k(10, 100000, 19000), digital: k(3, 2345, 446) }),
  // M: 500.10 service net.
  fig(M.id, 'EUR', 2, { service: k(2, 50010, 10002) }),
  // R: 0.10 net (a rounding edge: the fee is half a cent).
  fig(R.id, 'EUR', 1, { physical: k(1, 10, 2) }),
  // S: a sample company's figures are never billed (real orders cannot happen there; this tests the rule).
  fig(S.id, 'EUR', 5, { physical: k(5, 99999, 19000) }),
  // G: two currencies.
  fig(G.id, 'GBP', 1, { digital: k(1, 1000, 200) }),
  fig(G.id, 'EUR', 1, { physical: k(1, 2000, 380) }),
  // F: 30.00 service net.
  fig(F.id, 'EUR', 1, { service: k(1, 3000, 600) }),
  // D: App Store sales only: an app (2 sales, 100.00 net) and a theme (1 sale, 49.99 net).
  fig(D.id, 'EUR', 3, { app: k(2, 10000, 1900), theme: k(1, 4999, 950) }),
];
const PRODUCTS: StoreProductFigures[] = [
  { companyId: D.id, productId: 80, name: 'Planner App', kind: 'app', currency: 'EUR', orders: 2, quantity: 2, netMinor: 10000 },
  { companyId: D.id, productId: 81, name: 'Nordic Theme', kind: 'theme', currency: 'EUR', orders: 1, quantity: 1, netMinor: 4999 },
];

function input(overrides: Partial<CloseInput> = {}): CloseInput {
  const companies = [P, A, M, R, S, G, F, D];
  return {
    month: '2026-10',
    rates: DEFAULT_BILLING_RATES,
    issuer: platformParty(DEFAULT_BILLING_RATES),
    companies,
    scopeIds: companies.map((c) => c.id),
    figures: FIGURES,
    products: PRODUCTS,
    closed: new Set(),
    paymentMethods: new Map(),
    today: { year: 2026, month: 11, iso: '2026-11-02' },
    ...overrides,
  };
}

const find = (docs: PlannedDocument[], type: string, recipient: number, currency = 'EUR') => docs.find((d) => d.type === type && d.recipient.companyId === recipient && d.currency === currency);
const totals = (d: PlannedDocument | undefined) => d && { net: d.netMinor, vat: d.vatMinor, gross: d.grossMinor };

describe('the close plan', () => {
  const plan = planClose(input());
  const docs = plan.documents;

  it('a Direct client gets its own report, invoice and credit note', () => {
    // Fee: 5 % of own net 1,023.45 = 51.1725 -> 51.17; VAT 19 % (domestic) of 51.17 = 9.7223 -> 9.72.
    expect(totals(find(docs, 'invoice', A.id))).toEqual({ net: 5117, vat: 972, gross: 6089 });
    expect(find(docs, 'invoice', A.id)).toMatchObject({ billedAs: 'direct', vatRateBp: 1900, reverseCharge: false, vatReason: 'domestic' });
    expect(find(docs, 'invoice', A.id)!.sections[0].lines[0]).toMatchObject({ kind: 'fee', basisMinor: 102345, rateBp: 500, netMinor: 5117, vatMinor: 972 });
    // Credit: the collected gross 1,190.00 + 27.91 = 1,217.91, no VAT of its own.
    expect(totals(find(docs, 'credit_note', A.id))).toEqual({ net: 121791, vat: 0, gross: 121791 });
    // Report: sales by kind, 1,023.45 net + 194.46 VAT.
    const report = find(docs, 'report', A.id)!;
    expect(totals(report)).toEqual({ net: 102345, vat: 19446, gross: 121791 });
    expect(report.sections[0].lines.filter((l) => l.kind === 'sales').map((l) => l.netMinor)).toEqual([100000, 2345]);
    // Balance on the report: credit 1,217.91 - invoice 60.89 = 1,157.02.
    expect(report.sections[0].lines.find((l) => l.description.startsWith('Balance'))).toMatchObject({ netMinor: 115702, inTotal: false });
  });

  it("a managed client's documents are separate parts of its partner's, billed with the partner's VAT", () => {
    expect(docs.filter((d) => d.recipient.companyId === M.id)).toEqual([]);
    // M's fee: 5 % of 500.10 = 25.005 -> 25.01; billed to the partner (DE, domestic): VAT 19 % of 25.01 = 4.7519 -> 4.75,
    // although M itself (AT with a valid VAT-ID) would be reverse-charged.
    const invoice = find(docs, 'invoice', P.id)!;
    expect(invoice.sections).toHaveLength(1);
    expect(invoice.sections[0]).toMatchObject({ companyId: M.id, title: 'Managed AT GmbH', netMinor: 2501, vatMinor: 475, grossMinor: 2976 });
    expect(totals(invoice)).toEqual({ net: 2501, vat: 475, gross: 2976 });
    expect(invoice).toMatchObject({ billedAs: 'partner', reverseCharge: false, vatReason: 'domestic' });
    // Credit: M's collected 600.12, then the partner's own part: revenue share
    //   A (Direct 20 % of 51.17 = 10.234 -> 10.23), M (Via Partner 30 % of 25.01 = 7.503 -> 7.50), F (20 % of 1.50 = 0.30);
    //   R's 20 % of 0.01 = 0.002 -> 0 gives no line. 10.23 + 7.50 + 0.30 = 18.03. Total 600.12 + 18.03 = 618.15.
    const credit = find(docs, 'credit_note', P.id)!;
    expect(credit.sections.map((s) => [s.companyId, s.netMinor])).toEqual([[M.id, 60012], [null, 1803]]);
    expect(credit.sections[1].lines.map((l) => [l.rateBp, l.basisMinor, l.netMinor])).toEqual([[2000, 5117, 1023], [3000, 2501, 750], [2000, 150, 30]]);
    expect(totals(credit)).toEqual({ net: 61815, vat: 0, gross: 61815 });
    // Report: M's sales are the totals; the revenue share is listed, not added.
    expect(totals(find(docs, 'report', P.id))).toEqual({ net: 50010, vat: 10002, gross: 60012 });
    expect(plan.contributions.find((c) => c.companyId === M.id)).toMatchObject({ billedAs: 'via_partner', partnerId: P.id });
    expect(plan.contributions.find((c) => c.companyId === P.id)).toMatchObject({ billedAs: 'partner' });
  });

  it('reverse charge for a valid VAT-ID in another member state; the half cent rounds up', () => {
    // R: 5 % of 0.10 = 0.005 -> 0.01; reverse charge: no VAT.
    const invoice = find(docs, 'invoice', R.id)!;
    expect(totals(invoice)).toEqual({ net: 1, vat: 0, gross: 1 });
    expect(invoice).toMatchObject({ reverseCharge: true, vatRateBp: 0, vatReason: 'reverse_charge' });
    expect(invoice.notes.join(' ')).toContain('Reverse charge');
    // F: in the EU without a VAT-ID: the seller's 19 %: 1.50 -> 0.285 -> 0.29.
    expect(totals(find(docs, 'invoice', F.id))).toEqual({ net: 150, vat: 29, gross: 179 });
  });

  it('outside the EU the seller rate applies; each currency has its own documents', () => {
    // G GBP: 5 % of 10.00 = 0.50, VAT 19 % = 0.095 -> 0.10; G EUR: 1.00 + 0.19.
    expect(totals(find(docs, 'invoice', G.id, 'GBP'))).toEqual({ net: 50, vat: 10, gross: 60 });
    expect(totals(find(docs, 'invoice', G.id, 'EUR'))).toEqual({ net: 100, vat: 19, gross: 119 });
    expect(find(docs, 'invoice', G.id, 'GBP')).toMatchObject({ vatReason: 'outside_eu', reverseCharge: false });
    expect(docs.filter((d) => d.recipient.companyId === G.id).map((d) => `${d.type}:${d.currency}`)).toEqual([
      'report:EUR', 'invoice:EUR', 'credit_note:EUR', 'report:GBP', 'invoice:GBP', 'credit_note:GBP',
    ]);
  });

  it('apps and themes are paid out at 80 % / 70 % of their net sales; no fee on App Store sales', () => {
    // 80 % of 100.00 = 80.00; 70 % of 49.99 = 34.993 -> 34.99. No invoice: the fee basis (own products) is 0.
    expect(find(docs, 'invoice', D.id)).toBeUndefined();
    const credit = find(docs, 'credit_note', D.id)!;
    expect(credit.sections[0].lines.map((l) => [l.kind, l.basisMinor, l.rateBp, l.netMinor])).toEqual([
      ['payout', 10000, 8000, 8000],
      ['payout', 4999, 7000, 3499],
    ]);
    expect(totals(credit)).toEqual({ net: 11499, vat: 0, gross: 11499 });
    expect(totals(find(docs, 'report', D.id))).toEqual({ net: 14999, vat: 2850, gross: 17849 });
  });

  it('sample companies are never billed, and say so', () => {
    expect(docs.some((d) => d.recipient.companyId === S.id || d.sections.some((s) => s.companyId === S.id))).toBe(false);
    expect(plan.contributions.find((c) => c.companyId === S.id)).toMatchObject({ billedAs: 'sample' });
    expect(plan.warnings.filter((w) => w.kind !== 'awaiting_payment_details')).toEqual([expect.objectContaining({ kind: 'sample_skipped', companyId: S.id })]);
  });

  it('development companies are never billed either: their test orders go into no document, and the plan says so', () => {
    const V = company(90, 'Dev Shop', 'DE', { isDevelopment: true });
    const base = input();
    const withDev = planClose({
      ...base,
      scopeIds: [...base.scopeIds, V.id],
      companies: [...base.companies, V],
      figures: [...base.figures, fig(V.id, 'EUR', 3, { physical: k(3, 12345, 2345) })],
    });
    expect(withDev.documents.some((d) => d.recipient.companyId === V.id || d.sections.some((s) => s.companyId === V.id))).toBe(false);
    expect(withDev.documents).toHaveLength(docs.length);
    expect(withDev.contributions.find((c) => c.companyId === V.id)).toMatchObject({ billedAs: 'nothing', figures: {} });
    expect(withDev.warnings).toContainEqual(expect.objectContaining({ kind: 'development_skipped', companyId: V.id, message: expect.stringMatching(/development company/) }));
  });

  it('issues 20 documents in a fixed order: recipient, currency, report / invoice / credit note', () => {
    // P 3 (EUR), A 3, R 3, G 6, F 3, D 2 (report, credit note).
    expect(docs).toHaveLength(20);
    expect(docs.slice(0, 3).map((d) => d.key)).toEqual(['report|1|EUR', 'invoice|1|EUR', 'credit_note|1|EUR']);
  });

  it('leaves closed companies out: their documents exist', () => {
    const again = planClose(input({ closed: new Set([P.id, A.id, M.id, R.id, S.id, G.id, F.id, D.id]) }));
    expect(again).toEqual({ documents: [], contributions: [], warnings: [], awaitingPayment: [] });
    // Only A left: its own documents, and the partner's revenue share from A in a (supplementary) credit note.
    const onlyA = planClose(input({ closed: new Set([P.id, M.id, R.id, S.id, G.id, F.id, D.id]) }));
    expect(onlyA.documents.map((d) => d.key)).toEqual(['report|1|EUR', 'credit_note|1|EUR', 'report|2|EUR', 'invoice|2|EUR', 'credit_note|2|EUR']);
    expect(totals(find(onlyA.documents, 'credit_note', P.id))).toEqual({ net: 1023, vat: 0, gross: 1023 });
    expect(onlyA.contributions.map((c) => c.companyId)).toEqual([A.id]);
  });

  it('the route in force at the close decides: switching M to Direct moves its documents to it', () => {
    const direct = planClose(input({ companies: [P, A, { ...M, route: 'direct' }, R, S, G, F, D] }));
    // M now Direct: its own invoice with reverse charge (AT VAT-ID), 25.01 net.
    expect(find(direct.documents, 'invoice', M.id)).toMatchObject({ netMinor: 2501, vatMinor: 0, reverseCharge: true, billedAs: 'direct' });
    // The partner gets no invoice any more and 20 % instead of 30 %: 25.01 * 20 % = 5.002 -> 5.00.
    expect(find(direct.documents, 'invoice', P.id)).toBeUndefined();
    expect(find(direct.documents, 'credit_note', P.id)!.sections.flatMap((s) => s.lines).find((l) => l.description.includes('Managed AT'))).toMatchObject({ rateBp: 2000, netMinor: 500 });
  });

  it('a company without sales gets nothing and is recorded as such; rates are settings', () => {
    const quiet = company(9, 'Quiet GmbH', 'DE', { partnerId: 1 });
    const p = planClose(input({ companies: [P, quiet], scopeIds: [P.id, quiet.id], figures: [], products: [] }));
    expect(p.documents).toEqual([]);
    expect(p.contributions).toEqual([
      { companyId: P.id, billedAs: 'nothing', route: 'direct', partnerId: null, figures: {} },
      { companyId: quiet.id, billedAs: 'nothing', route: 'direct', partnerId: 1, figures: {} },
    ]);
    // A 10 % fee: A's fee 102.35 (102.345 -> 102.35), VAT 19.45 (19.4465 -> 19.45).
    const tenPercent = planClose(input({ rates: { ...DEFAULT_BILLING_RATES, salesFeeBp: 1000 } }));
    expect(totals(find(tenPercent.documents, 'invoice', A.id))).toEqual({ net: 10235, vat: 1945, gross: 12180 });
  });

  it('JPY has no minor units: shares round to whole yen', () => {
    const J = company(10, 'Kawaii KK', 'JP', { partnerId: 1 });
    // 5 % of ¥10,121 = 506.05 -> 506; VAT 19 % of 506 = 96.14 -> 96; partner 20 % of 506 = 101.2 -> 101.
    const p = planClose(input({ companies: [P, J], scopeIds: [P.id, J.id], figures: [fig(J.id, 'JPY', 3, { physical: k(3, 10121, 1012) })], products: [] }));
    expect(totals(find(p.documents, 'invoice', J.id, 'JPY'))).toEqual({ net: 506, vat: 96, gross: 602 });
    expect(totals(find(p.documents, 'credit_note', P.id, 'JPY'))).toEqual({ net: 101, vat: 0, gross: 101 });
  });
});

describe('how each invoice and credit note is settled (payment methods on file)', () => {
  const visa: MaskedCard = { kind: 'card', brand: 'Visa', last4: '4242', expMonth: 8, expYear: 2029, holder: 'Anna' };
  const mandate: MaskedSepa = { kind: 'sepa', ibanCountry: 'DE', ibanLast4: '4411', holder: 'Dana', mandateReference: 'NW-1', signedOn: '2026-01-05' };
  const expired: MaskedCard = { ...visa, last4: '0005', expMonth: 10, expYear: 2026 };
  // P (the partner) has a mandate, A (Direct) a card, G an expired card; R, F, D have none; M is Via Partner.
  const methods = new Map<number, MaskedCard | MaskedSepa>([[P.id, mandate], [A.id, visa], [G.id, expired], [M.id, visa]]);
  const withMethods = planClose(input({ paymentMethods: methods }));

  it("a Direct client's invoice and credit note are settled with its own method; reports never", () => {
    expect(find(withMethods.documents, 'invoice', A.id)!.settlement).toEqual({ status: 'method', payerCompanyId: A.id, payerName: A.name, method: visa, date: null });
    expect(find(withMethods.documents, 'credit_note', A.id)!.settlement).toMatchObject({ status: 'method', method: visa });
    expect(find(withMethods.documents, 'report', A.id)!.settlement).toBeNull();
  });

  it("a managed client's parts are settled with its partner's document and method, never its own", () => {
    const partnerInvoice = find(withMethods.documents, 'invoice', P.id)!;
    expect(partnerInvoice.sections.some((s) => s.companyId === M.id)).toBe(true);
    expect(partnerInvoice.settlement).toEqual({ status: 'method', payerCompanyId: P.id, payerName: P.name, method: mandate, date: null });
    expect(withMethods.documents.some((d) => d.recipient.companyId === M.id)).toBe(false);
  });

  it('without a method, or with a card that expired before the close: awaiting payment details, listed once per company', () => {
    expect(find(withMethods.documents, 'invoice', R.id)!.settlement).toEqual({ status: 'awaiting', payerCompanyId: R.id, payerName: R.name, reason: 'missing', method: null });
    expect(find(withMethods.documents, 'invoice', G.id, 'GBP')!.settlement).toMatchObject({ status: 'awaiting', reason: 'expired', method: expired });
    expect(withMethods.awaitingPayment).toEqual([
      { companyId: D.id, companyName: D.name, reason: 'missing' },
      { companyId: F.id, companyName: F.name, reason: 'missing' },
      { companyId: G.id, companyName: G.name, reason: 'expired' },
      { companyId: R.id, companyName: R.name, reason: 'missing' },
    ]);
    const warning = withMethods.warnings.find((w) => w.kind === 'awaiting_payment_details')!;
    expect(warning.message).toMatch(/^4 companies have no usable payment method on file \(Dev Studio GmbH, France SARL, Global Ltd and 1 more\)/);
  });

  it('with every recipient on file there is nothing to warn about', () => {
    const all = new Map([...methods, [G.id, visa], [R.id, visa], [F.id, mandate], [D.id, visa]]);
    const plan = planClose(input({ paymentMethods: all }));
    expect(plan.awaitingPayment).toEqual([]);
    expect(plan.warnings.some((w) => w.kind === 'awaiting_payment_details')).toBe(false);
    // The method does not change what is issued: the same documents and amounts.
    expect(plan.documents.map((d) => [d.key, d.grossMinor])).toEqual(planClose(input()).documents.map((d) => [d.key, d.grossMinor]));
  });
});
