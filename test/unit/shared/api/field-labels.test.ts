// Error messages in the user's words: a field problem's message names the field by its label, never by its
// internal name, so a toast, the CLI or a log line reads as a sentence ("End date must be on or after the
// start date", not "to must be on or after from").
import { describe, expect, it } from 'vitest';
import { clientPricesSchema } from '../../../../src-shared/api/billing-inputs';
import { ApiError } from '../../../../src-shared/api/errors';
import { fieldLabel, fieldMessage } from '../../../../src-shared/api/field-labels';
import { dayRangeSchema, orderUpdateSchema } from '../../../../src-shared/api/shop-inputs';
import { parseInput } from '../../../../src-shared/api/validation';

const messageOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as ApiError).message;
  }
  throw new Error('expected a validation error');
};

describe('field labels', () => {
  it.each([
    ['name', 'Name'],
    ['to', 'End date'],
    ['from', 'Start date'],
    ['monthlyFeeMinor', 'Monthly fee'],
    ['percentBp', 'Percentage'],
    ['vatRateBp', 'VAT rate'],
    ['companyId', 'Company'],
    ['webhookAddress', 'Webhook address'],
    ['maxGrams', 'Max grams'],
    ['redirectUris', 'Redirect URLs'],
    ['lines.2.quantity', 'Line 3: quantity'],
    ['prices.0.percentBp', 'Row 1: percentage'],
    ['scopes.1', 'Scopes 2'],
  ])('%s is called "%s"', (key, label) => {
    expect(fieldLabel(key)).toBe(label);
  });

  it('a message is the label and the problem', () => {
    expect(fieldMessage('name', 'is required')).toBe('Name is required');
    expect(ApiError.validation({ name: ['is already used by another category'] }).message).toBe('Name is already used by another category');
  });
});

describe('messages of the shared schemas', () => {
  it('a reversed or too long date range names the start and end dates', () => {
    expect(messageOf(() => parseInput(dayRangeSchema, { from: '2026-10-31', to: '2026-10-01' }))).toBe('End date must be on or after the start date');
    expect(messageOf(() => parseInput(dayRangeSchema, { from: '2010-01-01', to: '2026-10-01' }))).toBe('End date must be at most 3,700 days after the start date');
  });

  it("an order line that names both a line and a product says so in words", () => {
    const message = messageOf(() => parseInput(orderUpdateSchema, { companyId: 1, orderId: 1, lines: [{ lineNo: 1, productId: 2, quantity: 1 }] }));
    expect(message).toBe('Line 1: product must name either a line of the order to keep or a product to add, not both');
    expect(message).not.toMatch(/lineNo|productId/);
  });

  it("many clients' prices: the row and the field", () => {
    const message = messageOf(() => parseInput(clientPricesSchema, { prices: [{ companyId: 1, monthlyFeeMinor: 0, percentBp: 0 }, { companyId: 2, monthlyFeeMinor: 0, percentBp: 10_001 }] }));
    expect(message).toBe('Row 2: percentage must be at most 100 %');
  });

  it('no message starts with an internal name', () => {
    for (const raw of [{}, { from: 'x', to: 'y' }]) {
      const message = messageOf(() => parseInput(dayRangeSchema, raw));
      expect(message).toMatch(/^[A-Z]/);
      expect(message).not.toMatch(/^(from|to) /);
    }
  });
});
