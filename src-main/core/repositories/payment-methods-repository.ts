// SQL for companies' payment methods on file (migration 019): masked parts only.
import type { Db } from '../db/database';

export interface PaymentMethodRow {
  company_id: number;
  kind: 'card' | 'sepa';
  holder: string;
  card_brand: string | null;
  card_last4: string | null;
  card_exp_month: number | null;
  card_exp_year: number | null;
  iban_country: string | null;
  iban_last4: string | null;
  mandate_reference: string | null;
  mandate_signed_on: string | null;
  updated_at: number;
  updated_by: string;
}

export interface PaymentMethodsRepository {
  get(companyId: number): PaymentMethodRow | undefined;
  /** Every method on file (the close reads them once per run: a row is a few dozen bytes, 5,000 of them are nothing). */
  all(): PaymentMethodRow[];
  put(row: PaymentMethodRow): void;
  delete(companyId: number): boolean;
}

export function createPaymentMethodsRepository(db: Db): PaymentMethodsRepository {
  const get = db.prepare<[number], PaymentMethodRow>('SELECT * FROM payment_methods WHERE company_id = ?');
  const all = db.prepare<[], PaymentMethodRow>('SELECT * FROM payment_methods');
  const put = db.prepare(
    `INSERT INTO payment_methods (company_id, kind, holder, card_brand, card_last4, card_exp_month, card_exp_year, iban_country, iban_last4,
       mandate_reference, mandate_signed_on, updated_at, updated_by)
     VALUES (@company_id, @kind, @holder, @card_brand, @card_last4, @card_exp_month, @card_exp_year, @iban_country, @iban_last4,
       @mandate_reference, @mandate_signed_on, @updated_at, @updated_by)
     ON CONFLICT(company_id) DO UPDATE SET kind = excluded.kind, holder = excluded.holder, card_brand = excluded.card_brand,
       card_last4 = excluded.card_last4, card_exp_month = excluded.card_exp_month, card_exp_year = excluded.card_exp_year,
       iban_country = excluded.iban_country, iban_last4 = excluded.iban_last4, mandate_reference = excluded.mandate_reference,
       mandate_signed_on = excluded.mandate_signed_on, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  const remove = db.prepare('DELETE FROM payment_methods WHERE company_id = ?');
  return {
    get: (companyId) => get.get(companyId),
    all: () => all.all(),
    put: (row) => void put.run(row),
    delete: (companyId) => remove.run(companyId).changes > 0,
  };
}
