// Extensions / Manage Apps: the apps of each company, opening one embedded (a native view in the desktop app, a
// sandboxed wrapper frame in a browser tab), the native view's place on screen, and the embed checker.
import type { EmbedBounds, EmbedCheckCandidates, EmbedCheckReport, EmbedOpenResult, ManagedApp } from '../../src-shared/api/embedded-app-types';
import type { EmbedCheckVariant } from '../../src-shared/domain/embedded-apps';
import { failed, idle, loading, ready, type Loadable } from './loadable';
import { patch, type SliceContext } from './slice-context';

export interface EmbedCheckChoice {
  userId: number;
  variant: EmbedCheckVariant;
  otherCompanyId: number | null;
}

export interface EmbeddedAppsState {
  /** Manage Apps per company id. */
  lists: Record<number, Loadable<ManagedApp[]>>;
  candidates: Loadable<EmbedCheckCandidates>;
  /** The last checker report per app id. */
  reports: Record<number, Loadable<EmbedCheckReport>>;
}

export interface EmbeddedAppsActions {
  loadManagedApps(companyId: number): Promise<void>;
  /** Shows an app in `slot` (see EmbedOpenResult); a checker variant when `check` is given. */
  openEmbeddedApp(input: { appId: number; companyId: number; slot: string; bounds: EmbedBounds | null; check?: EmbedCheckChoice | null }): Promise<EmbedOpenResult>;
  setEmbedBounds(slot: string, bounds: EmbedBounds | null): Promise<void>;
  closeEmbeddedApp(slot: string | null): Promise<void>;
  loadCheckCandidates(): Promise<void>;
  runEmbedCheck(input: { appId: number; companyId: number; userId: number; otherCompanyId: number | null }): Promise<void>;
}

export function createEmbeddedAppsSlice(ctx: SliceContext): { state: EmbeddedAppsState; actions: EmbeddedAppsActions } {
  const listSeqs = new Map<number, number>();
  const reportSeqs = new Map<number, number>();
  let candidatesSeq = 0;

  const setList = (companyId: number, update: (prev: Loadable<ManagedApp[]> | undefined) => Loadable<ManagedApp[]>) =>
    patch(ctx, 'embeddedApps', (s) => ({ lists: { ...s.lists, [companyId]: update(s.lists[companyId]) } }));
  const setReport = (appId: number, update: (prev: Loadable<EmbedCheckReport> | undefined) => Loadable<EmbedCheckReport>) =>
    patch(ctx, 'embeddedApps', (s) => ({ reports: { ...s.reports, [appId]: update(s.reports[appId]) } }));

  const actions: EmbeddedAppsActions = {
    async loadManagedApps(companyId) {
      const seq = (listSeqs.get(companyId) ?? 0) + 1;
      listSeqs.set(companyId, seq);
      setList(companyId, (prev) => loading(prev));
      try {
        const list = await ctx.client.call('embeddedApps.list', { companyId });
        if (listSeqs.get(companyId) === seq) setList(companyId, () => ready(list));
      } catch (error) {
        if (listSeqs.get(companyId) === seq) setList(companyId, (prev) => failed(prev, error));
      }
    },

    openEmbeddedApp: ({ appId, companyId, slot, bounds, check = null }) => ctx.client.call('embeddedApps.open', { appId, companyId, slot, bounds, check }),

    async setEmbedBounds(slot, bounds) {
      await ctx.client.call('embeddedApps.setBounds', { slot, bounds });
    },

    async closeEmbeddedApp(slot) {
      await ctx.client.call('embeddedApps.close', { slot });
    },

    async loadCheckCandidates() {
      const mine = ++candidatesSeq;
      patch(ctx, 'embeddedApps', (s) => ({ candidates: loading(s.candidates) }));
      try {
        const candidates = await ctx.client.call('embeddedApps.checkCandidates', {});
        if (mine === candidatesSeq) patch(ctx, 'embeddedApps', { candidates: ready(candidates) });
      } catch (error) {
        if (mine === candidatesSeq) patch(ctx, 'embeddedApps', (s) => ({ candidates: failed(s.candidates, error) }));
      }
    },

    async runEmbedCheck(input) {
      const seq = (reportSeqs.get(input.appId) ?? 0) + 1;
      reportSeqs.set(input.appId, seq);
      // A new check replaces the old report (no stale verdicts next to a spinner).
      setReport(input.appId, () => ({ ...idle<EmbedCheckReport>(), status: 'loading' }));
      try {
        const report = await ctx.client.call('embeddedApps.check', input);
        if (reportSeqs.get(input.appId) === seq) setReport(input.appId, () => ready(report));
      } catch (error) {
        if (reportSeqs.get(input.appId) === seq) setReport(input.appId, () => failed(undefined, error));
      }
    },
  };

  return { state: { lists: {}, candidates: idle(), reports: {} }, actions };
}
