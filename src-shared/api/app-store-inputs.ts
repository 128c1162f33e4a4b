// Zod schemas of the App Store area (spec §6): a developer's listing (an app or theme product with its sales
// fields and API credentials), approval requests and the operator's decisions, browsing, installing and
// uninstalling. The console checks inputs with them at its boundary and the forms validate with the very same
// schemas; the services re-check the merged listing with `listingFieldProblems`.
import { z } from 'zod';
import { text } from './text';
import { APPROVED_VISIBILITIES, LISTING_KINDS, type ListingKind } from '../domain/app-store';
import { OAUTH_SCOPES } from '../domain/oauth-scopes';
import {
  AUTHORIZATION_URL_PROBLEM,
  appNameSchema,
  appUrlSchema,
  developerEmailSchema,
  redirectUriListSchema,
  scopeListSchema,
} from './app-inputs';
import { idSchema as id } from './inputs';
import { currencySchema, moneySchema, vatRateSchema } from './shop-inputs';


export const listingKindSchema = z.enum(LISTING_KINDS, { errorMap: () => ({ message: `must be one of ${LISTING_KINDS.join(', ')}` }) });
export const approvedVisibilitySchema = z.enum(APPROVED_VISIBILITIES, { errorMap: () => ({ message: 'must be beta or release' }) });

/** The credentials part of a listing, as the rules see it after a create or a merged update. */
export interface ListingCredentials {
  kind: ListingKind;
  redirectUris: string[];
  scopes: string[];
  authorizationUrl: string | null;
  startUrl: string | null;
  themeId: number | null;
}

/**
 * Field problems of a listing's credentials by kind. Apps: at least one redirect URI and one permission, the
 * Authorization URL identical to one redirect URI. Themes have no OAuth (no client credentials, redirect URIs,
 * permissions or start URL): they name the developer's own theme that installs copy.
 */
export function listingFieldProblems(value: ListingCredentials): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  if (value.kind === 'app') {
    if (value.redirectUris.length === 0) problems.redirectUris = ['needs at least one redirect URI'];
    if (value.scopes.length === 0) problems.scopes = [`needs at least one permission (${OAUTH_SCOPES.join(', ')})`];
    if (value.authorizationUrl !== null && !value.redirectUris.includes(value.authorizationUrl)) problems.authorizationUrl = [AUTHORIZATION_URL_PROBLEM];
    if (value.themeId !== null) problems.themeId = ['applies to themes only'];
  } else {
    if (value.themeId === null) problems.themeId = ['is required: choose the theme of your shop that buyers receive'];
    const appOnly = 'applies to apps only (themes have no OAuth)';
    if (value.redirectUris.length > 0) problems.redirectUris = [appOnly];
    if (value.scopes.length > 0) problems.scopes = [appOnly];
    if (value.authorizationUrl !== null) problems.authorizationUrl = [appOnly];
    if (value.startUrl !== null) problems.startUrl = [appOnly];
  }
  return problems;
}

function refineListing(value: Partial<ListingCredentials> & { kind: ListingKind }, ctx: z.RefinementCtx): void {
  const problems = listingFieldProblems({
    kind: value.kind,
    redirectUris: value.redirectUris ?? [],
    scopes: value.scopes ?? [],
    authorizationUrl: value.authorizationUrl ?? null,
    startUrl: value.startUrl ?? null,
    themeId: value.themeId ?? null,
  });
  for (const [path, messages] of Object.entries(problems)) for (const message of messages) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
}

const listingFields = {
  name: appNameSchema,
  description: text(5000),
  priceMinor: moneySchema,
  currency: currencySchema,
  vatRateBp: vatRateSchema,
  isActive: z.boolean(),
  redirectUris: redirectUriListSchema,
  scopes: scopeListSchema,
  authorizationUrl: appUrlSchema.nullable(),
  startUrl: appUrlSchema.nullable(),
  developerEmail: developerEmailSchema,
  themeId: id.nullable(),
};

/** A new listing in the developer's shop: the product (sales fields) and its credentials. */
export const listingCreateSchema = z
  .object({
    companyId: id,
    kind: listingKindSchema,
    name: listingFields.name,
    description: listingFields.description.default(''),
    priceMinor: listingFields.priceMinor,
    /** Default: the shop's currency. */
    currency: listingFields.currency.optional(),
    /** Default: the shop's default VAT rate. */
    vatRateBp: listingFields.vatRateBp.optional(),
    isActive: listingFields.isActive.default(true),
    redirectUris: listingFields.redirectUris.default([]),
    scopes: listingFields.scopes.default([]),
    authorizationUrl: listingFields.authorizationUrl.default(null),
    startUrl: listingFields.startUrl.default(null),
    developerEmail: listingFields.developerEmail.default(''),
    themeId: listingFields.themeId.default(null),
  })
  .superRefine(refineListing);
export type ListingCreateInput = z.input<typeof listingCreateSchema>;

/** Changing a listing; omitted fields stay. The kind never changes. */
export const listingUpdateSchema = z
  .object({
    companyId: id,
    appId: id,
    name: listingFields.name.optional(),
    description: listingFields.description.optional(),
    priceMinor: listingFields.priceMinor.optional(),
    currency: listingFields.currency.optional(),
    vatRateBp: listingFields.vatRateBp.optional(),
    isActive: listingFields.isActive.optional(),
    redirectUris: listingFields.redirectUris.optional(),
    scopes: listingFields.scopes.optional(),
    authorizationUrl: listingFields.authorizationUrl.optional(),
    startUrl: listingFields.startUrl.optional(),
    developerEmail: listingFields.developerEmail.optional(),
    themeId: listingFields.themeId.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.authorizationUrl != null && value.redirectUris && !value.redirectUris.includes(value.authorizationUrl)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['authorizationUrl'], message: AUTHORIZATION_URL_PROBLEM });
    }
  });
export type ListingUpdateInput = z.input<typeof listingUpdateSchema>;

/** One of the acting company's own listings. */
export const myAppRefSchema = z.object({ companyId: id, appId: id });

/** The longest grace period of a secret rotation (Svix and Stripe offer up to a week too). */
export const MAX_SECRET_GRACE_SECONDS = 7 * 86_400;

/** Rotating a shared secret: `graceSeconds` keeps the old secret valid that long beside the new one (0: it stops at once). */
export const rotateSecretSchema = myAppRefSchema.extend({
  graceSeconds: z
    .number({ message: 'the grace period must be a number of seconds' })
    .int('the grace period must be whole seconds')
    .min(0, 'the grace period cannot be negative')
    .max(MAX_SECRET_GRACE_SECONDS, 'the grace period can be at most 7 days')
    .default(0),
});

export const approvalRequestSchema = z.object({
  companyId: id,
  appId: id,
  /** A note for the operator ("what changed since the rejection"). */
  message: text(1000).default(''),
});

export const developerVisibilitySchema = z.object({ companyId: id, appId: id, visibility: approvedVisibilitySchema });

export const operatorApproveSchema = z.object({ appId: id, visibility: approvedVisibilitySchema, note: text(1000).default('') });
export const operatorRejectSchema = z.object({ appId: id, reason: text(1000).min(1, 'is required: tell the developer what to change') });
export const operatorVisibilitySchema = z.object({ appId: id, visibility: approvedVisibilitySchema });
export const operatorListSchema = z.object({ filter: z.enum(['pending', 'all']).default('all') });

export const storeBrowseSchema = z.object({
  /** The company whose view of the store this is (the acting company). */
  companyId: id,
  search: text(200).default(''),
  kind: z.enum(['any', ...LISTING_KINDS]).default('any'),
});

export const storeListingSchema = z.object({ companyId: id, appId: id });

/** Installing (or uninstalling) a listing for a company: the acting company, or one of a partner's clients. */
export const installSchema = z.object({ appId: id, companyId: id });

export const installedListSchema = z.object({
  /** One company; omitted: every company the console reaches (as Self: the partner's clients). */
  companyId: id.optional(),
});
