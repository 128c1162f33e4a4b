// Rate selection (issue 15): a pure function, checked by properties over random rule sets and by the stated bracket
// edges. Edges are whole grams and both inclusive: 0-500 serves 500 g, the next bracket starts at 501.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruleMatches, selectRate, type RateQuestion, type RateRule } from '../../../../src-shared/domain/logistics';

const COUNTRIES = ['DE', 'AT', 'FR', 'US', 'CA', 'JP'];
const CURRENCIES = ['EUR', 'USD'];

const ruleArb = (id: number) =>
  fc
    .record({
      providerId: fc.integer({ min: 1, max: 4 }),
      countries: fc.subarray(COUNTRIES, { minLength: 1 }),
      currency: fc.constantFrom(...CURRENCIES),
      minGrams: fc.integer({ min: 0, max: 5000 }),
      span: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
      amountMinor: fc.integer({ min: 0, max: 3000 }),
    })
    .map((r): RateRule => ({ id, providerId: r.providerId, countries: r.countries, currency: r.currency, minGrams: r.minGrams, maxGrams: r.span === null ? null : r.minGrams + r.span, amountMinor: r.amountMinor }));

const rulesArb = fc.integer({ min: 0, max: 40 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ruleArb(i + 1))));

const questionArb = fc.record({
  country: fc.constantFrom(...COUNTRIES),
  weightGrams: fc.integer({ min: 0, max: 11000 }),
  currency: fc.constantFrom(...CURRENCIES),
  providerIds: fc.subarray([1, 2, 3, 4]),
  preferredProviderId: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
}) satisfies fc.Arbitrary<RateQuestion>;

const eligible = (rules: readonly RateRule[], q: RateQuestion) => rules.filter((r) => (q.providerIds as number[]).includes(r.providerId) && ruleMatches(r, q));

describe('selectRate', () => {
  it('answers a matching rule of a chosen provider, or null exactly when none matches', () => {
    fc.assert(
      fc.property(rulesArb, questionArb, (rules, q) => {
        const picked = selectRate(rules, q);
        const candidates = eligible(rules, q);
        if (candidates.length === 0) return picked === null;
        return picked !== null && candidates.includes(picked);
      }),
    );
  });

  it("takes the preferred provider's cheapest matching rule when it has one, else the cheapest of all", () => {
    fc.assert(
      fc.property(rulesArb, questionArb, (rules, q) => {
        const picked = selectRate(rules, q);
        const candidates = eligible(rules, q);
        const preferred = candidates.filter((r) => r.providerId === q.preferredProviderId);
        const pool = preferred.length > 0 ? preferred : candidates;
        if (pool.length === 0) return picked === null;
        return picked!.amountMinor === Math.min(...pool.map((r) => r.amountMinor)) && pool.includes(picked!);
      }),
    );
  });

  it('does not depend on the order of the rules (ties: lower provider id, then lower rule id)', () => {
    fc.assert(
      fc.property(rulesArb, questionArb, fc.integer(), (rules, q, seed) => {
        const shuffled = [...rules].sort((a, b) => ((a.id * 7919 + seed) % 97) - ((b.id * 7919 + seed) % 97));
        return selectRate(shuffled, q)?.id === selectRate(rules, q)?.id;
      }),
    );
  });

  describe('bracket edges (whole grams, both edges inclusive)', () => {
    const rule = (id: number, minGrams: number, maxGrams: number | null, amountMinor: number, providerId = 1): RateRule => ({
      id, providerId, countries: ['DE'], currency: 'EUR', minGrams, maxGrams, amountMinor,
    });
    const rules = [rule(1, 0, 500, 490), rule(2, 501, 1000, 690), rule(3, 1001, null, 990)];
    const at = (weightGrams: number) => selectRate(rules, { country: 'DE', weightGrams, currency: 'EUR', providerIds: [1], preferredProviderId: null })?.id ?? null;

    it('a weight exactly on an upper edge belongs to the lower bracket, one gram more to the next', () => {
      expect(at(0)).toBe(1);
      expect(at(500)).toBe(1);
      expect(at(501)).toBe(2);
      expect(at(1000)).toBe(2);
      expect(at(1001)).toBe(3);
      expect(at(1_000_000)).toBe(3);
    });

    it('a gap between brackets ships nothing; another country, currency or provider neither', () => {
      const gap = [rule(1, 0, 500, 490), rule(2, 600, 1000, 690)];
      const q = { country: 'DE', currency: 'EUR', providerIds: [1], preferredProviderId: null };
      expect(selectRate(gap, { ...q, weightGrams: 550 })).toBeNull();
      expect(selectRate(gap, { ...q, weightGrams: 600 })?.id).toBe(2);
      expect(selectRate(rules, { ...q, weightGrams: 100, country: 'FR' })).toBeNull();
      expect(selectRate(rules, { ...q, weightGrams: 100, currency: 'USD' })).toBeNull();
      expect(selectRate(rules, { ...q, weightGrams: 100, providerIds: [2] })).toBeNull();
      expect(selectRate(rules, { ...q, weightGrams: 100, country: 'de' })?.id).toBe(1);
    });

    it('the preferred provider wins when it serves the order even if another is cheaper; otherwise the cheapest', () => {
      const two = [rule(1, 0, 1000, 900, 1), rule(2, 0, 1000, 400, 2), rule(3, 0, 200, 300, 1)];
      const q = { country: 'DE', currency: 'EUR', providerIds: [1, 2], preferredProviderId: 1 };
      expect(selectRate(two, { ...q, weightGrams: 500 })?.id).toBe(1);
      expect(selectRate(two, { ...q, weightGrams: 100 })?.id).toBe(3);
      expect(selectRate(two, { ...q, weightGrams: 1001 })).toBeNull();
      expect(selectRate(two, { ...q, weightGrams: 500, preferredProviderId: null })?.id).toBe(2);
      expect(selectRate([rule(1, 0, 100, 900, 1), rule(2, 0, 1000, 400, 2)], { ...q, weightGrams: 500 })?.id).toBe(2);
    });
  });
});
