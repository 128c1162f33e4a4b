// The month close end to end in the core (real SQLite, real orders through the shop services, the manual
// clock): documents computed by hand, numbering, immutability (the triggers), corrections, the idempotent
// second close, the announcing emails in the outbox, preview, what-if, the partner's own prices with their
// drafted invoices, and the PDF's text. Default rates: fee 5 %, revenue share 20 % Direct / 30 % Via
// Partner, payouts 80 % apps / 70 % themes, seller DE (19 %). Amounts in cents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../../../../src-main/core/access';
import type { BillingDocument, CloseResult, DocumentSummary } from '../../../../../../src-shared/api/billing-types';
import { correctionSchema } from '../../../../../../src-shared/api/billing-inputs';
import { openBillingPlatform } from '../../../../../helpers/billing';
import { PLAIN_SVG, pngOf } from '../../../../../helpers/logos';
import { pdfText } from '../../../../../helpers/pdf-text';

describe('closing October 2026 for a partner and its clients', () => {
  const t = openBillingPlatform('2026-10-01T08:00:00Z');
  const { platform, partner } = t;
  const billing = platform.billing;

  // A: Direct, DE, no VAT-ID. 2 × 100.00 physical at 19 %: net 200.00.
  const A = t.client('Alpha Direct GmbH');
  // M: Direct until the 15th, then Via Partner (the route at the close applies to the whole month).
  const M = t.client('Managed Moser GmbH');
  // R: Direct, AT with a valid VAT-ID: reverse charge. 1 × 50.00 service: net 50.00.
  const R = t.client('Reverse Wien GmbH', { country: 'AT', vatId: 'ATU12345678' });
  // S: a sample company (never billed).
  const S = t.client('Sample Showroom', { sample: true });
  // U: Direct, sells in EUR and USD.
  const U = t.client('Two Currency Ltd');
  // D: an app and theme developer (Direct, no partner): App Store purchases are paid orders in its shop.
  const D = t.client('Dev Studio GmbH', { partnerId: null });

  let first: CloseResult;
  let second: CloseResult;
  let outboxBefore = 0;

  beforeAll(async () => {
    const pA = t.product(A, 'physical', 'Lamp', 10000, { vatRateBp: 1900 });
    const pM = t.product(M, 'digital', 'E-book', 10000, { vatRateBp: 1900 });
    const pR = t.product(R, 'service', 'Consulting', 5000, { vatRateBp: 2000 });
    const pS = t.product(S, 'physical', 'Demo chair', 99900, { vatRateBp: 1900 });
    const pUe = t.product(U, 'digital', 'Font EUR', 1000, { vatRateBp: 0 });
    const pUu = t.product(U, 'digital', 'Font USD', 3000, { vatRateBp: 0, currency: 'USD' });
    const app = t.product(D, 'app', 'Planner App', 1250, { vatRateBp: 1900 });
    const theme = t.product(D, 'theme', 'Nordic Theme', 4999, { vatRateBp: 1900 });
    void pS;

    t.order(A, '2026-10-03', [[pA, 2]]);
    t.order(M, '2026-10-05', [[pM, 1]]);
    t.at('2026-10-15T09:00:00Z');
    platform.companies.update(partner.actor, { companyId: M, paymentRoute: 'via_partner' });
    t.order(M, '2026-10-20', [[pM, 3]]);
    t.order(R, '2026-10-21', [[pR, 1]]);
    t.order(U, '2026-10-22', [[pUe, 1]]);
    t.order(U, '2026-10-22', [[pUu, 2]]);
    t.order(D, '2026-10-10', [[app, 2]]);
    t.order(D, '2026-10-11', [[app, 2]]);
    t.order(D, '2026-10-12', [[theme, 1]]);
    // November orders never reach October.
    t.at('2026-11-01T00:00:00Z');
    t.order(A, '2026-11-01', [[pA, 5]]);
    // The partner's own price for M: 50.00 a month plus 2 % of net sales.
    (await billing.prices.set(partner.actor, null, { companyId: M, monthlyFeeMinor: 5000, percentBp: 200 }));
    t.at('2026-11-02T10:00:00Z');
    outboxBefore = platform.outbox.list(OPERATOR, 1000).length;
    first = (await billing.closing.close(partner.actor, null, '2026-10'));
    // The developer is nobody's client: the operator closes the rest of the platform.
    (await billing.closing.close(OPERATOR, null, '2026-10'));
  });
  afterAll(() => t.dispose());

  const docs = async (): Promise<DocumentSummary[]> => (await billing.documents.list(OPERATOR, null, { search: '', sort: 'number', direction: 'asc' }, 0, 500)).items;
  const doc = async (type: string, recipient: number, currency = 'EUR'): Promise<BillingDocument> => {
    const found = (await docs()).find((d) => d.type === type && d.recipientId === recipient && d.currency === currency && d.correctsNumber === null && d.issuerCompanyId === null);
    if (!found) throw new Error(`no ${type} for ${recipient} in ${currency}`);
    return (await billing.documents.get(OPERATOR, null, found.id));
  };

  it('a Direct client gets its own invoice: 5 % of 200.00 = 10.00, VAT 19 % = 1.90', async () => {
    const inv = (await doc('invoice', A));
    expect({ net: inv.netMinor, vat: inv.vatMinor, gross: inv.grossMinor }).toEqual({ net: 1000, vat: 190, gross: 1190 });
    expect(inv).toMatchObject({ billedAs: 'direct', reverseCharge: false, vatRateBp: 1900 });
    // Credit note: the collected gross 2 × 119.00 = 238.00. November's order is not in it.
    expect((await doc('credit_note', A)).netMinor).toBe(23800);
  });

  it('the route at the close applies to the whole month: M has no documents, its whole month is a part of the partner\'s', async () => {
    expect((await docs()).filter((d) => d.recipientId === M)).toEqual([]);
    const inv = (await doc('invoice', partner.id));
    const part = inv.sections.find((s) => s.companyId === M)!;
    // 4 × 100.00 net (both halves of the month) → fee 20.00, billed to the partner (DE): VAT 3.80.
    expect({ net: part.netMinor, vat: part.vatMinor }).toEqual({ net: 2000, vat: 380 });
    expect(part.number).toMatch(/^PD-INV-2026-\d{6}\/1$/);
    expect(inv.billedAs).toBe('partner');
    expect(first.warnings.some((w) => w.kind === 'route_changed' && w.companyId === M)).toBe(true);
  });

  it('the partner earns 30 % of managed and 20 % of Direct clients\' fees', async () => {
    const cn = (await doc('credit_note', partner.id));
    const shares = cn.sections.flatMap((s) => s.lines).filter((l) => l.kind === 'revenue_share');
    const byBasis = Object.fromEntries(shares.map((l) => [l.description.split(' of ')[2] ?? l.description, { net: l.netMinor, rate: l.rateBp }]));
    // M: 30 % of 20.00 = 6.00; A: 20 % of 10.00 = 2.00; R: 20 % of 2.50 = 0.50; U (EUR): 20 % of 0.50 = 0.10.
    expect(shares.map((l) => [l.rateBp, l.basisMinor, l.netMinor]).sort()).toEqual(
      [
        [3000, 2000, 600],
        [2000, 1000, 200],
        [2000, 250, 50],
        [2000, 50, 10],
      ].sort(),
    );
    expect(Object.keys(byBasis)).toHaveLength(4);
    // USD: 20 % of U's 5 % of 60.00 (= 3.00) = 0.60, in a USD credit note of its own.
    expect((await doc('credit_note', partner.id, 'USD')).netMinor).toBe(60);
  });

  it('reverse charge for a valid VAT-ID in another member state: no VAT, noted on the document', async () => {
    const inv = (await doc('invoice', R));
    expect({ net: inv.netMinor, vat: inv.vatMinor, gross: inv.grossMinor }).toEqual({ net: 250, vat: 0, gross: 250 });
    expect(inv.reverseCharge).toBe(true);
    expect(inv.notes.join(' ')).toMatch(/reverse charge/i);
  });

  it('sample companies are never billed', async () => {
    expect((await docs()).filter((d) => d.recipientId === S)).toEqual([]);
    const parts = await Promise.all((await docs()).filter((d) => d.shops > 0).map((d) => billing.documents.get(OPERATOR, null, d.id)));
    expect(parts.some((p) => p.sections.some((s) => s.companyId === S))).toBe(false);
  });

  it('several currencies: one set of documents per currency, never added', async () => {
    // EUR: 10.00 net → fee 0.50, VAT 19 % = 0.095 → 0.10 (half away from zero).
    expect((await doc('invoice', U, 'EUR'))).toMatchObject({ netMinor: 50, vatMinor: 10, grossMinor: 60 });
    // USD: 2 × 30.00 = 60.00 net → fee 3.00, VAT 19 % = 0.57.
    expect((await doc('invoice', U, 'USD'))).toMatchObject({ netMinor: 300, vatMinor: 57, grossMinor: 357 });
    expect((await doc('credit_note', U, 'USD')).netMinor).toBe(6000);
  });

  it('app and theme developers are paid out 80 % / 70 % of net, and pay no fee on App Store sales', async () => {
    const cn = (await doc('credit_note', D));
    const payouts = cn.sections.flatMap((s) => s.lines).filter((l) => l.kind === 'payout');
    // App: 4 × 12.50 = 50.00 net → 40.00; theme: 49.99 net → 70 % = 34.993 → 34.99.
    expect(payouts.map((l) => [l.description.includes('Planner App'), l.basisMinor, l.netMinor])).toEqual([
      [true, 5000, 4000],
      [false, 4999, 3499],
    ]);
    expect((await docs()).some((d) => d.type === 'invoice' && d.recipientId === D)).toBe(false);
  });

  it('numbers are gapless per issuer, in the order of recipient, currency and type', async () => {
    const platformDocs = (await docs()).filter((d) => d.issuerCompanyId === null);
    for (const code of ['REP', 'INV', 'CRN']) {
      const seq = platformDocs.filter((d) => d.number.includes(`-${code}-`)).map((d) => Number(d.number.slice(-6))).sort((a, b) => a - b);
      expect(seq).toEqual(seq.map((_, i) => i + 1));
    }
  });

  it('issued documents are immutable: the database refuses changes', async () => {
    const inv = (await doc('invoice', A));
    expect(() => platform.db.prepare('UPDATE billing_documents SET net_minor = 1 WHERE id = ?').run(inv.id)).toThrow(/immutable/);
    expect(() => platform.db.prepare('DELETE FROM billing_document_lines WHERE section_id IN (SELECT id FROM billing_document_sections WHERE document_id = ?)').run(inv.id)).toThrow(/immutable/);
    expect(() => platform.db.prepare('DELETE FROM billing_close_companies').run()).toThrow(/stays closed/);
    expect((await doc('invoice', A)).netMinor).toBe(1000);
  });

  it('closing the same month again changes nothing', async () => {
    const before = (await docs());
    const mails = platform.outbox.list(OPERATOR, 1000).length;
    second = (await billing.closing.close(partner.actor, null, '2026-10'));
    expect(second).toMatchObject({ alreadyClosed: true, closeId: null, issued: [], companiesClosed: 0 });
    expect(second.message).toMatch(/already closed/);
    expect((await docs())).toEqual(before);
    expect(platform.outbox.list(OPERATOR, 1000).length).toBe(mails);
  });

  it('announces the documents by email in the outbox, one email per recipient', async () => {
    const mails = platform.outbox.list(OPERATOR, 1000).slice(0, platform.outbox.list(OPERATOR, 1000).length - outboxBefore);
    const recipients = new Set(first.issued.map((d) => d.recipientId));
    expect(recipients).toEqual(new Set([partner.id, A, R, U]));
    for (const id of recipients) {
      const company = platform.repos.companies.get(id)!;
      const mail = mails.find((m) => m.to.includes(company.email));
      expect(mail, company.name).toBeTruthy();
      expect(mail!.subject).toMatch(/October 2026/);
    }
  });

  it('a correction is a new document referencing the original, which never changes', async () => {
    const original = (await doc('invoice', A));
    const correction = (await billing.documents.correct(partner.actor, null, { documentId: original.id, type: 'credit_note', amountMinor: 500, reason: 'Fee on a returned lamp' }));
    expect(correction).toMatchObject({ type: 'credit_note', correctsNumber: original.number, netMinor: 500, vatMinor: 95, reason: 'Fee on a returned lamp' });
    expect(correction.number).not.toBe(original.number);
    const again = (await billing.documents.get(OPERATOR, null, original.id));
    expect({ ...again, corrections: [] }).toEqual({ ...original, corrections: [] });
    expect(again.corrections.map((c) => c.number)).toEqual([correction.number]);
    // Bad input is named at the boundary (the console and the CLI parse with this schema).
    const bad = correctionSchema.safeParse({ documentId: original.id, type: 'refund', amountMinor: 0, reason: 'x' });
    expect(bad.success ? {} : bad.error.flatten().fieldErrors).toEqual({
      type: ['must be invoice or credit_note'],
      amountMinor: ['must be more than 0'],
      reason: ['must say why (at least 3 characters)'],
    });
  });

  it('drafts the partner\'s invoice to its managed client from its own prices, and issues it in the partner\'s sequence', async () => {
    const drafts = (await billing.prices.drafts(partner.actor, null, '2026-10'));
    expect(drafts).toHaveLength(1);
    // 50.00 monthly fee + 2 % of 400.00 = 8.00 → 58.00 net, the partner's VAT (DE, domestic) 19 % = 11.02.
    expect(drafts[0]).toMatchObject({ companyId: M, currency: 'EUR', netMinor: 5800, vatMinor: 1102, grossMinor: 6902 });
    const issued = (await billing.prices.issue(partner.actor, null, drafts[0].id));
    expect(issued).toMatchObject({ issuerCompanyId: partner.id, recipientId: M, type: 'invoice', grossMinor: 6902 });
    expect(issued.number).toBe(`P${partner.id}-INV-2026-000001`);
    expect((await billing.prices.drafts(partner.actor, null, '2026-10'))).toEqual([]);
    // The client sees its partner's invoice (and nothing from the platform).
    const asClient = (await billing.documents.list(partner.actor, M, { search: '', sort: 'number', direction: 'asc' }, 0, 50)).items;
    expect(asClient.map((d) => d.number)).toEqual([issued.number]);
  });

  it("a partner's documents to its clients are headed by its logo as it was at issue (kept with the document, in the PDF too); the platform's by none", { timeout: 60_000 }, async () => {
    const issued = (await docs()).find((d) => d.issuerCompanyId === partner.id)!;
    const platformDoc = (await docs()).find((d) => d.issuerCompanyId === null)!;
    const get = (id: number) => billing.documents.get(partner.actor, null, id);
    const images = (b64: string) => (Buffer.from(b64, 'base64').toString('latin1').match(/\/Subtype \/Image/g) ?? []).length;
    const pdfOf = (id: number) => billing.documents.pdf(partner.actor, null, id);
    const correct = (reason: string) => billing.documents.correct(partner.actor, null, { documentId: issued.id, type: 'credit_note', amountMinor: 100, reason });
    const before = await pdfOf(issued.id);
    expect((await get(issued.id)).issuerLogo).toBeNull();
    await platform.branding.setLogo(partner.actor, { companyId: partner.id, fileName: 'logo.png', bytes: pngOf(240, 60) });
    // Issued without a logo, it stays without one: an issued document never changes.
    expect((await get(issued.id)).issuerLogo).toBeNull();
    expect(images((await pdfOf(issued.id)).base64)).toBe(0);
    const withPng = (await correct('Goodwill credit for the late delivery'));
    expect((await get(withPng.id)).issuerLogo).toMatchObject({ width: 240, height: 60 });
    expect((await get(withPng.id)).issuerLogo!.dataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await billing.documents.get(OPERATOR, null, platformDoc.id)).issuerLogo).toBeNull();
    const pngPdf = await pdfOf(withPng.id);
    expect(images(before.base64)).toBe(0);
    expect(images(pngPdf.base64)).toBeGreaterThan(0);
    expect(await pdfText(Buffer.from(pngPdf.base64, 'base64'))).toContain(withPng.number);
    // A new logo (an SVG, drawn as vectors: no image) heads the next document; the one issued with the PNG keeps the PNG.
    await platform.branding.setLogo(partner.actor, { companyId: partner.id, fileName: 'logo.svg', bytes: Buffer.from(PLAIN_SVG) });
    const withSvg = (await correct('Second goodwill credit'));
    expect((await get(withSvg.id)).issuerLogo!.dataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect((await get(withPng.id)).issuerLogo!.dataUrl).toMatch(/^data:image\/png;base64,/);
    expect(images((await pdfOf(withPng.id)).base64)).toBeGreaterThan(0);
    const svgPdf = await pdfOf(withSvg.id);
    expect(images(svgPdf.base64)).toBe(0);
    expect(await pdfText(Buffer.from(svgPdf.base64, 'base64'))).toContain(withSvg.number);
    // Removing the logo changes no issued document; the kept logo cannot be changed or deleted.
    await platform.branding.removeLogo(partner.actor, partner.id);
    expect((await get(withPng.id)).issuerLogo).toMatchObject({ width: 240, height: 60 });
    expect((await get(withSvg.id)).issuerLogo).not.toBeNull();
    expect(() => platform.db.prepare('DELETE FROM billing_document_logos WHERE document_id = ?').run(withPng.id)).toThrow(/immutable/);
    expect(() => platform.db.prepare("UPDATE document_logos SET width = 1").run()).toThrow(/immutable/);
  });

  it('the preview of a closed month writes nothing and says it is closed', async () => {
    const preview = (await billing.closing.preview(partner.actor, null, '2026-10'));
    expect(preview.state).toBe('closed');
    expect(preview.documents).toEqual([]);
    expect(preview.warnings.some((w) => w.kind === 'already_closed')).toBe(true);
  });

  it('the PDF carries the document as text', async () => {
    const inv = (await doc('invoice', partner.id));
    const pdf = await billing.documents.pdf(partner.actor, null, inv.id);
    expect(pdf.fileName).toMatch(/\.pdf$/);
    const text = await pdfText(Buffer.from(pdf.base64, 'base64'));
    expect(text).toContain(inv.number);
    expect(text).toContain('Managed Moser GmbH');
    expect(text).toContain(inv.sections.find((s) => s.companyId === M)!.number!);
    expect(text).toContain('Northwind Test GmbH');
    expect(text).toMatch(/October 2026/);
    // Totals: the partner's fee part (20.00) + its Direct clients' none (they have their own) → 20.00 net, 3.80 VAT.
    expect(text).toContain('20.00');
    expect(text).toContain('3.80');
    const rc = await pdfText(Buffer.from((await billing.documents.pdf(OPERATOR, null, (await doc('invoice', R)).id)).base64, 'base64'));
    expect(rc).toMatch(/reverse charge/i);
  });

  it('the CSV of a document lists its lines', async () => {
    const csv = (await billing.documents.csv(partner.actor, null, (await doc('invoice', partner.id)).id));
    expect(csv.csv.split('\n')[0]).toMatch(/^document,type,month,issuer,recipient,/);
    expect(csv.csv).toContain('Managed Moser GmbH');
    // One line: M's sales fee (the partner's Direct clients have documents of their own).
    expect(csv.rowCount).toBe(1);
  });
});

describe('preview and what-if before the close', () => {
  const t = openBillingPlatform('2026-10-01T08:00:00Z');
  const { platform, partner } = t;
  const billing = platform.billing;
  const M = t.client('Managed Moser GmbH', { route: 'via_partner' });
  const A = t.client('Alpha Direct GmbH', { country: 'AT', vatId: 'ATU12345678' });
  afterAll(() => t.dispose());

  beforeAll(async () => {
    const pM = t.product(M, 'digital', 'E-book', 10000, { vatRateBp: 1900 });
    const pA = t.product(A, 'digital', 'Font', 10000, { vatRateBp: 2000 });
    t.order(M, '2026-10-05', [[pM, 10]]);
    t.order(A, '2026-10-05', [[pA, 10]]);
  });

  it('refuses to close a month that has not ended, and previews the figures so far', async () => {
    await expect(billing.closing.close(partner.actor, null, '2026-10')).rejects.toThrow(/has not ended/);
    const preview = (await billing.closing.preview(partner.actor, null, '2026-10'));
    expect(preview.closable).toBe(false);
    expect(preview.warnings[0].kind).toBe('not_ended');
  });

  it('names a bad month', async () => {
    await expect(billing.closing.preview(partner.actor, null, '2026-13')).rejects.toThrow(/YYYY-MM/);
  });

  it('the preview is what the close issues; a stale preview is refused', async () => {
    t.at('2026-11-01T09:00:00Z');
    const preview = (await billing.closing.preview(partner.actor, null, '2026-10'));
    expect(preview.closable).toBe(true);
    expect(preview.documents.map((d) => [d.type, d.recipientName, d.netMinor])).toEqual([
      // Reports total the net sales: M's 1,000.00 inside the partner's, A's own.
      ['report', 'Northwind Test GmbH', 100000],
      // M's fee 5 % of 1,000.00 = 50.00 (VAT 19 % on top).
      ['invoice', 'Northwind Test GmbH', 5000],
      // M's collected gross 1,190.00 + revenue share 30 % of 50.00 (M) + 20 % of 50.00 (A).
      ['credit_note', 'Northwind Test GmbH', 119000 + 1500 + 1000],
      ['report', 'Alpha Direct GmbH', 100000],
      ['invoice', 'Alpha Direct GmbH', 5000],
      ['credit_note', 'Alpha Direct GmbH', 120000],
    ]);
    await expect(billing.closing.close(partner.actor, null, '2026-10', 'not-the-fingerprint')).rejects.toThrow(/changed since your preview/);
    expect((await billing.documents.list(OPERATOR, null, { search: '', sort: 'number', direction: 'asc' }, 0, 50)).total).toBe(0);
  });

  it('what-if: the difference for the partner if a client switched route', async () => {
    // M now Via Partner: fee 50.00 + 19 % VAT on the partner's invoice, revenue share 30 % = 15.00.
    // Switched to Direct: the partner gets only 20 % = 10.00, M gets its own invoice of 50.00 + 9.50 VAT.
    const w = (await billing.closing.whatIf(partner.actor, null, '2026-10', M));
    expect(w).toMatchObject({ currentRoute: 'via_partner', switchedRoute: 'direct' });
    const eur = w.currencies.find((c) => c.currency === 'EUR')!;
    expect(eur.partner.now.revenueShareMinor).toBe(1500);
    expect(eur.partner.switched.revenueShareMinor).toBe(1000);
    expect(eur.partner.now.invoiceGrossMinor).toBe(5950);
    expect(eur.partner.switched.invoiceGrossMinor).toBe(0);
    expect(eur.client.switched.invoiceGrossMinor).toBe(5950);
    // A (AT, valid VAT-ID) switched to Via Partner: billed to the partner (DE) → 19 % instead of reverse charge.
    const wa = (await billing.closing.whatIf(partner.actor, null, '2026-10', A));
    const a = wa.currencies.find((c) => c.currency === 'EUR')!;
    expect(a.client.now.invoiceGrossMinor).toBe(5000);
    expect(a.partner.switched.invoiceGrossMinor).toBe(5950);
    expect(a.partner.switched.revenueShareMinor - a.partner.now.revenueShareMinor).toBe(1500 - 1000);
    expect(wa.notes.join(' ')).toMatch(/VAT on the fees changes/);
  });

  it('what-if refuses a company that is not the partner\'s client', async () => {
    const other = t.newPartner('Other Partner AG', 'olga@other.example');
    await expect(billing.closing.whatIf(other.actor, null, '2026-10', M)).rejects.toThrow(/not a client/);
  });
});

describe("a partner's prices for many clients at once", () => {
  const t = openBillingPlatform('2026-10-01T08:00:00Z');
  const { platform, partner } = t;
  const prices = platform.billing.prices;
  const A = t.client('Alpha Direct GmbH');
  const B = t.client('Beta Direct GmbH');
  const stranger = t.client('Somebody Else GmbH', { partnerId: null });
  afterAll(() => t.dispose());

  const priceOf = async (id: number) => (await prices.list(partner.actor, null)).find((p) => p.companyId === id)!;

  it('saves every row in one go and returns the saved rows', async () => {
    const saved = (await prices.setMany(partner.actor, null, [
      { companyId: A, monthlyFeeMinor: 4900, percentBp: 0 },
      { companyId: B, monthlyFeeMinor: 0, percentBp: 250 },
    ]));
    expect(saved.map((p) => [p.companyId, p.monthlyFeeMinor, p.percentBp])).toEqual([
      [A, 4900, 0],
      [B, 0, 250],
    ]);
    expect((await priceOf(A)).monthlyFeeMinor).toBe(4900);
    expect((await priceOf(B)).percentBp).toBe(250);
  });

  it('writes nothing when one row is refused (a company that is not its client)', async () => {
    await expect(
      prices.setMany(partner.actor, null, [
        { companyId: A, monthlyFeeMinor: 100, percentBp: 0 },
        { companyId: stranger, monthlyFeeMinor: 100, percentBp: 0 },
      ]),
    ).rejects.toThrow(/is not a client of/);
    expect((await priceOf(A)).monthlyFeeMinor).toBe(4900);
  });
});
