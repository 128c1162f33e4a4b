import { describe, expect, it } from 'vitest';
import { checkVatId, normalizeVatId } from '../../../../src-shared/domain/vat-id';

describe('VAT-ID format per country', () => {
  it.each([
    ['DE123456789', 'DE'],
    ['ATU12345678', 'AT'],
    ['FR12345678901', 'FR'],
    ['NL123456789B01', 'NL'],
    ['EL123456789', 'GR'],
    ['GB123456789', 'GB'],
    ['CHE-123.456.789 MWST', 'CH'],
    ['ie 1234567t', 'IE'],
  ])('accepts %s for %s', (vat, country) => {
    expect(checkVatId(vat, country)).toMatchObject({ ok: true });
  });

  it.each([
    ['DE12345678', 'DE', 'is not a valid DE VAT-ID'],
    ['AT12345678', 'AT', 'is not a valid AT VAT-ID'],
    ['FR12345678901', 'DE', 'must start with DE'],
    ['GR123456789', 'GR', 'must start with EL'],
    ['NL123456789', 'NL', 'is not a valid NL VAT-ID'],
  ])('rejects %s for %s', (vat, country, message) => {
    const result = checkVatId(vat, country);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(message);
  });

  it('normalizes spaces, dots and dashes and upper-cases', () => {
    expect(normalizeVatId(' de 123.456-789 ')).toBe('DE123456789');
    expect(checkVatId('de 123 456 789', 'DE')).toEqual({ ok: true, normalized: 'DE123456789' });
  });

  it('accepts plain alphanumerics for countries without a known format, and refuses junk', () => {
    expect(checkVatId('12-3456789', 'US')).toEqual({ ok: true, normalized: '123456789' });
    expect(checkVatId('!!', 'US').ok).toBe(false);
  });
});
