// The OAuth area's core: apps' API credentials, companies' grants to apps and the OAuth server's codes and
// tokens (migrations 003, 004 and 010: the refresh-token grace window), the one-time tokens shared by every process
// (023: consent tickets) and the sign-in throttle's records (024), with the authorization, token and tokeninfo
// endpoints.
import { defineCoreArea } from '../area';
import { migration003 } from '../db/migrations/003-apps-and-webhooks';
import { migration004 } from '../db/migrations/004-oauth';
import { migration010 } from '../db/migrations/010-oauth-refresh-grace';
import { migration023 } from '../db/migrations/023-one-time-tokens';
import { migration024 } from '../db/migrations/024-login-throttles';
import { createAppsRepository, type AppsRepository } from '../repositories/apps-repository';
import { createAuthorizationsRepository, type AuthorizationsRepository } from '../repositories/authorizations-repository';
import { createLoginThrottleRepository, type LoginThrottleRepository } from '../repositories/login-throttle-repository';
import { createOAuthRepository, type OAuthRepository } from '../repositories/oauth-repository';
import { createOneTimeTokenRepository, type OneTimeTokenRepository } from '../repositories/one-time-token-repository';
import { authorizeModule } from '../server/oauth/authorize-routes';
import { tokenModule } from '../server/oauth/token-route';
import { tokeninfoModule } from '../server/oauth/tokeninfo-route';
import { createAppsService, type AppsService } from '../services/apps-service';
import { createAuthorizationsService, type AuthorizationsService } from '../services/authorizations-service';
import { createOAuthService, type OAuthService } from '../services/oauth-service';

declare module '../platform' {
  interface PlatformServices {
    /** Apps' API credentials (client id, sealed and hashed shared secret, redirect URIs, scopes). */
    readonly apps: AppsService;
    /** Companies' grants to apps (OAuth consent; App Store installs build on it). */
    readonly authorizations: AuthorizationsService;
    /** The OAuth server's codes and tokens. */
    readonly oauth: OAuthService;
  }
}

declare module '../services/service-context' {
  interface Repositories {
    apps: AppsRepository;
    authorizations: AuthorizationsRepository;
    oauth: OAuthRepository;
    oneTimeTokens: OneTimeTokenRepository;
    loginThrottles: LoginThrottleRepository;
  }
}

export const oauthCore = defineCoreArea({
  name: 'oauth',
  migrations: [migration003, migration004, migration010, migration023, migration024],
  repositories: {
    apps: createAppsRepository,
    authorizations: createAuthorizationsRepository,
    oauth: createOAuthRepository,
    // On the asynchronous data layer (db/data.ts): SQLite here, PostgreSQL on a team server.
    oneTimeTokens: (_db, data) => createOneTimeTokenRepository(data),
    loginThrottles: (_db, data) => createLoginThrottleRepository(data),
  },
  services: {
    apps: ({ ctx, secrets, catalog }) => createAppsService(ctx, secrets, catalog),
    authorizations: ({ ctx, webhooks }) => createAuthorizationsService(ctx, webhooks),
    oauth: ({ ctx }) => createOAuthService(ctx),
  },
  routes: [authorizeModule, tokenModule, tokeninfoModule],
});
