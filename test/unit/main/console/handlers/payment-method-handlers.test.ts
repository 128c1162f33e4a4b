// A company's payment method through the console (the methods Company settings → Payment method calls): the demo's
// methods, who reads and who changes them (the company's administrator, its managing partner as Self or acting as
// the client, nobody else), bad input named by field with nothing written, removing, the pushed event, and the
// close preview's list of companies awaiting payment details.
import { describe, expect, it } from 'vitest';
import { addMonths, monthOf } from '../../../../../src-shared/domain/billing';
import { rejection } from '../../../../helpers/fixtures';
import { openConsoleForTest } from '../../../../helpers/console-service';

const setup = () => openConsoleForTest({ platformUrl: 'http://127.0.0.1:1' });

const VISA = { kind: 'card' as const, number: '4242 4242 4242 4242', expiry: '08/39', holder: 'Yuki Tanaka' };

describe('payment method in company settings', { timeout: 30_000 }, () => {
  it("the partner reads its own mandate and a client's state; the demo leaves Kawaii without one", async () => {
    const { service, id } = setup();
    const northwind = (await service.call('session.get', {})).home!.id;
    const own = await service.call('billing.paymentMethod', { companyId: northwind });
    expect(own).toMatchObject({ companyName: 'Northwind Commerce Partners GmbH', problem: null, canEdit: true, chargedTo: { kind: 'self' } });
    expect(own.method).toMatchObject({ kind: 'sepa', ibanCountry: 'DE', ibanLast4: '4411', label: 'SEPA mandate …4411', mandateReference: 'NW-PLATFORM-0042' });
    const kawaii = await service.call('billing.paymentMethod', { companyId: id('Kawaii Stationery KK') });
    expect(kawaii).toMatchObject({ method: null, problem: 'missing', canEdit: true });
    const brightside = await service.call('billing.paymentMethod', { companyId: id('Brightside Books Ltd') });
    expect(brightside.chargedTo).toEqual({ kind: 'partner', partnerId: northwind, partnerName: 'Northwind Commerce Partners GmbH', partnerMethod: 'SEPA mandate …4411' });
    const summit = await service.call('billing.paymentMethod', { companyId: id('Summit Sports (Demo)') });
    expect(summit.chargedTo).toMatchObject({ kind: 'never_billed' });
  });

  it('bad input is refused by field and nothing is written; good input is masked, saved and pushed', async () => {
    const { service, id, events } = setup();
    const kawaii = id('Kawaii Stationery KK');
    const bad = await rejection(service.call('billing.setPaymentMethod', { companyId: kawaii, ...VISA, number: '4242 4242 4242 4241', expiry: '13/30', holder: '' }));
    expect(bad.code).toBe('validation_failed');
    expect(bad.details?.fields).toEqual({
      number: ['has a wrong check digit (Luhn): look for a typo'],
      expiry: ['must be the month and year on the card as MM/YY (e.g. 08/29)'],
      holder: ['is required (the name on the card or account)'],
    });
    const shape = await rejection(service.call('billing.setPaymentMethod', { companyId: kawaii, kind: 'paypal' } as never));
    expect(shape.details?.fields).toMatchObject({ kind: ['must be card or sepa'] });
    expect((await service.call('billing.paymentMethod', { companyId: kawaii })).method).toBeNull();
    expect(events.some((e) => e.name === 'payment_method.changed')).toBe(false);

    const saved = await service.call('billing.setPaymentMethod', { companyId: kawaii, ...VISA });
    expect(saved.method).toMatchObject({ kind: 'card', brand: 'Visa', last4: '4242', expMonth: 8, expYear: 2039, label: 'Visa …4242', updatedBy: 'user:dana@northwind-partners.example' });
    expect(JSON.stringify(saved)).not.toContain('4242424242424242');
    expect(events).toContainEqual({ name: 'payment_method.changed', payload: { companyId: kawaii } });

    const removed = await service.call('billing.removePaymentMethod', { companyId: kawaii });
    expect(removed).toMatchObject({ method: null, problem: 'missing' });
  });

  it("acting as a client the console reaches that client only; the client's administrator changes it, its other users may not", async () => {
    const { service, id, userId } = setup();
    const alpen = id('Alpenglück Naturkosmetik GmbH');
    const northwind = (await service.call('session.get', {})).home!.id;
    await service.call('session.switch', { companyId: alpen });
    expect((await service.call('billing.paymentMethod', { companyId: alpen })).method?.label).toBe('SEPA mandate …3201');
    expect((await rejection(service.call('billing.paymentMethod', { companyId: northwind }))).code).toBe('not_found');

    await service.call('session.signIn', { userId: userId('anna@alpenglueck.example') });
    const anna = await service.call('billing.setPaymentMethod', { companyId: alpen, ...VISA, holder: 'Anna Huber' });
    expect(anna).toMatchObject({ canEdit: true, method: { label: 'Visa …4242', holder: 'Anna Huber' } });
    expect((await rejection(service.call('billing.paymentMethod', { companyId: id('Nordlys Outdoor AS') }))).code).toBe('not_found');

    await service.call('session.signIn', { userId: userId('lukas@alpenglueck.example') });
    expect((await rejection(service.call('billing.paymentMethod', { companyId: alpen }))).code).toBe('forbidden');
    expect((await rejection(service.call('billing.removePaymentMethod', { companyId: alpen }))).code).toBe('forbidden');
  });

  it('the close preview lists the companies awaiting payment details, and warns', async () => {
    const { service, platform, id } = setup();
    const month = addMonths(monthOf(platform.clock.now()), -1);
    const before = await service.call('billing.preview', { month });
    // Kawaii (a Direct client of Northwind with sales last month) is the one without a method.
    expect(before.awaitingPayment).toEqual([{ companyId: id('Kawaii Stationery KK'), companyName: 'Kawaii Stationery KK', reason: 'missing' }]);
    expect(before.warnings).toContainEqual(expect.objectContaining({ kind: 'awaiting_payment_details', message: expect.stringMatching(/^1 company has no usable payment method on file \(Kawaii Stationery KK\)/) }));
    // With a method on file the company leaves the list.
    await service.call('billing.setPaymentMethod', { companyId: id('Kawaii Stationery KK'), ...VISA });
    expect((await service.call('billing.preview', { month })).awaitingPayment).toEqual([]);
  });
});
