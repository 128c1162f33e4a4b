// Settings / Developer (where the local platform answers) and each company's authorized apps.
import type { AuthorizedApp, DeveloperInfo } from '../../src-shared/api/oauth-types';
import { createKeyedLoader } from './keyed-loader';
import { idle, ready, type Loadable } from './loadable';
import { entryTarget, fieldTarget, mutate, type SliceContext } from './slice-context';
import type { SliceParts } from '../area';

export interface OAuthState {
  developer: Loadable<DeveloperInfo>;
  authorizations: Record<number, Loadable<AuthorizedApp[]>>;
}

export interface OAuthActions {
  loadDeveloperInfo(): Promise<void>;
  loadAuthorizations(companyId: number): Promise<void>;
  revokeAuthorization(app: AuthorizedApp): Promise<void>;
}

export function createOAuthSlice(ctx: SliceContext): SliceParts<OAuthState, OAuthActions> {
  const loader = createKeyedLoader();

  const actions: OAuthActions = {
    loadDeveloperInfo: () => loader.load('developer', fieldTarget(ctx, 'oauth', 'developer'), () => ctx.client.call('developer.info', {})),

    loadAuthorizations: (companyId) =>
      loader.load(`authorizations:${companyId}`, entryTarget(ctx, 'oauth', 'authorizations', companyId), () => ctx.client.call('authorizations.list', { companyId })),

    async revokeAuthorization(app) {
      await mutate(ctx, () => ctx.client.call('authorizations.revoke', { authorizationId: app.id }), `${app.appName} can no longer reach ${app.companyName}`);
      entryTarget(ctx, 'oauth', 'authorizations', app.companyId).update((prev) => ready((prev?.data ?? []).filter((a) => a.id !== app.id)));
    },
  };

  return { state: { developer: idle(), authorizations: {} }, actions };
}
