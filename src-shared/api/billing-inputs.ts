// Input schemas of the month close's console methods (docs/billing.md). The renderer validates its forms
// (client prices, corrections, the operator's rates) with the same schemas before it sends.
import { z } from 'zod';
import { text } from './text';
import { DOCUMENT_TYPES, MONTH_PATTERN } from '../domain/billing';
import { RATE_DEFINITIONS, RATE_VALUE_SCHEMAS, type BillingRateKey } from '../domain/billing-rates';
import { idSchema } from './inputs';

export const monthSchema = z
  .string({ required_error: 'is required' })
  .trim()
  .regex(MONTH_PATTERN, 'must be a month as YYYY-MM (e.g. 2026-10)');

export const billingMonthSchema = z.object({ month: monthSchema }).strict();

export const billingCloseSchema = z
  .object({
    month: monthSchema,
    /** The preview's fingerprint: the close is refused when the figures changed since that preview. */
    fingerprint: z.string().trim().max(128).optional(),
  })
  .strict();

export const billingWhatIfSchema = z.object({ month: monthSchema, companyId: idSchema }).strict();

export const DOCUMENT_SORTS = ['issued', 'number', 'recipient', 'gross'] as const;

export const documentFilterSchema = z
  .object({
    month: monthSchema.optional(),
    type: z.enum(DOCUMENT_TYPES).optional(),
    /** The recipient, or a shop with its own part inside a partner's document. */
    companyId: idSchema.optional(),
    currency: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}$/, 'must be a currency code such as EUR')
      .transform((c) => c.toUpperCase())
      .optional(),
    /** Document number or recipient name. */
    search: text(200).default(''),
    sort: z.enum(DOCUMENT_SORTS).default('issued'),
    direction: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict();

export type DocumentFilterInput = z.input<typeof documentFilterSchema>;

export const documentListSchema = documentFilterSchema.extend({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const documentIdSchema = z.object({ documentId: idSchema }).strict();

export const documentsExportSchema = z.object({ filter: documentFilterSchema.default({}) }).strict();

/** At most 10 billion major units: larger is a typo, and the products stay well inside 2^53. */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

export const correctionSchema = z
  .object({
    documentId: idSchema,
    /** An invoice: the recipient owes more; a credit note: the issuer owes more (or charged too much). */
    type: z.enum(['invoice', 'credit_note'], { errorMap: () => ({ message: 'must be invoice or credit_note' }) }),
    /** Net amount in minor units of the original's currency; VAT follows the original's treatment. */
    amountMinor: z
      .number({ required_error: 'is required', invalid_type_error: 'must be an amount' })
      .int('must be a whole number of minor units')
      .min(1, 'must be more than 0')
      .max(MAX_AMOUNT_MINOR, 'is too large'),
    reason: z.string({ required_error: 'is required' }).trim().min(3, 'must say why (at least 3 characters)').max(500, 'must be at most 500 characters'),
    /** A shop with its own part in the original (a managed client inside its partner's document). */
    companyId: idSchema.optional(),
  })
  .strict();

export const clientPriceSchema = z
  .object({
    companyId: idSchema,
    monthlyFeeMinor: z
      .number({ required_error: 'is required', invalid_type_error: 'must be an amount' })
      .int('must be a whole number of minor units')
      .min(0, 'must not be negative')
      .max(MAX_AMOUNT_MINOR, 'is too large'),
    percentBp: z
      .number({ required_error: 'is required', invalid_type_error: 'must be a percentage' })
      .int('must have at most two decimals')
      .min(0, 'must not be negative')
      .max(10_000, 'must be at most 100 %'),
  })
  .strict();

/** Many clients' prices saved at once (the Client prices tab's one Save); at most one row per client. */
export const clientPricesSchema = z
  .object({
    prices: z
      .array(clientPriceSchema)
      .min(1, 'must name at least one client')
      .max(10_000, 'must be at most 10,000 clients at once')
      .refine((rows) => new Set(rows.map((r) => r.companyId)).size === rows.length, 'must name each client once'),
  })
  .strict();

export const draftListSchema = z.object({ month: monthSchema.optional() }).strict();
export const draftIdSchema = z.object({ draftId: idSchema }).strict();

const RATE_KEYS = RATE_DEFINITIONS.map((d) => d.key) as [BillingRateKey, ...BillingRateKey[]];
const optionalRateValues = Object.fromEntries(RATE_KEYS.map((k) => [k, RATE_VALUE_SCHEMAS[k].optional()])) as {
  [K in BillingRateKey]: z.ZodOptional<(typeof RATE_VALUE_SCHEMAS)[K]>;
};

/**
 * The platform operator's change of the rates: new values by key (as stored: percentages in basis points)
 * and keys back to their default. Each value is checked on its own here; the store checks the resulting
 * set (`checkRates`: e.g. the Via Partner share must stay higher than the Direct one) before it writes.
 */
export const billingSetRatesSchema = z
  .object({
    ...optionalRateValues,
    reset: z.array(z.enum(RATE_KEYS, { errorMap: () => ({ message: `must list rate keys (${RATE_KEYS.join(', ')})` }) })).max(RATE_KEYS.length).default([]),
  })
  .strict()
  .superRefine((input, issue) => {
    const changed = RATE_KEYS.filter((k) => input[k] !== undefined);
    const both = changed.filter((k) => input.reset.includes(k));
    if (both.length > 0) issue.addIssue({ code: z.ZodIssueCode.custom, path: ['reset'], message: `cannot both change and reset ${both.join(', ')}` });
    if (changed.length === 0 && input.reset.length === 0) issue.addIssue({ code: z.ZodIssueCode.custom, path: ['input'], message: 'change or reset at least one rate' });
  });

export type SetRatesRequest = z.input<typeof billingSetRatesSchema>;

// ---- Payment methods (docs/billing.md "Payment methods") ---------------------------------------------------
// Shapes only (lengths that stop nonsense early): the real checks — card network and Luhn, IBAN and mod 97, the
// expiry by the platform clock — are `checkPaymentMethod` (domain/payment-methods.ts), run by the core before
// anything is written and by the form as you type. Field names are the form's, so problems show beside them.

const entryText = (max: number) => z.string({ required_error: 'is required' }).max(max, `must be at most ${max} characters`);

export const setPaymentMethodSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        companyId: idSchema,
        kind: z.literal('card'),
        /** The full card number: checked and masked, never stored. */
        number: entryText(40),
        /** MM/YY as printed on the card. */
        expiry: entryText(10),
        holder: entryText(200),
      })
      .strict(),
    z
      .object({
        companyId: idSchema,
        kind: z.literal('sepa'),
        /** The full IBAN: checked and masked (country and last four), never stored. */
        iban: entryText(60),
        holder: entryText(200),
        mandateReference: entryText(100),
        /** YYYY-MM-DD. */
        signedOn: entryText(20),
      })
      .strict(),
  ],
  { errorMap: (issue, ctx) => (issue.code === 'invalid_union_discriminator' ? { message: 'must be card or sepa' } : { message: ctx.defaultError }) },
);

export type SetPaymentMethodInput = z.input<typeof setPaymentMethodSchema>;

export const companyIdOnlySchema = z.object({ companyId: idSchema }).strict();
