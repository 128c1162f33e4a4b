import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src-shared/api/errors';
import { companyCreateSchema, userCreateSchema } from '../../../../src-shared/api/inputs';
import { parseInput } from '../../../../src-shared/api/validation';

const valid = { name: 'Acme GmbH', country: 'DE', attestNotAffiliated: true };

function fieldErrors(schema: Parameters<typeof parseInput>[0], input: unknown): Record<string, string[]> {
  try {
    parseInput(schema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).fields;
  }
  throw new Error('expected a validation error');
}

describe('company create schema', () => {
  it('fills defaults for the Advanced box', () => {
    expect(parseInput(companyCreateSchema, valid)).toMatchObject({ isSample: false, paymentRoute: 'direct', vatId: null, token: null, email: '' });
  });

  it('names the field and the problem', () => {
    expect(fieldErrors(companyCreateSchema, { ...valid, name: '' })).toEqual({ name: ['is required'] });
    expect(fieldErrors(companyCreateSchema, { ...valid, country: 'XX' })).toEqual({ country: ['is not a supported country code'] });
    expect(fieldErrors(companyCreateSchema, { ...valid, email: 'nope' })).toEqual({ email: ['is not a valid email address'] });
    expect(fieldErrors(companyCreateSchema, { ...valid, paymentRoute: 'cash' })).toEqual({ paymentRoute: ['must be direct or via_partner'] });
    expect(fieldErrors(companyCreateSchema, { ...valid, vatId: 'DE12' }).vatId[0]).toContain('is not a valid DE VAT-ID');
    expect(Object.keys(fieldErrors(companyCreateSchema, { ...valid, attestNotAffiliated: false }))).toEqual(['attestNotAffiliated']);
  });

  it('user permissions must be known areas and passwords long enough', () => {
    const errors = fieldErrors(userCreateSchema, { companyId: 1, email: 'a@b.example', name: 'A', password: 'short', permissions: ['products', 'root'] });
    expect(errors.password).toEqual(['must be at least 8 characters']);
    expect(errors['permissions.1'][0]).toContain('must be one of');
  });
});
