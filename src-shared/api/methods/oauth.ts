// Console methods of the OAuth area: Settings / Developer (where the local platform answers) and each
// company's authorized apps (list, revoke).
import { z } from 'zod';
import { idSchema } from '../inputs';
import { method } from '../method';
import type { AuthorizedApp, DeveloperInfo } from '../oauth-types';

export const oauthMethods = {
  'developer.info': method<DeveloperInfo>()(z.object({}).strict(), 'The local platform URL, its OAuth and REST endpoints, and the docs'),
  'authorizations.list': method<AuthorizedApp[]>()(z.object({ companyId: idSchema }), 'Apps a company has authorized, with their scopes'),
  'authorizations.revoke': method<AuthorizedApp>()(
    z.object({ authorizationId: idSchema }),
    "Revoke an app's authorization and every token issued under it",
  ),
} as const;
