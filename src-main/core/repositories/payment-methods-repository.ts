// SQL for companies' payment methods on file (migration 019): masked parts only. Asynchronous, on the data layer
// (db/data.ts): the same SQL on SQLite and PostgreSQL.
import { statement, type Database } from '../db/data';

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
  get(companyId: number): Promise<PaymentMethodRow | undefined>;
  /** Every method on file (the close reads them once per run: a row is a few dozen bytes, 5,000 of them are nothing). */
  all(): Promise<PaymentMethodRow[]>;
  put(row: PaymentMethodRow): Promise<void>;
  delete(companyId: number): Promise<boolean>;
}

const get = statement('paymentMethods.get', ({ sql }, companyId: number) => sql<PaymentMethodRow>`SELECT * FROM payment_methods WHERE company_id = ${companyId}`);
const all = statement('paymentMethods.all', ({ sql }) => sql<PaymentMethodRow>`SELECT * FROM payment_methods`);
/** Also run by the demo seed, synchronously (seed/demo-payment-methods-seed.ts). */
export const putPaymentMethod = statement(
  'paymentMethods.put',
  ({ sql }, r: PaymentMethodRow) =>
    sql`INSERT INTO payment_methods (company_id, kind, holder, card_brand, card_last4, card_exp_month, card_exp_year, iban_country, iban_last4,
       mandate_reference, mandate_signed_on, updated_at, updated_by)
     VALUES (${r.company_id}, ${r.kind}, ${r.holder}, ${r.card_brand}, ${r.card_last4}, ${r.card_exp_month}, ${r.card_exp_year}, ${r.iban_country}, ${r.iban_last4},
       ${r.mandate_reference}, ${r.mandate_signed_on}, ${r.updated_at}, ${r.updated_by})
     ON CONFLICT(company_id) DO UPDATE SET kind = excluded.kind, holder = excluded.holder, card_brand = excluded.card_brand,
       card_last4 = excluded.card_last4, card_exp_month = excluded.card_exp_month, card_exp_year = excluded.card_exp_year,
       iban_country = excluded.iban_country, iban_last4 = excluded.iban_last4, mandate_reference = excluded.mandate_reference,
       mandate_signed_on = excluded.mandate_signed_on, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
);
const remove = statement('paymentMethods.remove', ({ sql }, companyId: number) => sql`DELETE FROM payment_methods WHERE company_id = ${companyId}`);

export function createPaymentMethodsRepository(data: Database): PaymentMethodsRepository {
  return {
    get: (companyId) => data.one(get, companyId),
    all: () => data.all(all),
    put: async (row) => void (await data.run(putPaymentMethod, row)),
    delete: async (companyId) => (await data.run(remove, companyId)).changes > 0,
  };
}
