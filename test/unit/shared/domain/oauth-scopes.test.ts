// The scope parameter: commas only, known scopes, order kept.
import { describe, expect, it } from 'vitest';
import { canonicalScopes, parseScopeParam } from '../../../../src-shared/domain/oauth-scopes';

describe('parseScopeParam', () => {
  it('keeps the order asked for and drops repeats', () => {
    expect(parseScopeParam('products,orders,customers,orders')).toEqual({ ok: true, scopes: ['products', 'orders', 'customers'] });
    expect(canonicalScopes(['orders', 'products'])).toEqual(['products', 'orders']);
  });

  it.each([
    ['', 'is required'],
    ['products orders', 'comma-separated without spaces'],
    ['products,,orders', 'empty entry'],
    ['products,admin', 'unknown scopes: admin'],
  ])('refuses %j', (raw, problem) => {
    const parsed = parseScopeParam(raw);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toContain(problem);
  });
});
