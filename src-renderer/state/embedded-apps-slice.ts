// Extensions / Manage Apps: the apps of each company, opening one embedded (a native view in the desktop app, a
// sandboxed wrapper frame in a browser tab), the native view's place on screen, and the embed checker.
import type { EmbedBounds, EmbedCheckCandidates, EmbedCheckReport, EmbedOpenResult, ManagedApp } from '../../src-shared/api/embedded-app-types';
import type { EmbedCheckVariant } from '../../src-shared/domain/embedded-apps';
import { createKeyedLoader } from './keyed-loader';
import { idle, type Loadable } from './loadable';
import { entryTarget, fieldTarget, type SliceContext } from './slice-context';
import type { SliceParts } from '../area';

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

export function createEmbeddedAppsSlice(ctx: SliceContext): SliceParts<EmbeddedAppsState, EmbeddedAppsActions> {
  const loader = createKeyedLoader();

  const actions: EmbeddedAppsActions = {
    loadManagedApps: (companyId) =>
      loader.load(`apps:${companyId}`, entryTarget(ctx, 'embeddedApps', 'lists', companyId), () => ctx.client.call('embeddedApps.list', { companyId })),

    openEmbeddedApp: ({ appId, companyId, slot, bounds, check = null }) => ctx.client.call('embeddedApps.open', { appId, companyId, slot, bounds, check }),

    async setEmbedBounds(slot, bounds) {
      await ctx.client.call('embeddedApps.setBounds', { slot, bounds });
    },

    async closeEmbeddedApp(slot) {
      await ctx.client.call('embeddedApps.close', { slot });
    },

    loadCheckCandidates: () => loader.load('candidates', fieldTarget(ctx, 'embeddedApps', 'candidates'), () => ctx.client.call('embeddedApps.checkCandidates', {})),

    // A new check replaces the old report (no stale verdicts next to a spinner).
    runEmbedCheck: (input) =>
      loader.load(`report:${input.appId}`, entryTarget(ctx, 'embeddedApps', 'reports', input.appId), () => ctx.client.call('embeddedApps.check', input), { fresh: true }),
  };

  const initial: EmbeddedAppsState = { lists: {}, candidates: idle(), reports: {} };
  // The lists are per company (keyed by id) and stay across a switch.
  return { state: initial, actions, forActing: (current) => ({ ...initial, lists: current.lists }) };
}
