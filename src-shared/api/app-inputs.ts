// Zod schemas for registering an app's API credentials (spec §3/§6): name, redirect URIs, scopes, the
// optional authorization URL (one of the redirect URIs), start URL and developer email. The CLI uses them
// today; the console's app screens (App Store issue) use the same ones for inline validation.
import { z } from 'zod';
import { OAUTH_SCOPES } from '../domain/oauth-scopes';
import { checkAppUrl } from '../domain/redirect-uri';

const appUrl = z.string().trim().superRefine((value, ctx) => {
  const check = checkAppUrl(value);
  if (!check.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: check.problem });
});

export const appCreateSchema = z
  .object({
    companyId: z.number().int().positive(),
    name: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
    redirectUris: z
      .array(appUrl)
      .min(1, 'needs at least one redirect URI')
      .max(20, 'may list at most 20 redirect URIs')
      .refine((uris) => new Set(uris).size === uris.length, 'lists the same URI twice'),
    scopes: z
      .array(z.enum(OAUTH_SCOPES, { errorMap: () => ({ message: `must be one of ${OAUTH_SCOPES.join(', ')}` }) }))
      .min(1, `needs at least one scope (${OAUTH_SCOPES.join(', ')})`),
    authorizationUrl: appUrl.nullable().default(null),
    startUrl: appUrl.nullable().default(null),
    developerEmail: z.union([z.literal(''), z.string().trim().toLowerCase().email('is not a valid email address').max(200)]).default(''),
  })
  .superRefine((value, ctx) => {
    if (value.authorizationUrl !== null && !value.redirectUris.includes(value.authorizationUrl)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['authorizationUrl'], message: 'must be identical to one of the redirect URIs' });
    }
  });
export type AppCreateInput = z.input<typeof appCreateSchema>;
