// The month close's shared rules: the rounding of shares, the VAT rule (reverse charge, domestic, outside the
// EU), months as periods, document numbers, and the rates with their parsing and checks.
import { describe, expect, it } from 'vitest';
import { addMonths, documentNumber, isMonth, monthBounds, monthHasEnded, monthName, monthOf, shareOf, vatTreatment, REVERSE_CHARGE_NOTE } from '../../../../src-shared/domain/billing';
import { checkRates, DEFAULT_BILLING_RATES, formatPercent, parsePercent, parseRateValue } from '../../../../src-shared/domain/billing-rates';

describe('shareOf: basis points of an amount, rounded half away from zero', () => {
  it('rounds the hand-computed edge cases', () => {
    expect(shareOf(1230, 500)).toBe(62); // 5 % of 12.30 = 0.615 -> 0.62
    expect(shareOf(1229, 500)).toBe(61); // 0.6145 -> 0.61
    expect(shareOf(5, 1900)).toBe(1); // 19 % of 0.05 = 0.0095 -> 0.01
    expect(shareOf(5, 3000)).toBe(2); // 30 % of 0.05 = 0.015 -> 0.02 (half up)
    expect(shareOf(1, 2000)).toBe(0); // 20 % of 0.01 = 0.002 -> 0
    expect(shareOf(10, 500)).toBe(1); // 5 % of 0.10 = 0.005 -> 0.01
    expect(shareOf(102345, 500)).toBe(5117); // 5117.25 -> 5117
    expect(shareOf(50010, 500)).toBe(2501); // 2500.5 -> 2501
    expect(shareOf(4999, 7000)).toBe(3499); // 3499.3 -> 3499
    expect(shareOf(-5, 3000)).toBe(-2); // symmetric: -0.015 -> -0.02
    expect(shareOf(0, 1900)).toBe(0);
    expect(shareOf(123456, 10000)).toBe(123456);
  });

  it('stays exact beyond 2^53 (BigInt)', () => {
    const big = Number.MAX_SAFE_INTEGER; // 9007199254740991
    expect(shareOf(big, 10000)).toBe(big);
    // 9007199254740991 * 1900 / 10000 = 1711367858400788.29 -> 1711367858400788
    expect(shareOf(big, 1900)).toBe(1711367858400788);
  });
});

describe('the VAT rule (spec §7)', () => {
  it('reverse charge for a valid VAT-ID in another member state', () => {
    const vat = vatTreatment('DE', { country: 'AT', vatId: 'ATU12345678' });
    expect(vat).toEqual({ rateBp: 0, reverseCharge: true, reason: 'reverse_charge', note: REVERSE_CHARGE_NOTE });
  });

  it("the seller's rate at home, in the EU without a valid VAT-ID, and outside the EU", () => {
    expect(vatTreatment('DE', { country: 'DE', vatId: 'DE123456789' })).toMatchObject({ rateBp: 1900, reverseCharge: false, reason: 'domestic' });
    expect(vatTreatment('DE', { country: 'FR', vatId: null })).toMatchObject({ rateBp: 1900, reason: 'eu_without_vat_id' });
    // A VAT-ID in the wrong format is not valid.
    expect(vatTreatment('DE', { country: 'AT', vatId: 'AT123' })).toMatchObject({ rateBp: 1900, reason: 'eu_without_vat_id' });
    expect(vatTreatment('DE', { country: 'GB', vatId: 'GB123456789' })).toMatchObject({ rateBp: 1900, reason: 'outside_eu' });
    expect(vatTreatment('DE', { country: 'US', vatId: null })).toMatchObject({ rateBp: 1900, reason: 'outside_eu' });
    // Another seller country: its own rate, and its own "other member state".
    expect(vatTreatment('AT', { country: 'DE', vatId: 'DE123456789' })).toMatchObject({ rateBp: 0, reverseCharge: true });
    expect(vatTreatment('AT', { country: 'AT', vatId: 'ATU12345678' })).toMatchObject({ rateBp: 2000, reason: 'domestic' });
    // A seller outside the EU never reverse-charges.
    expect(vatTreatment('GB', { country: 'DE', vatId: 'DE123456789' })).toMatchObject({ rateBp: 2000, reason: 'seller_outside_eu' });
  });
});

describe('months and numbers', () => {
  it('bounds, names, arithmetic and whether a month has ended', () => {
    expect(isMonth('2026-10')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-1')).toBe(false);
    expect(monthBounds('2026-12')).toEqual({ start: Date.parse('2026-12-01T00:00:00Z'), end: Date.parse('2027-01-01T00:00:00Z') });
    expect(monthOf(Date.parse('2026-10-31T23:59:59.999Z'))).toBe('2026-10');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(monthName('2026-10')).toBe('October 2026');
    expect(monthHasEnded('2026-10', Date.parse('2026-10-31T23:59:59.999Z'))).toBe(false);
    expect(monthHasEnded('2026-10', Date.parse('2026-11-01T00:00:00Z'))).toBe(true);
  });

  it('formats numbers per prefix, type and year', () => {
    expect(documentNumber('PD', 'invoice', 2026, 123)).toBe('PD-INV-2026-000123');
    expect(documentNumber('PD', 'credit_note', 2026, 1)).toBe('PD-CRN-2026-000001');
    expect(documentNumber('P12', 'invoice', 2027, 45)).toBe('P12-INV-2027-000045');
  });
});

describe('rates', () => {
  it('defaults: 5 % fee, 20 % / 30 % revenue share, 80 % / 70 % payouts, DE', () => {
    expect(DEFAULT_BILLING_RATES).toMatchObject({ salesFeeBp: 500, partnerShareDirectBp: 2000, partnerShareManagedBp: 3000, appDeveloperShareBp: 8000, themeDeveloperShareBp: 7000, sellerCountry: 'DE' });
    expect(checkRates(DEFAULT_BILLING_RATES)).toEqual({});
  });

  it('parses and formats percentages exactly', () => {
    expect(parsePercent('5')).toBe(500);
    expect(parsePercent('12,5 %')).toBe(1250);
    expect(parsePercent('0.01')).toBe(1);
    expect(parsePercent('100')).toBe(10000);
    expect(parsePercent('100.01')).toBeNull();
    expect(parsePercent('1.234')).toBeNull();
    expect(parsePercent('-1')).toBeNull();
    expect(formatPercent(1250)).toBe('12.5 %');
    expect(formatPercent(500)).toBe('5 %');
    expect(parseRateValue('paymentTermDays', '30')).toBe(30);
    expect(parseRateValue('sellerCountry', 'at')).toBe('AT');
  });

  it('names the rate that is wrong', () => {
    expect(checkRates({ ...DEFAULT_BILLING_RATES, partnerShareManagedBp: 2000 })).toEqual({ partnerShareManagedBp: expect.stringContaining('higher than') });
    expect(checkRates({ ...DEFAULT_BILLING_RATES, salesFeeBp: 10001 })).toEqual({ salesFeeBp: expect.stringContaining('0 to 100') });
    expect(checkRates({ ...DEFAULT_BILLING_RATES, sellerCountry: 'XX' })).toEqual({ sellerCountry: expect.any(String) });
    expect(checkRates({ ...DEFAULT_BILLING_RATES, sellerCountry: 'AT' })).toEqual({ issuerVatId: expect.stringContaining('must start with AT') });
  });
});
