// The OAuth area in the renderer: Settings (appearance, the local platform, hosted compatibility), Settings /
// Developer (where the local platform answers) and the acting company's authorized apps, with the slice behind them.
import { allowIf, defineRendererArea, isPath, refreshLater, routeDef } from '../../area';
import { createOAuthSlice, type OAuthActions, type OAuthState } from '../../state/oauth-slice';

declare module '../../state/store' {
  interface AreaSlices {
    oauth: { state: OAuthState; actions: OAuthActions };
  }
}

export const oauthArea = defineRendererArea({
  name: 'oauth',
  screenModule: () => import('./screens'),
  routes: {
    'company-apps': routeDef({ parse: (p) => (isPath(p, 'company', 'apps') ? {} : null), path: () => '/company/apps' }),
    developer: routeDef({ parse: (p) => (isPath(p, 'settings', 'developer') ? {} : null), path: () => '/settings/developer' }),
    settings: routeDef({ parse: (p) => (isPath(p, 'settings') ? {} : null), path: () => '/settings' }),
  },
  screens: (S) => ({
    'company-apps': () => <S.AuthorizedAppsScreen />,
    developer: () => <S.DeveloperScreen />,
    settings: () => <S.SettingsScreen />,
  }),
  access: {
    'company-apps': (_r, caps) => allowIf(caps.authorizedApps),
  },
  nav: [
    { section: 'company', order: 4, route: { name: 'company-apps' }, icon: 'key', label: 'Authorized apps', testId: 'nav-company-apps', show: (caps) => caps.authorizedApps },
    { section: 'platform', order: 1, route: { name: 'developer' }, icon: 'code', label: 'Developer', testId: 'nav-developer' },
    { section: 'platform', order: 9, route: { name: 'settings' }, icon: 'settings', label: 'Settings', testId: 'nav-settings' },
  ],
  slices: { oauth: createOAuthSlice },
  onEvent(event, store) {
    if (event.name !== 'authorization.granted' && event.name !== 'authorization.revoked') return;
    const { companyId } = event.payload;
    const s = store.getState();
    if (s.oauth.authorizations[companyId]) refreshLater(store, `authorizations:${companyId}`, () => void s.actions.loadAuthorizations(companyId));
  },
});
