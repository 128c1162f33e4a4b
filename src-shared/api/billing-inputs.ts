// Input schemas of the month close's console methods (docs/billing.md). The renderer validates its forms
// (client prices, corrections) with the same schemas before it sends.
import { z } from 'zod';
import { DOCUMENT_TYPES, MONTH_PATTERN } from '../domain/billing';
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
    search: z.string().trim().max(200).default(''),
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

export const draftListSchema = z.object({ month: monthSchema.optional() }).strict();
export const draftIdSchema = z.object({ draftId: idSchema }).strict();
