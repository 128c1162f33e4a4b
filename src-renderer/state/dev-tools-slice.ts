// Developer tools: the API request log (paged newest first; pushed events and a slow poll fetch what is newer,
// scrolling fetches what is older; filtered by app, company, outcome and marks) and hosted-compatibility mode.
import type { ApiRequestEntry, ApiStatusFilter, CompatibilityInfo, DemoSnapshot, DemoSnapshots } from '../../src-shared/api/devtools-types';
import { createKeyedLoader } from './keyed-loader';
import { idle, ready, type Loadable } from './loadable';
import { fieldTarget, mutate, patch, type SliceContext } from './slice-context';
import type { SliceParts } from '../area';

export const API_LOG_PAGE = 200;

export interface ApiLogFilter {
  appId: number | null;
  companyId: number | null;
  status: ApiStatusFilter;
  marked: boolean;
}

export const NO_API_FILTER: ApiLogFilter = { appId: null, companyId: null, status: 'all', marked: false };

export interface ApiLogView {
  filter: ApiLogFilter;
  items: ApiRequestEntry[];
  hasMore: boolean;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  loadingOlder: boolean;
}

export interface DevToolsState {
  apiLog: ApiLogView;
  apiApps: Loadable<{ id: number; name: string }[]>;
  compatibility: Loadable<CompatibilityInfo>;
  /** Saved demo states (snapshots of the whole data folder). */
  demoStates: Loadable<DemoSnapshots>;
  /** The Save demo state / Reset demo dialog (from the user menu or the palette). */
  demoDialog: 'save' | 'reset' | null;
}

export interface DevToolsActions {
  loadApiLog(filter: ApiLogFilter): Promise<void>;
  loadOlderApiRequests(): Promise<void>;
  loadNewerApiRequests(): Promise<void>;
  loadApiApps(): Promise<void>;
  loadCompatibility(): Promise<void>;
  setStrict(strict: boolean): Promise<void>;
  /** OAuth chaos on an app's authorization for a company (the toast says what the app will see). */
  runOAuthChaos(action: OAuthChaosAction, appId: number, companyId: number): Promise<void>;
  setDemoDialog(dialog: 'save' | 'reset' | null): void;
  loadDemoStates(): Promise<void>;
  saveDemoState(name: string): Promise<DemoSnapshot>;
  /** Puts the whole folder back to `name`; the console starts again (every window reloads). */
  resetDemo(name: string): Promise<DemoSnapshot>;
}

export type OAuthChaosAction = 'expire-access-token' | 'revoke-refresh-family' | 'replay-rotated-refresh-token';

const emptyView = (filter: ApiLogFilter): ApiLogView => ({ filter, items: [], hasMore: false, status: 'idle', error: null, loadingOlder: false });

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createDevToolsSlice(ctx: SliceContext): SliceParts<DevToolsState, DevToolsActions> {
  const loader = createKeyedLoader();
  const view = () => ctx.get().devTools.apiLog;
  const query = (filter: ApiLogFilter) => ({ appId: filter.appId, companyId: filter.companyId, status: filter.status, marked: filter.marked });

  const actions: DevToolsActions = {
    async loadApiLog(filter) {
      const isNewest = loader.begin('log');
      patch(ctx, 'devTools', (d) => ({
        apiLog: sameFilter(d.apiLog.filter, filter) ? { ...d.apiLog, status: 'loading' as const, error: null } : { ...emptyView(filter), status: 'loading' as const },
      }));
      try {
        const page = await ctx.client.call('apiLog.list', { ...query(filter), limit: API_LOG_PAGE });
        if (isNewest()) patch(ctx, 'devTools', { apiLog: { filter, items: page.items, hasMore: page.hasMore, status: 'ready', error: null, loadingOlder: false } });
      } catch (error) {
        if (isNewest()) patch(ctx, 'devTools', (d) => ({ apiLog: { ...d.apiLog, status: 'error' as const, error: errorText(error) } }));
      }
    },

    async loadOlderApiRequests() {
      const current = view();
      if (current.status !== 'ready' || !current.hasMore || current.loadingOlder || current.items.length === 0) return;
      const stillShown = loader.current('log');
      patch(ctx, 'devTools', (d) => ({ apiLog: { ...d.apiLog, loadingOlder: true } }));
      try {
        const page = await ctx.client.call('apiLog.list', { ...query(current.filter), beforeId: current.items[current.items.length - 1].id, limit: API_LOG_PAGE });
        if (stillShown()) patch(ctx, 'devTools', (d) => ({ apiLog: { ...d.apiLog, items: [...d.apiLog.items, ...page.items], hasMore: page.hasMore, loadingOlder: false } }));
      } catch (error) {
        if (stillShown()) patch(ctx, 'devTools', (d) => ({ apiLog: { ...d.apiLog, loadingOlder: false, error: errorText(error) } }));
      }
    },

    async loadNewerApiRequests() {
      const current = view();
      if (current.status !== 'ready') return;
      if (current.items.length === 0) return actions.loadApiLog(current.filter);
      const stillShown = loader.current('log');
      try {
        const page = await ctx.client.call('apiLog.list', { ...query(current.filter), afterId: current.items[0].id, limit: API_LOG_PAGE });
        if (!stillShown()) return;
        // A burst bigger than a page reloads the first page instead of leaving a gap.
        if (page.hasMore) return actions.loadApiLog(current.filter);
        // afterId answers oldest first.
        if (page.items.length > 0) patch(ctx, 'devTools', (d) => ({ apiLog: { ...d.apiLog, items: [...[...page.items].reverse(), ...d.apiLog.items] } }));
      } catch {
        // The next notice or poll tries again.
      }
    },

    loadApiApps: () => loader.load('apps', fieldTarget(ctx, 'devTools', 'apiApps'), () => ctx.client.call('apiLog.apps', {})),

    loadCompatibility: () => loader.load('compatibility', fieldTarget(ctx, 'devTools', 'compatibility'), () => ctx.client.call('compatibility.get', {})),

    async runOAuthChaos(action, appId, companyId) {
      await mutate(ctx, () => ctx.client.call('oauthChaos.run', { action, appId, companyId }), (r) => `Done. The app: ${r.effect}`);
    },

    setDemoDialog(dialog) {
      patch(ctx, 'devTools', { demoDialog: dialog });
    },

    loadDemoStates: () => loader.load('demo-states', fieldTarget(ctx, 'devTools', 'demoStates'), () => ctx.client.call('demoState.list', {})),

    async saveDemoState(name) {
      const saved = await mutate(ctx, () => ctx.client.call('demoState.save', { name }), (s) => `Saved the demo state "${s.name}"`);
      void actions.loadDemoStates();
      return saved;
    },

    resetDemo: (name) => mutate(ctx, () => ctx.client.call('demoState.reset', { name })),

    async setStrict(strict) {
      const info = await mutate(
        ctx,
        () => ctx.client.call('compatibility.set', { strict }),
        (i) => (i.strict ? 'Hosted-compatibility mode is on: local-only conveniences are refused' : 'Hosted-compatibility mode is off: local-only conveniences are served and marked'),
      );
      patch(ctx, 'devTools', { compatibility: ready(info) });
    },
  };

  const initial: DevToolsState = { apiLog: emptyView(NO_API_FILTER), apiApps: idle(), compatibility: idle(), demoStates: idle(), demoDialog: null };
  // Hosted-compatibility mode and the demo states are the platform's, not the acting company's: they stay across a switch.
  return { state: initial, actions, forActing: (current) => ({ ...initial, compatibility: current.compatibility, demoStates: current.demoStates, demoDialog: current.demoDialog }) };
}

function sameFilter(a: ApiLogFilter, b: ApiLogFilter): boolean {
  return a.appId === b.appId && a.companyId === b.companyId && a.status === b.status && a.marked === b.marked;
}
