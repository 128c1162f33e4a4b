// Migration 019: a company's payment method on file (docs/billing.md "Payment methods"), and how each issued
// invoice or credit note is settled. Only masked parts are ever stored: a card's brand and last four digits (the
// CHECKs make a longer number impossible to store), an IBAN's country and last four characters. One row per
// company; removing the method deletes the row. `billing_documents.settlement` is the JSON of how the document is
// charged or credited (`DocumentSettlement`), written when it is issued and, like the document, never changed.
import { bothDialects } from '../../postgres/postgres-dialect';

export const migration019 = {
  id: 19,
  name: 'payment-methods',
  ...bothDialects(`
CREATE TABLE payment_methods (
  company_id INTEGER PRIMARY KEY REFERENCES companies(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('card', 'sepa')),
  holder TEXT NOT NULL CHECK (length(holder) BETWEEN 1 AND 70),
  card_brand TEXT,
  card_last4 TEXT CHECK (card_last4 IS NULL OR (length(card_last4) = 4 AND card_last4 NOT GLOB '*[^0-9]*')),
  card_exp_month INTEGER CHECK (card_exp_month IS NULL OR card_exp_month BETWEEN 1 AND 12),
  card_exp_year INTEGER,
  iban_country TEXT CHECK (iban_country IS NULL OR (length(iban_country) = 2 AND iban_country NOT GLOB '*[^A-Z]*')),
  iban_last4 TEXT CHECK (iban_last4 IS NULL OR (length(iban_last4) = 4 AND iban_last4 NOT GLOB '*[^A-Z0-9]*')),
  mandate_reference TEXT CHECK (mandate_reference IS NULL OR length(mandate_reference) BETWEEN 1 AND 35),
  mandate_signed_on TEXT CHECK (mandate_signed_on IS NULL OR mandate_signed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  CHECK (
    (kind = 'card' AND card_brand IS NOT NULL AND card_last4 IS NOT NULL AND card_exp_month IS NOT NULL AND card_exp_year IS NOT NULL
      AND iban_country IS NULL AND iban_last4 IS NULL AND mandate_reference IS NULL AND mandate_signed_on IS NULL)
    OR
    (kind = 'sepa' AND iban_country IS NOT NULL AND iban_last4 IS NOT NULL AND mandate_reference IS NOT NULL AND mandate_signed_on IS NOT NULL
      AND card_brand IS NULL AND card_last4 IS NULL AND card_exp_month IS NULL AND card_exp_year IS NULL)
  )
) STRICT;

ALTER TABLE billing_documents ADD COLUMN settlement TEXT;
`),
};
