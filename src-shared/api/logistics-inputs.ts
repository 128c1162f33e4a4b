// Zod schemas of the logistics area's console methods (and the CLI, which parses its flags with them). Weights are
// whole grams, money integer minor units; field problems read as "<field> <problem>".
import { z } from 'zod';
import { required, text } from './text';
import { findCountry } from '../domain/countries';
import { FULFILLMENT_STATES, LOGISTICS_LIMITS, OFFER_SCOPES, PROVIDER_STATES, SHIPMENT_STATUSES } from '../domain/logistics';
import { emailSchema, idSchema as id } from './inputs';
import { currencySchema, moneySchema } from './shop-inputs';


export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => findCountry(code) !== undefined, (code) => ({ message: `"${code}" is not a country PartnerDeck knows (ISO 3166 two-letter code, e.g. DE)` }));

export const gramsSchema = z
  .number({ invalid_type_error: 'must be a whole number of grams' })
  .int('must be a whole number of grams')
  .min(0, 'must not be negative')
  .max(LOGISTICS_LIMITS.maxGrams, `must be at most ${LOGISTICS_LIMITS.maxGrams} g (1,000 kg)`);

const window = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(100),
};

const provider = { providerId: id };

export const providerApplySchema = z.object({
  companyId: id,
  name: required(200),
  contactEmail: emailSchema,
  note: text(2000).default(''),
});

export const providerOfCompanySchema = z.object({ companyId: id });
export const providerRefSchema = z.object(provider);

export const providerUpdateSchema = z.object({
  ...provider,
  name: required(200),
  contactEmail: emailSchema,
  offerTo: z.enum(OFFER_SCOPES),
});

export const offerChoicesSchema = z.object({ ...provider, search: text(200).default(''), offeredOnly: z.boolean().default(false), ...window });
export const setOffersSchema = z.object({ ...provider, add: z.array(id).max(5000).default([]), remove: z.array(id).max(5000).default([]) });

export const reviewListSchema = z.object({ state: z.enum([...PROVIDER_STATES, 'all']).default('pending') });
export const rejectSchema = z.object({ ...provider, reason: required(2000) });

export const warehouseSaveSchema = z.object({
  ...provider,
  warehouseId: id.optional(),
  name: required(120),
  country: countryCodeSchema,
  city: text(120).default(''),
  street: text(200).default(''),
  postalCode: text(20).default(''),
});

export const zoneSaveSchema = z.object({
  ...provider,
  zoneId: id.optional(),
  name: required(120),
  countries: z.array(countryCodeSchema).min(1, 'needs at least one country').max(LOGISTICS_LIMITS.maxZoneCountries),
});
export const zoneRefSchema = z.object({ ...provider, zoneId: id });

export const rateSaveSchema = z
  .object({
    ...provider,
    rateId: id.optional(),
    zoneId: id,
    currency: currencySchema,
    minGrams: gramsSchema,
    maxGrams: gramsSchema.nullable(),
    amountMinor: moneySchema,
  })
  .superRefine((rate, issue) => {
    if (rate.maxGrams !== null && rate.maxGrams < rate.minGrams) {
      issue.addIssue({ code: 'custom', path: ['maxGrams'], message: `must be at least the lower edge (${rate.minGrams} g)` });
    }
  });
export const rateRefSchema = z.object({ ...provider, rateId: id });

export const shopProvidersSchema = z.object({ companyId: id });
export const setShopProvidersSchema = z
  .object({ companyId: id, chosen: z.array(id).max(1000), preferred: id.nullable().default(null) })
  .superRefine((input, issue) => {
    if (input.preferred !== null && !input.chosen.includes(input.preferred)) {
      issue.addIssue({ code: 'custom', path: ['preferred'], message: 'must be one of the chosen providers' });
    }
  });

export const quoteSchema = z.object({
  companyId: id,
  /** Empty: the order form's customer has no country on record (the answer says so when the order would ship). */
  country: countryCodeSchema.or(z.literal('')),
  /** Whose words: the storefront's ("We cannot ship to …") or the console's order form ("The customer is in …"). */
  purpose: z.enum(['checkout', 'order']).default('checkout'),
  lines: z.array(z.object({ productId: id, quantity: z.number().int().min(1).max(LOGISTICS_LIMITS.maxQuantity) })).min(1, 'needs at least one line').max(200),
});

export const queueSchema = z.object({
  ...provider,
  state: z.enum([...FULFILLMENT_STATES, 'active']).optional(),
  companyId: id.optional(),
  search: text(200).default(''),
  ...window,
});
export const fulfillmentRefSchema = z.object({ ...provider, orderId: id });

export const shipmentListSchema = z.object({
  ...provider,
  status: z.enum(SHIPMENT_STATUSES).optional(),
  companyId: id.optional(),
  search: text(100).default(''),
  ...window,
});
export const shipmentRefSchema = z.object({ ...provider, shipmentId: id });

export const shipSchema = z.object({
  ...provider,
  orderId: id,
  warehouseId: id,
  carrier: required(80),
  trackingNumber: required(80).regex(/^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/, 'may hold letters, digits, spaces and . _ / -'),
  /** Lines and quantities to ship; omitted: everything not shipped yet. */
  lines: z.array(z.object({ lineNo: z.number().int().min(1), quantity: z.number().int().min(1).max(LOGISTICS_LIMITS.maxQuantity) })).max(200).optional(),
});

export const shipmentUpdateSchema = z.object({
  ...provider,
  shipmentId: id,
  status: z.enum(SHIPMENT_STATUSES),
  note: text(500).default(''),
});

export const stockListSchema = z.object({
  ...provider,
  warehouseId: id.optional(),
  search: text(200).default(''),
  low: z.boolean().default(false),
  ...window,
});
export const stockMoveSchema = z.object({
  ...provider,
  warehouseId: id,
  productId: id,
  kind: z.enum(['receipt', 'adjustment']),
  /** Receipt: positive. Adjustment: the change, positive or negative (never below what is reserved). */
  quantity: z
    .number({ invalid_type_error: 'must be a whole number' })
    .int('must be a whole number')
    .min(-LOGISTICS_LIMITS.maxQuantity)
    .max(LOGISTICS_LIMITS.maxQuantity)
    .refine((q) => q !== 0, 'must not be 0'),
  note: text(500).default(''),
});
export const movementsSchema = z.object({ ...provider, warehouseId: id, productId: id });
export const productChoicesSchema = z.object({ ...provider, search: text(200).default('') });

export const shopStockSchema = z.object({ companyId: id, search: text(200).default(''), ...window });
export const orderShippingSchema = z.object({ companyId: id, orderId: id });
