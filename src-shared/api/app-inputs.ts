// Zod schemas for registering an app's API credentials (spec §3/§6): name, redirect URIs, scopes, the
// optional authorization URL (one of the redirect URIs), start URL and developer email. The CLI's
// `app create` uses appCreateSchema; the App Store's listing forms (app-store-inputs.ts) are built from the
// same pieces, so the console, the CLI and the services agree on every rule.
import { z } from 'zod';
import { required } from './text';
import { OAUTH_SCOPES } from '../domain/oauth-scopes';
import { checkAppUrl } from '../domain/redirect-uri';

export const appUrlSchema = z.string().trim().superRefine((value, ctx) => {
  const check = checkAppUrl(value);
  if (!check.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: check.problem });
});

export const appNameSchema = required(120);

/** Redirect URIs without the "at least one" rule (a theme listing has none). */
export const redirectUriListSchema = z
  .array(appUrlSchema)
  .max(20, 'may list at most 20 redirect URIs')
  .refine((uris) => new Set(uris).size === uris.length, 'lists the same URI twice');

export const scopeListSchema = z.array(z.enum(OAUTH_SCOPES, { errorMap: () => ({ message: `must be one of ${OAUTH_SCOPES.join(', ')}` }) }));

export const developerEmailSchema = z.union([z.literal(''), z.string().trim().toLowerCase().email('is not a valid email address').max(200)]);

export const AUTHORIZATION_URL_PROBLEM = 'must be identical to one of the redirect URIs';

/** Spec §6: the Authorization URL must be identical to one of the redirect URIs. */
export function refineAuthorizationUrl(value: { authorizationUrl?: string | null; redirectUris?: string[] }, ctx: z.RefinementCtx): void {
  if (value.authorizationUrl != null && value.redirectUris && !value.redirectUris.includes(value.authorizationUrl)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['authorizationUrl'], message: AUTHORIZATION_URL_PROBLEM });
  }
}

export const appCreateSchema = z
  .object({
    companyId: z.number().int().positive(),
    name: appNameSchema,
    redirectUris: redirectUriListSchema.pipe(z.array(z.string()).min(1, 'needs at least one redirect URI')),
    scopes: scopeListSchema.min(1, `needs at least one scope (${OAUTH_SCOPES.join(', ')})`),
    authorizationUrl: appUrlSchema.nullable().default(null),
    startUrl: appUrlSchema.nullable().default(null),
    developerEmail: developerEmailSchema.default(''),
  })
  .superRefine(refineAuthorizationUrl);
export type AppCreateInput = z.input<typeof appCreateSchema>;
