// Settings / Developer (where the local platform answers) and each company's authorized apps.
import type { AuthorizedApp, DeveloperInfo } from '../../src-shared/api/oauth-types';
import { failed, idle, loading, ready, type Loadable } from './loadable';
import { mutate, patch, type SliceContext } from './slice-context';

export interface OAuthState {
  developer: Loadable<DeveloperInfo>;
  authorizations: Record<number, Loadable<AuthorizedApp[]>>;
}

export interface OAuthActions {
  loadDeveloperInfo(): Promise<void>;
  loadAuthorizations(companyId: number): Promise<void>;
  revokeAuthorization(app: AuthorizedApp): Promise<void>;
}

export function createOAuthSlice(ctx: SliceContext): { state: OAuthState; actions: OAuthActions } {
  let developerSeq = 0;
  const seqs = new Map<number, number>();

  function setList(companyId: number, update: (prev: Loadable<AuthorizedApp[]> | undefined) => Loadable<AuthorizedApp[]>): void {
    patch(ctx, 'oauth', (s) => ({ authorizations: { ...s.authorizations, [companyId]: update(s.authorizations[companyId]) } }));
  }

  const actions: OAuthActions = {
    async loadDeveloperInfo() {
      const mine = ++developerSeq;
      patch(ctx, 'oauth', (s) => ({ developer: loading(s.developer) }));
      try {
        const info = await ctx.client.call('developer.info', {});
        if (mine === developerSeq) patch(ctx, 'oauth', { developer: ready(info) });
      } catch (error) {
        if (mine === developerSeq) patch(ctx, 'oauth', (s) => ({ developer: failed(s.developer, error) }));
      }
    },

    async loadAuthorizations(companyId) {
      const seq = (seqs.get(companyId) ?? 0) + 1;
      seqs.set(companyId, seq);
      setList(companyId, (prev) => loading(prev));
      try {
        const list = await ctx.client.call('authorizations.list', { companyId });
        if (seqs.get(companyId) === seq) setList(companyId, () => ready(list));
      } catch (error) {
        if (seqs.get(companyId) === seq) setList(companyId, (prev) => failed(prev, error));
      }
    },

    async revokeAuthorization(app) {
      await mutate(ctx, () => ctx.client.call('authorizations.revoke', { authorizationId: app.id }), `${app.appName} can no longer reach ${app.companyName}`);
      setList(app.companyId, (prev) => ready((prev?.data ?? []).filter((a) => a.id !== app.id)));
    },
  };

  return { state: { developer: idle(), authorizations: {} }, actions };
}
