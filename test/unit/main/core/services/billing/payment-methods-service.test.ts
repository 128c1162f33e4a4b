// Payment methods on file in the core (real SQLite, the manual clock): who may read and change a company's method,
// that bad input names the field and writes nothing, that only the masked parts ever reach the data folder, and
// that the close and corrections write how each invoice and credit note is settled (with the charge day), which
// the PDF prints.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR, type Actor } from '../../../../../../src-main/core/access';
import type { CloseResult } from '../../../../../../src-shared/api/billing-types';
import { openBillingPlatform } from '../../../../../helpers/billing';
import { rejection } from '../../../../../helpers/fixtures';
import { pdfText } from '../../../../../helpers/pdf-text';

const VISA = { kind: 'card' as const, number: '4242 4242 4242 4242', expiry: '08/29', holder: 'Alma Admin' };
const MANDATE = { kind: 'sepa' as const, iban: 'DE16 3704 0044 0532 0144 11', holder: 'Dana Fischer', mandateReference: 'NW-2026-0001', signedOn: '2026-09-30' };

describe('payment methods on file', () => {
  const t = openBillingPlatform('2026-10-01T08:00:00Z');
  const { platform, partner } = t;
  const methods = platform.billing.paymentMethods;
  const A = t.client('Alpha Direct GmbH');
  const K = t.client('Kein Konto GmbH');
  const M = t.client('Managed Moser GmbH', { route: 'via_partner' });
  const other = t.newPartner('Other Partner Ltd', 'olga@other.example');
  const addUser = (companyId: number, email: string, isAdmin: boolean, permissions: string[] = []): Actor => {
    platform.users.create(OPERATOR, { companyId, email, name: email, password: 'test-password', permissions: permissions as never, isAdmin, sendWelcomeEmail: false }, { passwordHash: 'unused' });
    return t.userActor(email);
  };
  const alphaAdmin = addUser(A, 'alma@alpha.example', true);
  const alphaClerk = addUser(A, 'carl@alpha.example', false, ['billing', 'orders']);
  const alphaPacker = addUser(A, 'pia@alpha.example', false, ['orders']);
  const auditCount = () => platform.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'payment_method.%'").pluck().get() as number;

  afterAll(() => t.dispose());

  it("the company's administrator puts a card on file: only brand, last four, expiry and holder are kept", async () => {
    const view = (await methods.set(alphaAdmin, A, VISA));
    expect(view.method).toMatchObject({ kind: 'card', brand: 'Visa', last4: '4242', expMonth: 8, expYear: 2029, holder: 'Alma Admin', label: 'Visa …4242', updatedBy: 'user:alma@alpha.example' });
    expect(view.problem).toBeNull();
    expect(view.canEdit).toBe(true);
    expect(view.chargedTo).toEqual({ kind: 'self' });
    expect((await methods.get(alphaClerk, A)).canEdit).toBe(false);
  });

  it('bad input is refused by field and writes nothing', async () => {
    const before = auditCount();
    const error = (await rejection(methods.set(partner.actor, K, { ...VISA, number: '4242 4242 4242 4241', expiry: '09/26' })));
    expect(error.code).toBe('validation_failed');
    expect(error.details?.fields).toEqual({
      number: ['has a wrong check digit (Luhn): look for a typo'],
      expiry: [expect.stringMatching(/^is in the past: the card expired at the end of 09\/2026/)],
    });
    const sepa = (await rejection(methods.set(OPERATOR, K, { ...MANDATE, iban: 'DE17 3704 0044 0532 0144 11' })));
    expect(sepa.details?.fields).toEqual({ iban: ['has wrong check digits (mod 97): look for a typo'] });
    expect((await methods.get(OPERATOR, K)).method).toBeNull();
    expect(auditCount()).toBe(before);
  });

  it('who may change it: its administrator, its managing partner (billing permission), the operator — not its other users or other partners', async () => {
    expect((await rejection(methods.set(alphaClerk, A, VISA)))).toMatchObject({ code: 'forbidden', details: { reason: 'payment_method_admin_only' } });
    expect((await rejection(methods.remove(alphaClerk, A))).code).toBe('forbidden');
    expect((await rejection(methods.get(alphaPacker, A)))).toMatchObject({ code: 'forbidden', details: { permission: 'billing' } });
    expect((await rejection(methods.get(other.actor, A))).code).toBe('not_found');
    expect((await rejection(methods.set(other.actor, A, VISA))).code).toBe('not_found');
    expect((await methods.set(partner.actor, M, { ...VISA, number: '5555 5555 5555 4444' })).method?.label).toBe('Mastercard …4444');
    expect((await methods.set(partner.actor, partner.id, MANDATE)).method).toMatchObject({ kind: 'sepa', ibanCountry: 'DE', ibanLast4: '4411', mandateReference: 'NW-2026-0001', signedOn: '2026-09-30' });
  });

  it("a managed client is charged through its partner's method, and says so", async () => {
    expect((await methods.get(partner.actor, M)).chargedTo).toEqual({ kind: 'partner', partnerId: partner.id, partnerName: partner.name, partnerMethod: 'SEPA mandate …4411' });
  });

  it('the full number never reaches the data folder (database, WAL, audit log)', async () => {
    platform.db.pragma('wal_checkpoint(TRUNCATE)');
    const folder = dirname(platform.db.name);
    const bytes = readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath ?? entry.path, entry.name)).toString('latin1'))
      .join('\n');
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes).toContain('NW-2026-0001'); // the mandate reference is kept: proves we read the right file
    for (const full of ['4242424242424242', '4242 4242 4242 4242', '5555555555554444', 'DE16370400440532014411', '370400440532014411']) expect(bytes).not.toContain(full);
    const audit = platform.db.prepare("SELECT detail FROM audit_log WHERE action = 'payment_method.set'").pluck().all() as string[];
    expect(audit.join('|')).toContain('Visa …4242');
    expect(audit.join('|')).not.toMatch(/\d{6,}/);
  });

  it('remove: the company is awaiting payment details again', async () => {
    (await methods.set(partner.actor, K, VISA));
    const view = (await methods.remove(partner.actor, K));
    expect(view.method).toBeNull();
    expect(view.problem).toBe('missing');
  });

  describe('closing October: how each invoice and credit note is settled', () => {
    let result: CloseResult;
    beforeAll(async () => {
      const pA = t.product(A, 'physical', 'Lamp', 10000, { vatRateBp: 1900 });
      const pK = t.product(K, 'digital', 'E-book', 10000, { vatRateBp: 1900 });
      const pM = t.product(M, 'service', 'Consulting', 5000, { vatRateBp: 1900 });
      t.order(A, '2026-10-03', [[pA, 2]]);
      t.order(K, '2026-10-04', [[pK, 1]]);
      t.order(M, '2026-10-05', [[pM, 1]]);
      t.at('2026-11-02T09:00:00Z');
    });

    it('the preview lists the companies awaiting payment details, with a warning', async () => {
      const preview = (await platform.billing.closing.preview(partner.actor, null, '2026-10'));
      expect(preview.awaitingPayment).toEqual([{ companyId: K, companyName: 'Kein Konto GmbH', reason: 'missing' }]);
      expect(preview.warnings).toContainEqual(expect.objectContaining({ kind: 'awaiting_payment_details', companyId: K, message: expect.stringMatching(/^1 company has no usable payment method on file \(Kein Konto GmbH\)/) }));
      result = (await platform.billing.closing.close(partner.actor, null, '2026-10', preview.fingerprint));
      expect(result.warnings.some((w) => w.kind === 'awaiting_payment_details')).toBe(true);
    });

    const doc = (type: string, recipient: number) => {
      const summary = result.issued.find((d) => d.type === type && d.recipientId === recipient)!;
      return platform.billing.documents.get(OPERATOR, null, summary.id);
    };

    it('a Direct invoice is charged to its card on the due date (issued 2 Nov + 14 days)', async () => {
      expect((await doc('invoice', A)).settlement).toEqual({ status: 'method', payerCompanyId: A, payerName: 'Alpha Direct GmbH', method: expect.objectContaining({ kind: 'card', last4: '4242' }), date: '2026-11-16' });
      expect((await doc('credit_note', A)).settlement).toMatchObject({ status: 'method', date: '2026-11-16' });
      expect((await doc('report', A)).settlement).toBeNull();
    });

    it("the partner's combined invoice (with the managed client's part) is debited from the partner's mandate", async () => {
      const invoice = (await doc('invoice', partner.id));
      expect(invoice.sections.some((s) => s.companyId === M)).toBe(true);
      expect(invoice.settlement).toMatchObject({ status: 'method', payerCompanyId: partner.id, method: { kind: 'sepa', ibanLast4: '4411' }, date: '2026-11-16' });
    });

    it('a company without a method: its documents say awaiting payment details, in the PDF too', async () => {
      const invoice = (await doc('invoice', K));
      expect(invoice.settlement).toEqual({ status: 'awaiting', payerCompanyId: K, payerName: 'Kein Konto GmbH', reason: 'missing', method: null });
      const pdf = await platform.billing.documents.pdf(OPERATOR, null, invoice.id);
      const text = (await pdfText(Buffer.from(pdf.base64, 'base64'))).replace(/\s+/g, ' ');
      expect(text).toContain('Awaiting payment details: Kein Konto GmbH has no payment method on file.');
    }, 60_000);

    it('the PDF of a Direct invoice says how it is charged; a partner document names the part settled through it', async () => {
      const text = async (id: number) => (await pdfText(Buffer.from((await platform.billing.documents.pdf(OPERATOR, null, id)).base64, 'base64'))).replace(/\s+/g, ' ');
      expect(await text((await doc('invoice', A)).id)).toContain('Charged to Visa …4242 on 16 Nov 2026.');
      const partnerPdf = await text((await doc('invoice', partner.id)).id);
      expect(partnerPdf).toContain('Debited from SEPA mandate …4411 on 16 Nov 2026 (mandate reference NW-2026-0001).');
      expect(partnerPdf).toContain(`Via Partner: settled with this document by ${partner.name}, charged to its SEPA mandate …4411.`);
    }, 60_000);

    it("a correction is settled with the recipient's method at the time it is issued; the issued document never changes", async () => {
      (await methods.set(OPERATOR, K, { ...VISA, number: '3782 822463 10005', holder: 'Kai Konto' }));
      const original = (await doc('invoice', K));
      const correction = (await platform.billing.documents.correct(partner.actor, null, { documentId: original.id, type: 'credit_note', amountMinor: 100, reason: 'Goodwill' }));
      expect(correction.settlement).toMatchObject({ status: 'method', method: { brand: 'American Express', last4: '0005' }, date: '2026-11-16' });
      expect((await doc('invoice', K)).settlement).toMatchObject({ status: 'awaiting' });
    });
  });
});
