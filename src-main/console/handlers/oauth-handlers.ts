// Console methods of the OAuth area: Settings / Developer (the local platform's URL, endpoints and docs)
// and a company's authorized apps (list; revoke, which also revokes every token issued under it). Acting as
// a client, the console reaches that client's authorizations only.
import { OAUTH_SCOPE_LABELS, OAUTH_SCOPES } from '../../../src-shared/domain/oauth-scopes';
import { OAUTH_LIFETIMES } from '../../core/services/oauth-service';
import type { ConsoleContext, Handlers } from '../console-context';

type OAuthMethods = 'developer.info' | 'authorizations.list' | 'authorizations.revoke';

export function oauthHandlers(ctx: ConsoleContext): Pick<Handlers, OAuthMethods> {
  const { platform, options } = ctx;
  return {
    'developer.info': () => {
      const base = options.platformUrl ?? null;
      const at = (path: string) => (base ? `${base}${path}` : path);
      return {
        platformUrl: base,
        endpoints: [
          { name: 'Authorize', method: 'GET', url: at('/oauth2/authorize'), description: 'The sign-in and consent prompt (authorization code grant, PKCE S256)' },
          { name: 'Token', method: 'POST', url: at('/token'), description: 'grant_type=authorization_code or refresh_token; client secret in the body or HTTP Basic' },
          { name: 'Tokeninfo', method: 'GET', url: at('/api/tokeninfo'), description: '?access_token=… — who the token is for, its scopes and seconds left' },
          { name: 'REST API', method: 'GET/POST/PUT/DELETE', url: at('/admin/'), description: '/admin/<resource>.json with Authorization: Bearer <token>' },
        ],
        docsUrl: base ? `${base}/docs/platform-api.md` : null,
        scopes: OAUTH_SCOPES.map((scope) => ({ scope, label: OAUTH_SCOPE_LABELS[scope] })),
        dataDir: platform.dataDir,
        lifetimes: { accessTokenSeconds: OAUTH_LIFETIMES.accessTokenSeconds, codeSeconds: OAUTH_LIFETIMES.codeSeconds },
      };
    },

    'authorizations.list': ({ companyId }) => {
      ctx.requireInScope(companyId);
      return platform.authorizations.listForCompany(ctx.actor(), companyId);
    },

    'authorizations.revoke': ({ authorizationId }) => {
      const companyId = platform.authorizations.companyOf(ctx.actor(), authorizationId);
      if (companyId !== undefined) ctx.requireInScope(companyId);
      return platform.authorizations.revoke(ctx.actor(), authorizationId);
    },
  };
}
