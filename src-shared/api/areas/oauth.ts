// Console methods of the OAuth area: Settings / Developer (where the local platform answers) and each
// company's authorized apps (list, revoke).
import { z } from 'zod';
import { idSchema } from '../inputs';
import { defineSharedArea } from '../area';
import { event } from '../event';
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

/** A company's grant to an app (OAuth consent, App Store installs build on it), or its revocation. */
export interface AuthorizationEvent {
  authorizationId: number;
  appId: number;
  companyId: number;
}

export const oauthEvents = {
  /** A company authorized an app (Company → Authorized apps). */
  'authorization.granted': event<AuthorizationEvent>()('pushed'),
  /** An authorization was revoked, and with it every token issued under it. */
  'authorization.revoked': event<AuthorizationEvent>()('pushed'),
} as const;

export const oauthArea = defineSharedArea({ name: 'oauth', methods: oauthMethods, events: oauthEvents });
