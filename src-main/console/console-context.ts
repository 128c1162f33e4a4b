// The console session and the guards every handler group uses: who is signed in, which company the
// console acts as (Self or one client), and the checks that keep a client's view to that client.
// Handler groups (./handlers/*) receive this object; console-service.ts assembles them.
//
// The acting company is decided per call: each console window (browser tab) keeps its own in its address
// (`#/c/<id>/…`) and its transport sends it with every call (CallEnvelope; the IPC bridge's third argument, the
// browser host's X-PartnerDeck-Acting header). `runAs` runs a call with it (an AsyncLocalStorage, so every
// `actingCompanyId()` of the call and of what it awaits sees that call's company); the guards below check it
// exactly as a switch would (the user must see it). A call without one (the CLI, tests, an older page) acts as
// the session's company of the moment, which `session.switch` sets.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MethodName, MethodOutput, MethodParsedInput, PushedEvent } from '../../src-shared/api/contract';
import { ApiError } from '../../src-shared/api/errors';
import type { SessionInfo } from '../../src-shared/api/types';
import type { Actor, UserActor } from '../core/access';
import type { Platform } from '../core/platform';
import { DEMO_PARTNER_EMAIL } from '../core/seed/demo-seed';
import type { EmbedReach } from '../core/apps/embed-reach';
import type { DemoStateHost } from './demo-state';
import type { EmbedViewHost } from './embed-view-host';
import type { Prefs } from './prefs';
import type { ThemeChoice } from '../../src-shared/api/theme-choice';

export interface ConsoleServiceOptions {
  platform: Platform;
  prefs: Prefs;
  /** `team`: a team server's console (`serve --console`), one console service per signed-in person. */
  host: 'electron' | 'browser' | 'team';
  /**
   * A team server's console: the person who signed in with their password. The console acts as this user only;
   * signing in as another user (Switch user) is refused, and the other users are not listed.
   */
  signedInAs?: number;
  platformUrl?: string | null;
  /** Native views for embedded apps (the desktop app); without it apps are framed through the browser host. */
  embedViews?: EmbedViewHost;
  /** The desktop app: opens another console window acting as `companyId` (null: Self) on a screen path. */
  openWindow?: (companyId: number | null, path: string) => void;
  /**
   * The desktop app's "Connect to team server": checks the address, asks the server, keeps the choice and restarts
   * onto it (electron/team-server.ts). Absent elsewhere: a browser tab or a team server has nothing to point.
   */
  connectTeamServer?: (url: string) => Promise<{ origin: string }>;
  /** The theme was chosen (saved in the prefs already): the desktop app sets Electron's nativeTheme from it. */
  onThemeChange?: (theme: ThemeChoice) => void;
  /** Save demo state / Reset demo (console/demo-state.ts); without it the console can list and save but not reset. */
  demoState?: DemoStateHost;
  /** Whether an embedded app's server answers before it is shown (default: a TCP connection, core/apps/embed-reach.ts). */
  embedReach?: (startUrl: string) => Promise<EmbedReach>;
}

/** One handler per console method; a handler may be synchronous or return a promise. */
export type Handlers = { [M in MethodName]: (input: MethodParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };

export interface ConsoleContext {
  readonly platform: Platform;
  readonly prefs: Prefs;
  readonly options: ConsoleServiceOptions;
  /** The signed-in user as the actor it acts as (unauthorized when nobody is signed in). */
  currentUser(): UserActor;
  actor(): Actor;
  /** The company the console acts as (the user's own company when acting as Self). */
  actingCompanyId(): number;
  /** True while acting as the user's own company. */
  isSelf(): boolean;
  /** Partner functions (client list, requests, combined view) run only as Self. */
  requireSelf(what: string): void;
  /**
   * Platform operator functions (App review, the month close's rates) run only for a signed-in user with the
   * operator role (`users.is_operator`), as the operator actor labelled with that user's email (for the audit
   * log); anybody else is refused (`forbidden`, reason `operator_role_required`).
   */
  requireOperator(what: string): Actor;
  /**
   * What changes the platform for everybody on it (the clock, hosted-compatibility mode): on a team server that is
   * every team, so only the platform operator may (or the server's administrator with `cli`); elsewhere no check.
   */
  requireTeamWide(what: string, cli: string): void;
  /** Acting as a client, the console reaches that client only; as Self, whatever the core lets the user see. */
  requireInScope(companyId: number | null | undefined): void;
  /** Store functions run only inside the company the console acts as. */
  requireActingAs(companyId: number, what: string): void;
  /** Who is signed in and acting as which company (asynchronous: the brand's logo is on the data layer). */
  session(): Promise<SessionInfo>;
  /**
   * Runs one call acting as `acting` (a company id, null for Self; undefined: the session's company). A company
   * the signed-in user cannot see is refused (`not_found`) when the call asks for it.
   */
  runAs<T>(acting: number | null | undefined, run: () => T): T;
  /** True inside a call that carries its window's acting company (runAs with a company or null). */
  actsPerCall(): boolean;
  switchTo(companyId: number | null): Promise<SessionInfo>;
  signIn(userId: number): Promise<SessionInfo>;
  /** Pushes an event to the renderer(s) of this console. */
  emit(event: PushedEvent): void;
}

const RECENT_LIMIT = 8;

export function createConsoleContext(options: ConsoleServiceOptions, emit: (event: PushedEvent) => void): ConsoleContext {
  const { platform, prefs } = options;
  // Who sees which company is the core's one rule (core/access.ts); the console only narrows it further to the
  // company it acts as.
  const { access, localUsers, companies } = platform;

  const pickInitialUser = (): number | null => {
    if (options.signedInAs !== undefined) return options.signedInAs;
    const last = prefs.get('lastUserId');
    if (last !== null && localUsers.actorOf(last)) return last;
    return localUsers.actorByEmail(DEMO_PARTNER_EMAIL)?.userId ?? localUsers.firstUserId() ?? null;
  };

  const pickInitialCompany = (forUser: number): number => {
    const user = localUsers.actorOf(forUser)!;
    const last = prefs.get('lastCompanyId');
    if (last !== null && access.canSee(user, last)) return last;
    return user.companyId;
  };

  let userId: number | null = pickInitialUser();
  let actingId: number | null = userId === null ? null : pickInitialCompany(userId);
  /** The acting company of the call under way, when its window sent one (null: Self). */
  const perCall = new AsyncLocalStorage<{ acting: number | null }>();

  const ctx: ConsoleContext = {
    platform,
    prefs,
    options,
    emit,

    currentUser() {
      const user = userId === null ? undefined : localUsers.actorOf(userId);
      if (!user) throw new ApiError('unauthorized', 'Nobody is signed in to the console. Create a partner account or sign in as a user.');
      return user;
    },

    actor: () => ctx.currentUser(),

    actingCompanyId() {
      const user = ctx.currentUser();
      const call = perCall.getStore();
      if (call) {
        if (call.acting === null) return user.companyId;
        if (!access.canSee(user, call.acting)) {
          throw new ApiError('not_found', `Company ${call.acting} was not found among your clients. Go back to Self and pick a client you manage.`, { companyId: call.acting, reason: 'acting_not_visible' });
        }
        return call.acting;
      }
      if (actingId === null || !access.canSee(user, actingId)) actingId = user.companyId;
      return actingId;
    },

    runAs(acting, run) {
      return acting === undefined ? run() : perCall.run({ acting }, run);
    },

    actsPerCall: () => perCall.getStore() !== undefined,

    isSelf: () => ctx.actingCompanyId() === ctx.currentUser().companyId,

    requireSelf(what) {
      if (!ctx.isSelf()) throw new ApiError('forbidden', `${what} is a partner function: switch back to Self first.`);
    },

    requireOperator(what) {
      const user = ctx.currentUser();
      if (!user.isOperator) throw new ApiError('forbidden', `${what} is for the platform operator. Sign in as a user with the operator role.`, { reason: 'operator_role_required' });
      return { kind: 'operator', label: `operator:${user.email}` };
    },

    requireTeamWide(what, cli) {
      if (ctx.options.host !== 'team') return;
      if (!ctx.currentUser().isOperator) {
        throw new ApiError('forbidden', `On a team server ${what.charAt(0).toLowerCase()}${what.slice(1)} changes it for every team on the server, so it is for the platform operator only. Ask your server's administrator (\`${cli}\` on the server).`, { reason: 'team_wide_change' });
      }
    },

    requireInScope(companyId) {
      const acting = ctx.actingCompanyId();
      if (!ctx.isSelf() && companyId !== acting) {
        throw new ApiError('not_found', `Company ${companyId ?? '?'} is not the company you act as. Switch to it, or back to Self.`, { companyId });
      }
    },

    requireActingAs(companyId, what) {
      if (ctx.actingCompanyId() !== companyId) {
        throw new ApiError('forbidden', `${what} works inside the company you act as. Switch to company ${companyId} first.`, { companyId });
      }
    },

    async session() {
      const actor = userId === null ? undefined : localUsers.actorOf(userId);
      const user = actor && localUsers.user(actor.userId);
      if (!actor || !user) {
        return { user: null, home: null, acting: null, isSelf: true, permissions: [], storeAvailable: false, recentCompanyIds: [], isOperator: false, brand: null, canMoveClock: false };
      }
      const home = companies.get(actor, actor.companyId);
      const acting = companies.get(actor, ctx.actingCompanyId());
      return {
        user,
        home,
        acting,
        isSelf: acting.id === home.id,
        permissions: [...actor.permissions],
        storeAvailable: !acting.isPartner,
        recentCompanyIds: prefs.get('recentCompanyIds').filter((id) => access.canSee(actor, id)),
        isOperator: actor.isOperator,
        brand: await platform.branding.brandOf(home.id),
        // On a team server the clock is every team's: the platform operator's only (requireTeamWide).
        canMoveClock: access.mayMoveClock(actor) && (ctx.options.host !== 'team' || actor.isOperator),
      };
    },

    async switchTo(companyId) {
      const user = ctx.currentUser();
      const target = companyId ?? user.companyId;
      if (!access.canSee(user, target)) throw new ApiError('not_found', `Company ${target} was not found among your clients.`, { companyId: target });
      prefs.set('lastCompanyId', target);
      if (target !== user.companyId) {
        prefs.set('recentCompanyIds', [target, ...prefs.get('recentCompanyIds').filter((id) => id !== target)].slice(0, RECENT_LIMIT));
      }
      if (ctx.actsPerCall()) {
        // A window switches itself (its address holds its company): the others keep theirs, nothing is pushed.
        return perCall.run({ acting: target === user.companyId ? null : target }, () => ctx.session());
      }
      actingId = target;
      const info = await ctx.session();
      emit({ name: 'session.changed', payload: info });
      return info;
    },

    async signIn(id) {
      if (options.signedInAs !== undefined && id !== options.signedInAs) {
        throw new ApiError('forbidden', 'On a team server everybody signs in with their own email and password: sign out, then sign in as the other user.', { reason: 'team_sign_in' });
      }
      const user = localUsers.actorOf(id);
      if (!user) throw new ApiError('not_found', `User ${id} was not found.`);
      userId = user.userId;
      actingId = user.companyId;
      prefs.set('lastUserId', user.userId);
      prefs.set('lastCompanyId', user.companyId);
      prefs.set('recentCompanyIds', []);
      // The new user starts as Self (in this window; every other window checks its own company again).
      const info = await perCall.run({ acting: null }, () => ctx.session());
      emit({ name: 'session.changed', payload: info });
      return info;
    },
  };
  return ctx;
}
