// Zod schemas for console inputs. The renderer uses the same schemas for inline validation, so the form
// and the boundary can never disagree about what is valid.
import { z } from 'zod';
import { text } from './text';
import { findCountry } from '../domain/countries';
import { PERMISSIONS } from '../domain/permissions';
import { checkVatId } from '../domain/vat-id';
import { LOGO_LIMITS, fileSizeText } from '../domain/white-label';

/** Base64 of a file a little over the logo limit, so the core can say how large it is. */
const LOGO_BASE64_MAX = Math.ceil((LOGO_LIMITS.maxBytes * 1.4) / 3) * 4;

const id = z.number().int().positive();

export const paymentRouteSchema = z.enum(['direct', 'via_partner'], {
  errorMap: () => ({ message: 'must be direct or via_partner' }),
});

const countrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => findCountry(c) !== undefined, 'is not a supported country code');

export const emailSchema = z.string().trim().toLowerCase().email('is not a valid email address').max(200);

const companyFields = {
  name: text(120).min(1, 'is required'),
  email: z.union([z.literal(''), emailSchema]).default(''),
  phone: text(40).regex(/^[0-9+()/\s.-]*$/, 'may contain only digits, spaces and + ( ) / . -').default(''),
  street: text(200).default(''),
  city: text(100).default(''),
  postalCode: text(20).default(''),
  country: countrySchema,
  vatId: text(30).nullable().default(null),
  token: text(100)
    .regex(/^[A-Za-z0-9._:-]*$/, 'may contain only letters, digits and . _ : -')
    .nullable()
    .default(null),
  isSample: z.boolean().default(false),
  paymentRoute: paymentRouteSchema.default('direct'),
};

function refineVatId(value: { vatId?: string | null; country?: string }, ctx: z.RefinementCtx): void {
  if (!value.vatId || !value.country) return;
  const check = checkVatId(value.vatId, value.country);
  if (!check.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['vatId'], message: check.message });
}

export const companyCreateSchema = z
  .object({
    ...companyFields,
    /** The console records that the partner is not affiliated with the client (spec §1). */
    attestNotAffiliated: z.literal(true, {
      errorMap: () => ({ message: 'must be confirmed: a partner may not be affiliated with its clients' }),
    }),
  })
  .superRefine(refineVatId);
export type CompanyCreateInput = z.input<typeof companyCreateSchema>;

export const companyUpdateSchema = z
  .object({
    companyId: id,
    name: companyFields.name.optional(),
    email: companyFields.email.optional(),
    phone: text(40).regex(/^[0-9+()/\s.-]*$/, 'may contain only digits, spaces and + ( ) / . -').optional(),
    street: text(200).optional(),
    city: text(100).optional(),
    postalCode: text(20).optional(),
    country: countrySchema.optional(),
    vatId: text(30).nullable().optional(),
    token: text(100)
      .regex(/^[A-Za-z0-9._:-]*$/, 'may contain only letters, digits and . _ : -')
      .nullable()
      .optional(),
    isSample: z.boolean().optional(),
    paymentRoute: paymentRouteSchema.optional(),
    adminDomain: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/, 'is not a valid domain name (e.g. admin.example.com)')
      .nullable()
      .optional(),
  })
  .superRefine(refineVatId);
export type CompanyUpdateInput = z.input<typeof companyUpdateSchema>;

/** The largest `limit` of companies.list (a partner has at most some tens of thousands of clients). */
export const COMPANY_LIST_MAX_LIMIT = 100_000;

export const companyListSchema = z.object({
  search: text(200).default(''),
  route: z.enum(['any', 'direct', 'via_partner']).default('any'),
  /** The kind: sample, development (app developers' test companies) or real (neither). */
  sample: z.enum(['any', 'sample', 'development', 'real']).default('any'),
  /** Only the company with exactly this token (the search box also matches tokens, in part). */
  token: text(200).min(1, 'must not be empty').optional(),
  sort: z.enum(['name', 'createdAt', 'country', 'city', 'users']).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  /** At most this many (the first in the sort order); omitted: every match (the companies screen virtualizes). */
  limit: z.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(COMPANY_LIST_MAX_LIMIT, `must be at most ${COMPANY_LIST_MAX_LIMIT}`).optional(),
});
export type CompanyListInput = z.input<typeof companyListSchema>;

export const passwordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(200, 'must be at most 200 characters');

export const userCreateSchema = z.object({
  companyId: id,
  email: emailSchema,
  name: text(120).min(1, 'is required'),
  password: passwordSchema,
  permissions: z.array(z.enum(PERMISSIONS, { errorMap: () => ({ message: `must be one of ${PERMISSIONS.join(', ')}` }) })).default([]),
  isAdmin: z.boolean().default(false),
  sendWelcomeEmail: z.boolean().default(true),
});
export type UserCreateInput = z.input<typeof userCreateSchema>;

export const userUpdateSchema = z.object({
  userId: id,
  name: text(120).min(1, 'is required').optional(),
  permissions: z.array(z.enum(PERMISSIONS)).optional(),
  isAdmin: z.boolean().optional(),
});
export type UserUpdateInput = z.input<typeof userUpdateSchema>;

export const shopSettingsUpdateSchema = z.object({
  companyId: id,
  shopName: text(120).min(1, 'is required').optional(),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code')
    .optional(),
  defaultVatRateBp: z.number().int('must be a whole number of basis points').min(0).max(10000, 'must be between 0 and 10000').optional(),
  storefrontOpen: z.boolean().optional(),
  supportEmail: z.union([z.literal(''), emailSchema]).optional(),
});
export type ShopSettingsUpdateInput = z.input<typeof shopSettingsUpdateSchema>;

export const partnerRequestCreateSchema = z.object({
  companyId: id,
  partnerId: id,
  message: text(1000).default(''),
});

export const partnerSetupSchema = z.object({
  companyName: companyFields.name,
  country: countrySchema,
  userName: text(120).min(1, 'is required'),
  email: emailSchema,
  password: passwordSchema,
});
export type PartnerSetupInput = z.input<typeof partnerSetupSchema>;

/** A logo file for `branding.setLogo`, as base64 (the console's JSON body). The size and the content are checked
 * by the core (core/branding/logo-file.ts); this only bounds what is read. */
export const logoUploadSchema = z.object({
  companyId: id,
  fileName: text(200).default('logo'),
  dataBase64: z
    .string()
    .min(1, 'is empty: choose a file')
    .max(LOGO_BASE64_MAX, `is larger than ${fileSizeText(LOGO_LIMITS.maxBytes)}; a logo may be at most ${fileSizeText(LOGO_LIMITS.maxBytes)}`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64'),
});
export type LogoUploadInput = z.input<typeof logoUploadSchema>;

export { id as idSchema };
