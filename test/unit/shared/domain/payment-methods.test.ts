// A payment method on file: the checks of what was typed (card network and length, Luhn; IBAN format, mod 97 and
// SEPA; expiry against the platform clock's month; mandate reference and date; holder), the masking (only brand
// and last four, or country and last four, come out), and what a document says about how it is settled.
import { describe, expect, it } from 'vitest';
import {
  cardBrandOf,
  checkPaymentMethod,
  clockDayOf,
  formatDay,
  methodProblem,
  parseExpiry,
  partSettlementSentence,
  paymentMethodDetail,
  paymentMethodLabel,
  settlementSentence,
  type ClockDay,
  type DocumentSettlement,
  type MaskedCard,
  type MaskedSepa,
  type PaymentMethodEntry,
} from '../../../../src-shared/domain/payment-methods';

const TODAY: ClockDay = { year: 2026, month: 12, iso: '2026-12-07' };
const card = (number: string, expiry = '08/29', holder = 'Anna Huber'): PaymentMethodEntry => ({ kind: 'card', number, expiry, holder });
const sepa = (iban: string, extra: Partial<Extract<PaymentMethodEntry, { kind: 'sepa' }>> = {}): PaymentMethodEntry => ({
  kind: 'sepa', iban, holder: 'Dana Fischer', mandateReference: 'NW-2026-0001', signedOn: '2026-11-30', ...extra,
});
const fields = (entry: PaymentMethodEntry, today = TODAY) => {
  const result = checkPaymentMethod(entry, today);
  return result.ok ? {} : result.fields;
};

describe('cards', () => {
  it.each([
    ['4242 4242 4242 4242', 'Visa', '4242'],
    ['4000-0566-5566-5556', 'Visa', '5556'],
    ['5555555555554444', 'Mastercard', '4444'],
    ['3782 822463 10005', 'American Express', '0005'],
    ['6011111111111117', 'Discover', '1117'],
  ])('%s is a valid %s and only its last four digits are kept', (number, brand, last4) => {
    const result = checkPaymentMethod(card(number), TODAY);
    expect(result).toEqual({ ok: true, method: { kind: 'card', brand, last4, expMonth: 8, expYear: 2029, holder: 'Anna Huber' } });
    // Nothing of the number but the last four digits is anywhere in what is kept.
    const kept = JSON.stringify(result);
    const digits = number.replace(/\D/g, '');
    expect(kept).not.toContain(digits);
    expect(kept).not.toContain(digits.slice(0, 6));
  });

  it('refuses a number whose Luhn check digit is wrong, naming the field', () => {
    expect(fields(card('4242 4242 4242 4241'))).toEqual({ number: ['has a wrong check digit (Luhn): look for a typo'] });
    expect(fields(card('5555555555554445')).number).toEqual(['has a wrong check digit (Luhn): look for a typo']);
  });

  it('refuses a number of the wrong length for its network', () => {
    expect(fields(card('4242 4242 4242 42')).number).toEqual(['has 14 digits; a Visa number has 16 or 18 or 19']);
    expect(fields(card('3782 822463 1000')).number).toEqual(['has 14 digits; a American Express number has 15']);
  });

  it('refuses letters, unknown networks and nothing', () => {
    expect(fields(card('4242 4242 4242 424x')).number).toEqual(['may contain only digits (spaces and dashes are fine)']);
    expect(fields(card('9999 9999 9999 9995')).number?.[0]).toMatch(/^is not a card number of a known network/);
    expect(fields(card('')).number).toEqual(['is required']);
  });

  it('names the brand while the number is typed', () => {
    expect(cardBrandOf('4')).toBeNull(); // Visa, Maestro, Elo, … begin with 4: not yet known
    expect(cardBrandOf('42')).toBe('Visa');
    expect(cardBrandOf('55')).toBe('Mastercard');
    expect(cardBrandOf('37')).toBe('American Express');
    expect(cardBrandOf('abc')).toBeNull();
  });
});

describe('expiry (by the platform clock)', () => {
  it('reads MM/YY, MM/YYYY and MM-YY', () => {
    expect(parseExpiry('08/29')).toEqual({ month: 8, year: 2029 });
    expect(parseExpiry(' 8 / 2029 ')).toEqual({ month: 8, year: 2029 });
    expect(parseExpiry('12-26')).toEqual({ month: 12, year: 2026 });
    expect(parseExpiry('13/29')).toBeNull();
    expect(parseExpiry('0829')).toBeNull();
  });

  it('a card is good to the end of its expiry month: this month passes, last month does not', () => {
    expect(fields(card('4242424242424242', '12/26'))).toEqual({});
    expect(fields(card('4242424242424242', '11/26')).expiry).toEqual(['is in the past: the card expired at the end of 11/2026 (today is 7 Dec 2026)']);
    // The clock decides, not the machine's date: a month later this card is refused.
    expect(fields(card('4242424242424242', '12/26'), { year: 2027, month: 1, iso: '2027-01-02' }).expiry?.[0]).toMatch(/^is in the past/);
  });

  it('refuses a malformed or far-away expiry and no expiry', () => {
    expect(fields(card('4242424242424242', 'next year')).expiry).toEqual(['must be the month and year on the card as MM/YY (e.g. 08/29)']);
    expect(fields(card('4242424242424242', '01/2099')).expiry).toEqual(['is more than 20 years ahead (2099): look for a typo']);
    expect(fields(card('4242424242424242', '')).expiry).toEqual(['is required (MM/YY)']);
  });

  it('methodProblem: a card that expired by the close cannot be charged; a mandate does not expire', () => {
    const visa: MaskedCard = { kind: 'card', brand: 'Visa', last4: '4242', expMonth: 11, expYear: 2026, holder: 'A' };
    expect(methodProblem(visa, TODAY)).toBe('expired');
    expect(methodProblem({ ...visa, expMonth: 12 }, TODAY)).toBeNull();
    expect(methodProblem(null, TODAY)).toBe('missing');
  });

  it('clockDayOf is UTC', () => {
    expect(clockDayOf(Date.UTC(2026, 11, 31, 23, 59))).toEqual({ year: 2026, month: 12, iso: '2026-12-31' });
  });
});

describe('SEPA mandates', () => {
  it('keeps the IBAN country and last four, the mandate reference and date', () => {
    const result = checkPaymentMethod(sepa('DE16 3704 0044 0532 0144 11'), TODAY);
    expect(result).toEqual({
      ok: true,
      method: { kind: 'sepa', ibanCountry: 'DE', ibanLast4: '4411', holder: 'Dana Fischer', mandateReference: 'NW-2026-0001', signedOn: '2026-11-30' },
    });
    expect(JSON.stringify(result)).not.toContain('370400440532');
    expect(checkPaymentMethod(sepa('at61 1904 3002 3457 3201'), TODAY).ok).toBe(true);
    expect(checkPaymentMethod(sepa('CH93 0076 2011 6238 5295 7'), TODAY).ok).toBe(true);
  });

  it('refuses wrong check digits (mod 97), wrong lengths, countries outside SEPA', () => {
    expect(fields(sepa('DE17 3704 0044 0532 0144 11'))).toEqual({ iban: ['has wrong check digits (mod 97): look for a typo'] });
    expect(fields(sepa('DE16 3704 0044 0532 0144 1')).iban).toEqual(['has 21 characters; an IBAN from Germany has 22']);
    expect(fields(sepa('BR18 0036 0305 0000 1000 9795 493C 1')).iban).toEqual(['is from Brazil, which is outside SEPA: a SEPA mandate needs the IBAN of an account in a SEPA country']);
    expect(fields(sepa('XX16 3704 0044 0532 0144 11')).iban?.[0]).toMatch(/^does not start with the code of a country/);
    expect(fields(sepa('DE16 3704 0044 0532 0144 1!')).iban?.[0]).toMatch(/^may contain only letters and digits/);
    expect(fields(sepa('')).iban).toEqual(['is required']);
  });

  it('checks the mandate reference and the signing date (not in the future by the clock)', () => {
    expect(fields(sepa('DE16370400440532014411', { mandateReference: 'NW#1' })).mandateReference?.[0]).toMatch(/^may contain only letters/);
    expect(fields(sepa('DE16370400440532014411', { mandateReference: 'x'.repeat(36) })).mandateReference).toEqual(['must be at most 35 characters']);
    expect(fields(sepa('DE16370400440532014411', { signedOn: '2026-12-08' })).signedOn).toEqual(['is in the future (today is 7 Dec 2026)']);
    expect(fields(sepa('DE16370400440532014411', { signedOn: '2026-02-30' })).signedOn).toEqual(['must be a date as YYYY-MM-DD (e.g. 2026-11-30)']);
    expect(fields(sepa('DE16370400440532014411', { signedOn: '2026-12-07' }))).toEqual({});
  });

  it('reports every field at once', () => {
    expect(Object.keys(fields(sepa('DE17370400440532014411', { holder: ' ', mandateReference: '', signedOn: 'soon' }))).sort()).toEqual(['holder', 'iban', 'mandateReference', 'signedOn']);
  });
});

describe('holder', () => {
  it('is required, at most 70 characters, no control characters; spaces are tidied', () => {
    expect(fields(card('4242424242424242', '08/29', '')).holder).toEqual(['is required (the name on the card or account)']);
    expect(fields(card('4242424242424242', '08/29', 'x'.repeat(71))).holder).toEqual(['must be at most 70 characters']);
    expect(fields(card('4242424242424242', '08/29', 'Anna\u0000Huber')).holder).toEqual(['may not contain control characters']);
    const ok = checkPaymentMethod(card('4242424242424242', '08/29', '  Anna   Huber '), TODAY);
    expect(ok.ok && ok.method.holder).toBe('Anna Huber');
  });
});

describe('labels and document wording', () => {
  const visa: MaskedCard = { kind: 'card', brand: 'Visa', last4: '4242', expMonth: 8, expYear: 2029, holder: 'Anna Huber' };
  const mandate: MaskedSepa = { kind: 'sepa', ibanCountry: 'DE', ibanLast4: '4411', holder: 'Dana Fischer', mandateReference: 'NW-2026-0001', signedOn: '2026-11-30' };
  const paid = (method: MaskedCard | MaskedSepa): DocumentSettlement => ({ status: 'method', payerCompanyId: 1, payerName: 'Northwind', method, date: '2027-01-05' });

  it('labels', () => {
    expect(paymentMethodLabel(visa)).toBe('Visa …4242');
    expect(paymentMethodLabel(mandate)).toBe('SEPA mandate …4411');
    expect(paymentMethodDetail(visa)).toBe('expires 08/2029 · Anna Huber');
    expect(paymentMethodDetail(mandate)).toBe('DE …4411 · mandate NW-2026-0001 signed 30 Nov 2026 · Dana Fischer');
    expect(formatDay('2027-01-05')).toBe('5 Jan 2027');
    expect(formatDay('2026-12-31T10:00:00.000Z')).toBe('31 Dec 2026');
  });

  it('invoices: debited from the mandate / charged to the card on the day', () => {
    expect(settlementSentence('invoice', paid(mandate))).toBe('Debited from SEPA mandate …4411 on 5 Jan 2027 (mandate reference NW-2026-0001).');
    expect(settlementSentence('invoice', paid(visa))).toBe('Charged to Visa …4242 on 5 Jan 2027.');
  });

  it('credit notes: refunded to the card / the mandate account', () => {
    expect(settlementSentence('credit_note', paid(visa))).toBe('Refunded to Visa …4242 on 5 Jan 2027.');
    expect(settlementSentence('credit_note', paid(mandate))).toBe('Refunded to the account of SEPA mandate …4411 (DE …4411) on 5 Jan 2027.');
  });

  it('awaiting payment details: none on file, or the card on file expired', () => {
    const none: DocumentSettlement = { status: 'awaiting', payerCompanyId: 9, payerName: 'Kawaii Stationery KK', reason: 'missing', method: null };
    expect(settlementSentence('invoice', none)).toBe(
      'Awaiting payment details: Kawaii Stationery KK has no payment method on file. The amount is charged once a card or SEPA mandate is added in Company settings.',
    );
    expect(settlementSentence('credit_note', none)).toMatch(/The amount is paid out once/);
    const expired: DocumentSettlement = { status: 'awaiting', payerCompanyId: 9, payerName: 'Kawaii', reason: 'expired', method: { ...visa, expYear: 2025 } };
    expect(settlementSentence('invoice', expired)).toMatch(/^Awaiting payment details: the Visa …4242 on file for Kawaii has expired\./);
  });

  it('managed parts name the partner and its method', () => {
    expect(partSettlementSentence('invoice', paid(mandate))).toBe('Via Partner: settled with this document by Northwind, charged to its SEPA mandate …4411.');
    expect(partSettlementSentence('credit_note', paid(visa))).toBe('Via Partner: settled with this document by Northwind, refunded to its Visa …4242.');
    expect(partSettlementSentence('invoice', { status: 'awaiting', payerCompanyId: 1, payerName: 'Northwind', reason: 'missing', method: null })).toBe(
      'Via Partner: settled with this document by Northwind, which is awaiting payment details.',
    );
  });
});
