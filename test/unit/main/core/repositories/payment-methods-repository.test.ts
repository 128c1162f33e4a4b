// Companies' payment methods on file (migration 019) on both databases of the data layer: a card and a SEPA mandate
// stored with their masked parts only, replaced, listed, deleted.
import { describe, expect, it } from 'vitest';
import { statement } from '../../../../../src-main/core/db/data';
import { createPaymentMethodsRepository, type PaymentMethodRow } from '../../../../../src-main/core/repositories/payment-methods-repository';
import { dataTargets, useData } from '../../../../helpers/databases';

const addCompany = statement('test.pm.company', ({ sql }, id: number) => sql`INSERT INTO companies (id, name, country, created_at, updated_at) VALUES (${id}, 'Payer', 'DE', 0, 0)`);
const none = { card_brand: null, card_last4: null, card_exp_month: null, card_exp_year: null, iban_country: null, iban_last4: null, mandate_reference: null, mandate_signed_on: null };
const card = (companyId: number): PaymentMethodRow => ({ ...none, company_id: companyId, kind: 'card', holder: 'Alma', card_brand: 'Visa', card_last4: '4242', card_exp_month: 8, card_exp_year: 2029, updated_at: 1_796_000_000_000, updated_by: 'operator' });
const mandate = (companyId: number): PaymentMethodRow => ({ ...none, company_id: companyId, kind: 'sepa', holder: 'Dana', iban_country: 'DE', iban_last4: '4411', mandate_reference: 'NW-1', mandate_signed_on: '2026-09-30', updated_at: 2, updated_by: 'dana' });

describe.each(await dataTargets())('payment methods on $name', (target) => {
  const db = useData(target, ['payment_methods', 'companies']);

  it('stores, replaces, lists and deletes a company’s method', async () => {
    const repo = createPaymentMethodsRepository(db.data);
    await db.data.run(addCompany, 1);
    await db.data.run(addCompany, 2);
    expect(await repo.get(1)).toBeUndefined();
    await repo.put(card(1));
    await repo.put(card(2));
    await repo.put(mandate(2));
    expect(await repo.get(1)).toEqual(card(1));
    expect(await repo.get(2)).toEqual(mandate(2));
    expect((await repo.all()).map((r) => [r.company_id, r.kind]).sort()).toEqual([
      [1, 'card'],
      [2, 'sepa'],
    ]);
    expect(await repo.delete(1)).toBe(true);
    expect(await repo.delete(1)).toBe(false);
    expect((await repo.all()).map((r) => r.company_id)).toEqual([2]);
  });
});
