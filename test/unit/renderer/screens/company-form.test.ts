import { describe, expect, it } from 'vitest';
import {
  createCompanyValidator,
  createInputOf,
  emptyCompanyValues,
  updateInputOf,
} from '../../../../src-renderer/screens/company-form';
import { initialsOf } from '../../../../src-renderer/ui/avatar';

describe('the company form', () => {
  it('validates with the console schema: required name, attestation, VAT-ID format', () => {
    const errors = createCompanyValidator({ ...emptyCompanyValues('DE'), vatId: 'DE123' });
    expect(errors.name).toEqual(['is required']);
    expect(errors.attestNotAffiliated?.[0]).toContain('must be confirmed');
    // zod skips the schema's VAT refinement while other fields fail; the form still reports it.
    expect(errors.vatId?.[0]).toContain('is not a valid DE VAT-ID');
  });

  it('accepts a complete form and sends empty optional fields as null', () => {
    const values = { ...emptyCompanyValues('DE'), name: 'Acme GmbH', vatId: 'DE 123 456 789', attestNotAffiliated: true };
    expect(createCompanyValidator(values)).toEqual({});
    expect(createInputOf(values)).toMatchObject({ name: 'Acme GmbH', token: null, vatId: 'DE 123 456 789', isSample: false, paymentRoute: 'direct' });
  });

  it('sends sample flag and payment route only where the viewer may change them', () => {
    const values = { ...emptyCompanyValues('DE'), name: 'Acme', isSample: true, paymentRoute: 'via_partner' as const, adminDomain: '' };
    expect(updateInputOf(5, values, { adminDomain: false, advanced: true })).toMatchObject({ isSample: true, paymentRoute: 'via_partner' });
    const own = updateInputOf(5, values, { adminDomain: false, advanced: false });
    expect(own).not.toHaveProperty('isSample');
    expect(own).not.toHaveProperty('paymentRoute');
    expect(updateInputOf(1, values, { adminDomain: true, advanced: false })).toMatchObject({ adminDomain: null });
  });
});

describe('avatars', () => {
  it('use the first letters of the first two words that start with a letter', () => {
    expect(initialsOf('Green Coffee S.L. #1149')).toBe('GC');
    expect(initialsOf('Dana Fischer')).toBe('DF');
    expect(initialsOf('ärzte ohne grenzen')).toBe('ÄO');
    expect(initialsOf('#42')).toBe('4');
    expect(initialsOf('')).toBe('?');
  });
});
