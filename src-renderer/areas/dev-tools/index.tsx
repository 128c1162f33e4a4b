// The developer-tools area in the renderer: the API request log (/admin, /token, /api/tokeninfo) with the
// hosted-compatibility switch, and the slice behind it; logged requests and the switch keep it live.
import { allowIf, defineRendererArea, isPath, refreshLater, routeDef } from '../../area';
import { createDevToolsSlice, type DevToolsActions, type DevToolsState } from '../../state/dev-tools-slice';
import { restartAfterReset } from '../../frame/demo-state-dialog';

declare module '../../state/store' {
  interface AreaSlices {
    devTools: { state: DevToolsState; actions: DevToolsActions };
  }
}

export const devToolsArea = defineRendererArea({
  name: 'devTools',
  screenModule: () => import('./screens'),
  routes: {
    /** The API request log and hosted-compatibility mode. */
    'api-log': routeDef({ parse: (p) => (isPath(p, 'api-requests') ? {} : null), path: () => '/api-requests' }),
  },
  screens: (S) => ({
    'api-log': () => <S.ApiLogScreen />,
  }),
  access: {
    'api-log': (_r, caps) => allowIf(caps.webhooks),
  },
  nav: [{ section: 'platform', order: 3, route: { name: 'api-log' }, icon: 'route', label: 'API requests', testId: 'nav-api-log', show: (caps) => caps.webhooks }],
  slices: { devTools: createDevToolsSlice },
  onEvent(event, store) {
    const s = store.getState();
    switch (event.name) {
      case 'api_requests.logged':
        if (s.devTools.apiLog.status === 'ready') refreshLater(store, 'api-log', () => void s.actions.loadNewerApiRequests());
        return;
      case 'demo_state.restored':
        // The whole folder went back to a saved state: this window's session belonged to the console before it.
        restartAfterReset();
        return;
      case 'compatibility.changed':
        if (s.devTools.compatibility.status !== 'idle') refreshLater(store, 'compatibility', () => void s.actions.loadCompatibility());
        return;
    }
  },
});
