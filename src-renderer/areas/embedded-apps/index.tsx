// The embedded-apps area in the renderer: Extensions / Manage Apps, one app embedded under the console and the
// embed checker, with the slice behind them; installs and authorizations change the list.
import { allowIf, defineRendererArea, isPath, positiveInt, refreshLater, routeDef } from '../../area';
import { createEmbeddedAppsSlice, type EmbeddedAppsActions, type EmbeddedAppsState } from '../../state/embedded-apps-slice';
import { isAppListEvent } from '../app-store/app-events';

declare module '../../state/store' {
  interface AreaSlices {
    embeddedApps: { state: EmbeddedAppsState; actions: EmbeddedAppsActions };
  }
}

/** `apps/12` and `apps/12/check`: the app's id, when the rest of the path is `rest`. */
function appId(parts: readonly string[], ...rest: string[]): { appId: number } | null {
  const id = positiveInt(parts[1]);
  return parts[0] === 'apps' && id !== null && parts.length === 2 + rest.length && rest.every((r, i) => parts[2 + i] === r) ? { appId: id } : null;
}

export const embeddedAppsArea = defineRendererArea({
  name: 'embeddedApps',
  screenModule: () => import('./screens'),
  routes: {
    apps: routeDef({ parse: (p) => (isPath(p, 'apps') ? {} : null), path: () => '/apps' }),
    app: routeDef<{ appId: number }>({ parse: (p) => appId(p), path: (r) => `/apps/${r.appId}` }),
    'app-check': routeDef<{ appId: number }>({ parse: (p) => appId(p, 'check'), path: (r) => `/apps/${r.appId}/check` }),
  },
  screens: (S) => ({
    apps: () => <S.ManageAppsScreen />,
    app: (r) => <S.EmbeddedAppScreen key={r.appId} appId={r.appId} />,
    'app-check': (r) => <S.EmbedCheckerScreen key={r.appId} appId={r.appId} />,
  }),
  access: {
    apps: (_r, caps) => allowIf(caps.manageApps),
    app: (_r, caps) => allowIf(caps.manageApps),
    'app-check': (_r, caps) => allowIf(caps.manageApps),
  },
  nav: [
    { section: 'extensions', order: 0, route: { name: 'apps' }, icon: 'puzzle', label: 'Manage Apps', testId: 'nav-manage-apps', show: (caps) => caps.manageApps, activeFor: () => true },
  ],
  slices: { embeddedApps: createEmbeddedAppsSlice },
  onEvent(event, store) {
    // An authorized app is an installed app under Manage Apps; a store install or uninstall changes the list too.
    if (!isAppListEvent(event)) return;
    const { companyId } = event.payload;
    const s = store.getState();
    if (s.embeddedApps.lists[companyId]) refreshLater(store, `managed-apps:${companyId}`, () => void s.actions.loadManagedApps(companyId));
  },
});
