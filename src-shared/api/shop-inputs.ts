// Zod schemas for a shop's data (spec §2): what the console sends, what the /admin REST API will accept
// (it reuses these, e.g. `productCreateSchema.innerType().omit({ companyId: true })`), and what the
// renderer checks inline before it sends. Field problems read as "<field> <problem>".
import { z } from 'zod';
import { required, text } from './text';
import { isDay, dayStartMs, daysBetween } from '../domain/date-range';
import {
  CATALOGUE_KINDS,
  NEWSLETTER_STATUSES,
  ORDER_LIMITS,
  ORDER_STATUSES,
  PRODUCT_KINDS,
  SUBSCRIBER_STATUSES,
  type ProductKind,
} from '../domain/shop';
import { emailSchema, idSchema as id } from './inputs';


export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code');

export const moneySchema = z
  .number({ invalid_type_error: 'must be a number of minor units (cents)' })
  .int('must be a whole number of minor units (cents)')
  .min(0, 'must not be negative')
  .max(ORDER_LIMITS.maxUnitPriceMinor, `must be at most ${ORDER_LIMITS.maxUnitPriceMinor} minor units`);

export const vatRateSchema = z
  .number({ invalid_type_error: 'must be a number of basis points' })
  .int('must be a whole number of basis points (1900 = 19 %)')
  .min(0, 'must be between 0 and 10000')
  .max(10000, 'must be between 0 and 10000');

export const quantitySchema = z
  .number({ invalid_type_error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(ORDER_LIMITS.maxQuantity, `must be at most ${ORDER_LIMITS.maxQuantity}`);

/** A point in time: 'YYYY-MM-DD' (start of that day, UTC) or ISO 8601 with an offset; parsed to epoch ms. */
export const instantSchema = z.string().transform((value, ctx) => {
  const ms = isDay(value) ? dayStartMs(value) : /^\d{4}-\d{2}-\d{2}T/.test(value) && /(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : NaN;
  if (ms === null || !Number.isFinite(ms)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a date (YYYY-MM-DD) or an ISO 8601 time with offset' });
    return z.NEVER;
  }
  return ms;
});

/** 'YYYY-MM-DD', a real calendar day. */
export const daySchema = z.string().trim().refine(isDay, 'must be a date as YYYY-MM-DD');

const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^([A-Z]{2})?$/, 'must be a two-letter ISO country code');

const listBase = {
  companyId: id,
  search: text(200).default(''),
  offset: z.number().int().min(0, 'must not be negative').max(100_000_000).default(0),
  limit: z.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  direction: z.enum(['asc', 'desc']).default('asc'),
};

function sortOf<const S extends readonly [string, ...string[]]>(sorts: S, fallback: S[number]) {
  return z.enum(sorts, { errorMap: () => ({ message: `must be one of ${sorts.join(', ')}` }) }).default(fallback);
}

// ---- Products and categories ----------------------------------------------------------------------

export interface ProductKindFields {
  kind?: ProductKind;
  weightGrams?: number | null;
  stock?: number | null;
  fileId?: number | null;
}

/** The kind rules: physical needs weight and stock, only digital has a download file. */
export function productKindProblems(value: ProductKindFields): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  if (value.kind === 'physical') {
    if (value.weightGrams === undefined || value.weightGrams === null) problems.weightGrams = ['is required for physical products'];
    if (value.stock === undefined || value.stock === null) problems.stock = ['is required for physical products'];
  } else if (value.kind !== undefined) {
    if (value.weightGrams !== undefined && value.weightGrams !== null) problems.weightGrams = ['applies to physical products only'];
    if (value.stock !== undefined && value.stock !== null) problems.stock = ['applies to physical products only'];
  }
  if (value.kind !== undefined && value.kind !== 'digital' && value.fileId !== undefined && value.fileId !== null) {
    problems.fileId = ['applies to digital products only'];
  }
  return problems;
}

function refineKind(value: ProductKindFields, ctx: z.RefinementCtx): void {
  for (const [path, messages] of Object.entries(productKindProblems(value))) {
    for (const message of messages) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  }
}

const productFields = {
  name: required(200),
  sku: text(64).regex(/^[A-Za-z0-9._/-]*$/, 'may contain only letters, digits and . _ / -'),
  description: text(5000),
  priceMinor: moneySchema,
  currency: currencySchema,
  vatRateBp: vatRateSchema,
  isActive: z.boolean(),
  weightGrams: z.number().int('must be whole grams').min(0, 'must not be negative').max(10_000_000, 'must be at most 10 t').nullable(),
  stock: z.number().int('must be a whole number').min(0, 'must not be negative').max(1_000_000_000).nullable(),
  fileId: id.nullable(),
  categoryIds: z.array(id).max(50, 'at most 50 categories'),
};

export const productCreateSchema = z
  .object({
    companyId: id,
    kind: z.enum(CATALOGUE_KINDS, { errorMap: () => ({ message: `must be one of ${CATALOGUE_KINDS.join(', ')}` }) }),
    name: productFields.name,
    sku: productFields.sku.default(''),
    description: productFields.description.default(''),
    priceMinor: productFields.priceMinor,
    /** Default: the shop's currency. */
    currency: productFields.currency.optional(),
    /** Default: the shop's default VAT rate. */
    vatRateBp: productFields.vatRateBp.optional(),
    isActive: productFields.isActive.default(true),
    weightGrams: productFields.weightGrams.optional(),
    stock: productFields.stock.optional(),
    fileId: productFields.fileId.optional(),
    categoryIds: productFields.categoryIds.default([]),
  })
  .superRefine(refineKind);
export type ProductCreateInput = z.input<typeof productCreateSchema>;

/** Changing a product; the kind never changes. Omitted fields stay as they are. */
export const productUpdateSchema = z.object({ companyId: id, productId: id }).extend(z.object(productFields).partial().shape);
export type ProductUpdateInput = z.input<typeof productUpdateSchema>;

export const PRODUCT_SORTS = ['name', 'price', 'stock', 'sku', 'kind', 'createdAt', 'updatedAt'] as const;
export const productListSchema = z.object({
  ...listBase,
  kind: z.enum(PRODUCT_KINDS).optional(),
  /** Only what a shop's storefront sells (its catalogue kinds): apps and themes are bought in the App Store. */
  sellable: z.boolean().optional(),
  categoryId: id.optional(),
  active: z.enum(['any', 'active', 'inactive']).default('any'),
  sort: sortOf(PRODUCT_SORTS, 'name'),
});
export type ProductListInput = z.input<typeof productListSchema>;

/** A shop object with just a name and a description: a category, an access group. */
const namedFields = { name: required(100), description: text(2000) };
const namedCreate = z.object({ companyId: id, name: namedFields.name, description: namedFields.description.default('') });
const namedPatch = z.object(namedFields).partial().shape;

export const categoryCreateSchema = namedCreate;
export const categoryUpdateSchema = z.object({ companyId: id, categoryId: id }).extend(namedPatch);
export const CATEGORY_SORTS = ['name', 'products', 'createdAt'] as const;
export const categoryListSchema = z.object({ ...listBase, sort: sortOf(CATEGORY_SORTS, 'name') });

// ---- Customers ------------------------------------------------------------------------------------

const customerFields = {
  email: emailSchema,
  name: required(200),
  phone: text(40).regex(/^[0-9+()/\s.-]*$/, 'may contain only digits, spaces and + ( ) / . -'),
  street: text(200),
  city: text(100),
  postalCode: text(20),
  country: countryCodeSchema,
  acceptsMarketing: z.boolean(),
  note: text(2000),
};

/** A new customer's details, as the console and the storefront's checkout take them. */
const newCustomerFields = {
  email: customerFields.email,
  name: customerFields.name,
  phone: customerFields.phone.default(''),
  street: customerFields.street.default(''),
  city: customerFields.city.default(''),
  postalCode: customerFields.postalCode.default(''),
  country: customerFields.country.default(''),
  acceptsMarketing: customerFields.acceptsMarketing.default(false),
};

export const customerCreateSchema = z.object({ companyId: id, ...newCustomerFields, note: customerFields.note.default('') });
export type CustomerCreateInput = z.input<typeof customerCreateSchema>;
/** Changing a customer: every field may be left out (it stays as it is). */
export const customerUpdateSchema = z.object({ companyId: id, customerId: id }).extend(z.object(customerFields).partial().shape);
export const CUSTOMER_SORTS = ['name', 'email', 'city', 'country', 'createdAt'] as const;
export const customerListSchema = z.object({
  ...listBase,
  country: countryCodeSchema.optional(),
  sort: sortOf(CUSTOMER_SORTS, 'name'),
});

// ---- Orders and checkout --------------------------------------------------------------------------

const orderLineInput = z.object({ productId: id, quantity: quantitySchema });
const orderLines = z
  .array(orderLineInput)
  .min(1, 'need at least one line')
  .max(ORDER_LIMITS.maxLines, `at most ${ORDER_LIMITS.maxLines} lines`);

/** A manual order entered in the console (or REST) for an existing customer. */
export const orderCreateSchema = z.object({
  companyId: id,
  customerId: id,
  status: z.enum(['pending', 'paid'], { errorMap: () => ({ message: 'must be pending or paid' }) }).default('paid'),
  lines: orderLines,
  note: text(2000).default(''),
  /** Back-dating an imported order; default: now. Never in the future. */
  placedAt: instantSchema.optional(),
});
export type OrderCreateInput = z.input<typeof orderCreateSchema>;

/**
 * Editing an order: a new status (see ORDER_TRANSITIONS) and/or the complete new set of lines, where a line
 * with `lineNo` keeps that existing line (its price and VAT as sold) with a new quantity, and a line with
 * `productId` adds the product at its current price.
 */
export const orderUpdateSchema = z.object({
  companyId: id,
  orderId: id,
  status: z.enum(ORDER_STATUSES, { errorMap: () => ({ message: `must be one of ${ORDER_STATUSES.join(', ')}` }) }).optional(),
  lines: z
    .array(
      z
        .object({ lineNo: z.number().int().min(1).optional(), productId: id.optional(), quantity: quantitySchema })
        .refine((line) => (line.lineNo === undefined) !== (line.productId === undefined), {
          message: 'must name either a line of the order to keep or a product to add, not both',
          path: ['productId'],
        }),
    )
    .min(1, 'need at least one line; cancel the order instead')
    .max(ORDER_LIMITS.maxLines, `at most ${ORDER_LIMITS.maxLines} lines`)
    .optional(),
  note: text(2000).optional(),
});
export type OrderUpdateInput = z.input<typeof orderUpdateSchema>;

export const ORDER_SORTS = ['placedAt', 'number', 'gross', 'status'] as const;
export const orderListSchema = z
  .object({
    ...listBase,
    direction: z.enum(['asc', 'desc']).default('desc'),
    status: z.enum(ORDER_STATUSES).optional(),
    customerId: id.optional(),
    /** Placed on or after this day (UTC). */
    from: daySchema.optional(),
    /** Placed on or before this day (UTC). */
    to: daySchema.optional(),
    sort: sortOf(ORDER_SORTS, 'placedAt'),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from > value.to) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: 'must be on or after the start date' });
  });

/** The storefront's checkout: a customer (found or created by email) buys products. */
export const checkoutSchema = z.object({
  companyId: id,
  customer: z.object(newCustomerFields),
  lines: orderLines,
  note: text(2000).default(''),
});
export type CheckoutInput = z.input<typeof checkoutSchema>;

// ---- Subscribers, access groups, newsletter -------------------------------------------------------

export const subscriberCreateSchema = z.object({
  companyId: id,
  email: emailSchema,
  name: text(200).default(''),
  productId: id.nullable().default(null),
  status: z.enum(SUBSCRIBER_STATUSES).default('active'),
  startedAt: instantSchema.optional(),
  endsAt: instantSchema.nullable().default(null),
});
export const subscriberUpdateSchema = z.object({
  companyId: id,
  subscriberId: id,
  email: emailSchema.optional(),
  name: text(200).optional(),
  productId: id.nullable().optional(),
  status: z.enum(SUBSCRIBER_STATUSES).optional(),
  startedAt: instantSchema.optional(),
  endsAt: instantSchema.nullable().optional(),
});
export const SUBSCRIBER_SORTS = ['email', 'name', 'status', 'startedAt', 'createdAt'] as const;
export const subscriberListSchema = z.object({
  ...listBase,
  status: z.enum(SUBSCRIBER_STATUSES).optional(),
  productId: id.optional(),
  sort: sortOf(SUBSCRIBER_SORTS, 'email'),
});

export const accessGroupCreateSchema = namedCreate;
export const accessGroupUpdateSchema = z.object({ companyId: id, accessGroupId: id }).extend(namedPatch);
export const ACCESS_GROUP_SORTS = ['name', 'members', 'createdAt'] as const;
export const accessGroupListSchema = z.object({ ...listBase, sort: sortOf(ACCESS_GROUP_SORTS, 'name') });

export const groupMemberCreateSchema = z.object({
  companyId: id,
  groupId: id,
  email: emailSchema,
  name: text(200).default(''),
  expiresAt: instantSchema.nullable().default(null),
});
export const groupMemberUpdateSchema = z.object({
  companyId: id,
  groupMemberId: id,
  groupId: id.optional(),
  email: emailSchema.optional(),
  name: text(200).optional(),
  expiresAt: instantSchema.nullable().optional(),
});
export const GROUP_MEMBER_SORTS = ['email', 'name', 'group', 'expiresAt', 'createdAt'] as const;
export const groupMemberListSchema = z.object({
  ...listBase,
  groupId: id.optional(),
  sort: sortOf(GROUP_MEMBER_SORTS, 'email'),
});

const languageSchema = z
  .string()
  .trim()
  .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language code such as en or de-AT');

export const newsletterRecipientCreateSchema = z.object({
  companyId: id,
  email: emailSchema,
  name: text(200).default(''),
  language: languageSchema.default('en'),
  status: z.enum(NEWSLETTER_STATUSES).default('subscribed'),
});
export const newsletterRecipientUpdateSchema = z.object({
  companyId: id,
  newsletterRecipientId: id,
  email: emailSchema.optional(),
  name: text(200).optional(),
  language: languageSchema.optional(),
  status: z.enum(NEWSLETTER_STATUSES).optional(),
});
export const NEWSLETTER_SORTS = ['email', 'name', 'status', 'createdAt'] as const;
export const newsletterRecipientListSchema = z.object({
  ...listBase,
  status: z.enum(NEWSLETTER_STATUSES).optional(),
  sort: sortOf(NEWSLETTER_SORTS, 'email'),
});

// ---- Themes and content files ---------------------------------------------------------------------

const themeSettingsSchema = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'setting names are letters, digits and _ . - (max 64)'), text(500))
  .refine((settings) => Object.keys(settings).length <= 100, 'at most 100 settings');

export const themeCreateSchema = z.object({
  companyId: id,
  name: required(100),
  version: text(20).regex(/^\d+\.\d+\.\d+$/, 'must be a version such as 1.0.0').default('1.0.0'),
  author: text(200).default(''),
  description: text(2000).default(''),
  settings: themeSettingsSchema.default({}),
  /** Make it the shop's active theme (the previous one is deactivated). */
  isActive: z.boolean().default(false),
});
export const themeUpdateSchema = z.object({
  companyId: id,
  themeId: id,
  name: required(100).optional(),
  version: text(20).regex(/^\d+\.\d+\.\d+$/, 'must be a version such as 1.0.0').optional(),
  author: text(200).optional(),
  description: text(2000).optional(),
  settings: themeSettingsSchema.optional(),
  isActive: z.boolean().optional(),
});
export const THEME_SORTS = ['name', 'createdAt', 'updatedAt'] as const;
export const themeListSchema = z.object({ ...listBase, sort: sortOf(THEME_SORTS, 'name') });

const fileNameSchema = required(255).refine(
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
  (name) => !/[/\\\u0000-\u001f]/.test(name),
  'must be a file name without / or \\',
);
const mimeTypeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/, 'must be a MIME type such as application/pdf');

export const fileCreateSchema = z.object({
  companyId: id,
  name: fileNameSchema,
  mimeType: mimeTypeSchema,
  sizeBytes: z.number().int('must be whole bytes').min(0, 'must not be negative').max(1_099_511_627_776, 'must be at most 1 TiB'),
  sha256: z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/, 'must be 64 hex digits').nullable().default(null),
  description: text(2000).default(''),
});
export const fileUpdateSchema = z.object({
  companyId: id,
  fileId: id,
  name: fileNameSchema.optional(),
  mimeType: mimeTypeSchema.optional(),
  sizeBytes: z.number().int().min(0).max(1_099_511_627_776).optional(),
  sha256: z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/, 'must be 64 hex digits').nullable().optional(),
  description: text(2000).optional(),
});
export const FILE_SORTS = ['name', 'size', 'mimeType', 'createdAt'] as const;
export const fileListSchema = z.object({
  ...listBase,
  /** Files whose MIME type starts with this, e.g. "image/". */
  mimeType: z.string().trim().toLowerCase().max(100).optional(),
  sort: sortOf(FILE_SORTS, 'name'),
});

// ---- Date ranges (statistics) ---------------------------------------------------------------------

export const MAX_RANGE_DAYS = 3700;

/** Inclusive days in UTC: from <= to, at most about ten years. */
export function refineDayRange(value: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (!value.from || !value.to || !isDay(value.from) || !isDay(value.to)) return;
  if (value.from > value.to) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: 'must be on or after the start date' });
  else if (daysBetween(value.from, value.to) > MAX_RANGE_DAYS) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: `must be at most ${MAX_RANGE_DAYS.toLocaleString('en-US')} days after the start date` });
  }
}

export const dayRangeSchema = z.object({ from: daySchema, to: daySchema }).superRefine(refineDayRange);

// ---- CSV export ----------------------------------------------------------------------------------

/** An export holds at most this many rows; a larger result asks for a narrower filter. The export's schema is
 * built from the entity table (shop-entities.ts: shopExportSchema). */
export const MAX_EXPORT_ROWS = 200_000;
