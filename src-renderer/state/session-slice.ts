// Who is signed in, which company the console acts as, the company selector's entries, the local users
// one can sign in as, and facts about the app. Switching company or user resets acting-dependent data.
import type { PartnerSetupInput } from '../../src-shared/api/inputs';
import type { AppInfo, SessionInfo, SignInCandidate, SwitcherEntry } from '../../src-shared/api/types';
import type { ConnectionState } from '../api/console-client';
import { ApiError } from '../../src-shared/api/errors';
import { joinHash } from '../../src-shared/api/acting-address';
import { createKeyedLoader } from './keyed-loader';
import { idle, messageOf, type Loadable } from './loadable';
import { fieldTarget, mutate, patch, type SliceContext } from './slice-context';

export interface SessionState {
  status: 'loading' | 'ready' | 'error';
  info: SessionInfo | null;
  error: string | null;
  switcher: Loadable<SwitcherEntry[]>;
  candidates: Loadable<SignInCandidate[]>;
  appInfo: AppInfo | null;
  /** When appInfo was read (Date.now()), so the platform's clock can be followed from its reading. */
  appInfoAt: number | null;
  /** The company a switch is under way to ('self' for Self), for a busy indicator. */
  switchingTo: number | 'self' | null;
  connection: ConnectionState;
}

export interface SessionActions {
  loadSession(): Promise<void>;
  /** Takes a new SessionInfo (from a call or a pushed event) and refreshes what depends on it. */
  applySession(info: SessionInfo): void;
  /**
   * Acts as another company. `prepare` loads what the destination shows before the new company is put on
   * screen (the previous screen stays, dimmed, meanwhile: no blank screen); `beforeApply` runs right before
   * (e.g. setting the route), so the new company and its screen appear in the same render.
   */
  switchCompany(companyId: number | null, options?: SwitchOptions): Promise<SessionInfo>;
  signIn(userId: number): Promise<SessionInfo>;
  createPartner(input: PartnerSetupInput): Promise<SessionInfo>;
  loadSwitcher(): Promise<void>;
  /**
   * Opens another window acting as `companyId` (null: Self) on a screen path: the desktop app opens a window;
   * a browser tab opens a new tab on the company's address. Other windows keep their own company.
   */
  openWindow(companyId: number | null, path?: string): Promise<void>;
  loadCandidates(): Promise<void>;
  loadAppInfo(): Promise<void>;
  /**
   * The desktop app: points this profile at a team server (checked and asked by the app, which then restarts on it).
   * A refusal is thrown as the console's error (its `url` field says what is wrong); nothing is toasted.
   */
  connectTeamServer(url: string): Promise<{ origin: string; restarting: boolean }>;
  setConnection(state: ConnectionState): void;
  /** Reloads everything already on screen (after the event stream was down). */
  resyncAll(): void;
}

export interface SwitchOptions {
  prepare?(info: SessionInfo): Promise<unknown>;
  beforeApply?(info: SessionInfo): void;
}

/** The acting company of a session as the window's calls carry it (null: Self). */
export function actingOf(info: SessionInfo): number | null {
  return info.isSelf || !info.acting ? null : info.acting.id;
}

/** The console refused the window's acting company (the user cannot see it). */
function isActingRefused(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'not_found' && error.details?.reason === 'acting_not_visible';
}

export function createSessionSlice(ctx: SliceContext): { state: SessionState; actions: SessionActions } {
  const loader = createKeyedLoader();
  const state: SessionState = {
    status: 'loading',
    info: null,
    error: null,
    switcher: idle(),
    candidates: idle(),
    appInfo: null,
    appInfoAt: null,
    switchingTo: null,
    connection: 'connected',
  };

  const actions: SessionActions = {
    async loadSession() {
      patch(ctx, 'session', (s): Partial<SessionState> => ({ status: s.info ? 'ready' : 'loading', error: null }));
      try {
        const before = ctx.get().session.info;
        let info: SessionInfo;
        try {
          info = await ctx.client.call('session.get', {});
        } catch (error) {
          // The address names a company this user cannot see (an old bookmark, another user): Self instead.
          if (!isActingRefused(error) || ctx.client.acting() === null) throw error;
          const refused = ctx.client.acting();
          ctx.client.setActing(null);
          info = await ctx.client.call('session.get', {});
          ctx.get().actions.toast('error', `This address is for company ${refused}, which ${info.user?.name ?? 'this user'} cannot see: showing Self instead.`, messageOf(error));
        }
        const sameUser = before !== null && before.user?.id === info.user?.id;
        actions.applySession(info);
        // A new user (and the first session) has its candidates scheduled by applySession; a reload of the
        // same user's session (after the event stream was down) refreshes them here.
        if (sameUser) void actions.loadCandidates();
      } catch (error) {
        patch(ctx, 'session', (s): Partial<SessionState> => ({ status: s.info ? 'ready' : 'error', error: messageOf(error) }));
        return;
      }
      void actions.loadAppInfo();
    },

    applySession(info) {
      // This window's calls act as the company now shown (the address says the same: see frame/acting-sync).
      ctx.client.setActing(actingOf(info));
      const prev = ctx.get().session.info;
      const userChanged = prev?.user?.id !== info.user?.id;
      const actingChanged = userChanged || prev?.acting?.id !== info.acting?.id;
      patch(ctx, 'session', { status: 'ready', info, error: null });
      const a = ctx.get().actions;
      if (userChanged) a.resetForUser();
      else if (actingChanged) a.resetForActing();
      if (info.user) {
        // Each list below is loaded once per change: a screen that needs it at once (the overview, the
        // switcher) may already have asked for it since the change, and then the scheduled load is skipped
        // (at start-up, the same calls ran twice otherwise). `since` says no load of the key began meanwhile.
        const switcherSince = loader.current('switcher');
        const candidatesSince = loader.current('candidates');
        // The selector's order (recent first) changes with every switch.
        ctx.schedule('switcher', () => {
          if (switcherSince() && (!userChanged || ctx.get().session.switcher.status === 'idle')) void actions.loadSwitcher();
        });
        if (userChanged) {
          ctx.schedule('candidates', () => {
            if (candidatesSince()) void actions.loadCandidates();
          });
          // Reset to idle for the new user; anything else means a screen loaded it since.
          ctx.schedule('outbox', () => {
            if (ctx.get().outbox.list.status === 'idle') void a.loadOutbox();
          });
        }
        // The pending-requests badge of a partner's navigation (the list is reset with the acting company).
        if (actingChanged && info.isSelf && info.home?.isPartner) {
          ctx.schedule('requests', () => {
            if (ctx.get().requests.list.status === 'idle') void a.loadRequests();
          });
        }
      }
    },

    async switchCompany(companyId, options = {}) {
      patch(ctx, 'session', { switchingTo: companyId ?? 'self' });
      try {
        const info = await mutate(ctx, () => ctx.client.call('session.switch', { companyId }));
        // From here this window's calls act as the destination (its prefetch included); other windows keep theirs.
        ctx.client.setActing(actingOf(info));
        if (options.prepare) {
          // A failed prefetch must not stop the switch: the screen loads (and reports) it itself.
          await options.prepare(info).catch(() => undefined);
        }
        options.beforeApply?.(info);
        actions.applySession(info);
        return info;
      } finally {
        patch(ctx, 'session', { switchingTo: null });
      }
    },

    async signIn(userId) {
      ctx.get().actions.clearToasts();
      const info = await mutate(
        ctx,
        () => ctx.client.call('session.signIn', { userId }),
        (i) => `Signed in as ${i.user?.name ?? 'user'}${i.home ? ` (${i.home.name})` : ''}`,
      );
      actions.applySession(info);
      return info;
    },

    async createPartner(input) {
      const info = await mutate(ctx, () => ctx.client.call('setup.createPartner', input), 'Your partner account is ready');
      actions.applySession(info);
      void actions.loadCandidates();
      return info;
    },

    async openWindow(companyId, path = '/') {
      const { opened } = await mutate(ctx, () => ctx.client.call('app.openWindow', { companyId, path }));
      if (!opened && typeof window !== 'undefined') {
        // Browser mode: a new tab of this console (same origin: it shares this tab's session).
        window.open(`${window.location.pathname}${window.location.search}${joinHash(companyId, path)}`, '_blank');
      }
    },

    connectTeamServer: (url) => ctx.client.call('app.connectTeamServer', { url }),

    loadSwitcher: () => loader.load('switcher', fieldTarget(ctx, 'session', 'switcher'), () => ctx.client.call('session.switcher', {})),

    loadCandidates: () => loader.load('candidates', fieldTarget(ctx, 'session', 'candidates'), () => ctx.client.call('session.signInCandidates', {})),

    async loadAppInfo() {
      try {
        const appInfo = await ctx.client.call('app.info', {});
        patch(ctx, 'session', { appInfo, appInfoAt: Date.now() });
      } catch {
        // Only shown in the user menu's footer; nothing to tell the user.
      }
    },

    setConnection(connection) {
      const was = ctx.get().session.connection;
      patch(ctx, 'session', { connection });
      if (was === 'reconnecting' && connection === 'connected') actions.resyncAll();
    },

    resyncAll() {
      const s = ctx.get();
      const a = s.actions;
      // The session's answer reloads the selector (applySession schedules it).
      void actions.loadSession();
      // Each area's slices reload what they had loaded (their `resync`).
      a.resyncAreas();
    },
  };

  return { state, actions };
}
