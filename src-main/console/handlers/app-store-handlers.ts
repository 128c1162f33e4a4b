// Console methods of the App Store area. My Apps runs inside the shop company the console acts as; the App
// Store browses as the acting company and installs for it or, as a partner's Self, for one of its clients.
// Operator methods run only after `operator.enter` switched this console session into operator mode (the
// person who runs PartnerDeck is the local platform's operator; the switch is explicit and visible), and
// then with the operator actor; in user mode they are refused, and the core refuses user actors anyway.
import { ApiError } from '../../../src-shared/api/errors';
import { OPERATOR, type Actor } from '../../core/access';
import type { ConsoleContext, Handlers } from '../console-context';

type AppStoreMethods =
  | 'myApps.list'
  | 'myApps.get'
  | 'myApps.create'
  | 'myApps.update'
  | 'myApps.revealSecret'
  | 'myApps.rotateSecret'
  | 'myApps.requestApproval'
  | 'myApps.setVisibility'
  | 'myApps.themeChoices'
  | 'appStore.browse'
  | 'appStore.listing'
  | 'appStore.quote'
  | 'appStore.install'
  | 'appStore.uninstall'
  | 'appStore.installed'
  | 'operator.status'
  | 'operator.enter'
  | 'operator.leave'
  | 'operator.apps'
  | 'operator.approve'
  | 'operator.reject'
  | 'operator.setVisibility';

export const OPERATOR_MODE_REQUIRED = 'This is a platform operator function. Switch to the operator first (user menu → Platform operator…).';

export function appStoreHandlers(ctx: ConsoleContext): Pick<Handlers, AppStoreMethods> {
  const { platform, options } = ctx;
  const MY_APPS = 'My Apps';
  const STORE = 'The App Store';
  let operatorMode = false;

  /** The operator actor, only while this console session is in operator mode. */
  function operator(): Actor {
    ctx.currentUser();
    if (!operatorMode) throw new ApiError('forbidden', OPERATOR_MODE_REQUIRED, { reason: 'operator_mode_required' });
    return OPERATOR;
  }

  const status = () => ({ active: operatorMode, pendingRequests: platform.repos.appStore.countPending() });

  return {
    'myApps.list': ({ companyId }) => {
      ctx.requireActingAs(companyId, MY_APPS);
      return platform.myApps.list(ctx.actor(), companyId);
    },
    'myApps.get': ({ companyId, appId }) => {
      ctx.requireActingAs(companyId, MY_APPS);
      return platform.myApps.get(ctx.actor(), companyId, appId);
    },
    'myApps.create': (input) => {
      ctx.requireActingAs(input.companyId, MY_APPS);
      return platform.myApps.create(ctx.actor(), input);
    },
    'myApps.update': (input) => {
      ctx.requireActingAs(input.companyId, MY_APPS);
      return platform.myApps.update(ctx.actor(), input);
    },
    'myApps.revealSecret': ({ companyId, appId }) => {
      ctx.requireActingAs(companyId, MY_APPS);
      return { clientSecret: platform.myApps.revealSecret(ctx.actor(), companyId, appId) };
    },
    'myApps.rotateSecret': ({ companyId, appId }) => {
      ctx.requireActingAs(companyId, MY_APPS);
      return platform.myApps.rotateSecret(ctx.actor(), companyId, appId);
    },
    'myApps.requestApproval': (input) => {
      ctx.requireActingAs(input.companyId, MY_APPS);
      return platform.myApps.requestApproval(ctx.actor(), input);
    },
    'myApps.setVisibility': (input) => {
      ctx.requireActingAs(input.companyId, MY_APPS);
      return platform.myApps.setVisibility(ctx.actor(), input);
    },
    'myApps.themeChoices': ({ companyId }) => {
      ctx.requireActingAs(companyId, MY_APPS);
      return platform.myApps.themeChoices(ctx.actor(), companyId);
    },

    'appStore.browse': ({ companyId, search, kind }) => {
      ctx.requireActingAs(companyId, STORE);
      return platform.appStore.browse(ctx.actor(), companyId, { search, kind });
    },
    'appStore.listing': ({ companyId, appId }) => {
      ctx.requireActingAs(companyId, STORE);
      return platform.appStore.listing(ctx.actor(), companyId, appId);
    },
    'appStore.quote': ({ appId, companyId }) => {
      ctx.requireInScope(companyId);
      return platform.appStore.quote(ctx.actor(), appId, companyId);
    },
    'appStore.install': ({ appId, companyId }) => {
      ctx.requireInScope(companyId);
      const result = platform.appStore.install(ctx.actor(), appId, companyId);
      const base = options.platformUrl ?? null;
      return { ...result, authorizeUrl: base && result.authorizePath ? `${base}${result.authorizePath}` : null };
    },
    'appStore.uninstall': ({ appId, companyId }) => {
      ctx.requireInScope(companyId);
      return platform.appStore.uninstall(ctx.actor(), appId, companyId);
    },
    'appStore.installed': ({ companyId }) => {
      const actor = ctx.actor();
      if (companyId !== undefined) {
        ctx.requireInScope(companyId);
        return platform.appStore.installedApps(actor, companyId);
      }
      if (!ctx.isSelf()) return platform.appStore.installedApps(actor, ctx.actingCompanyId());
      return platform.appStore.installedAppsOf(actor, platform.ctx.access.visibleCompanyIds(actor));
    },

    'operator.status': () => {
      ctx.currentUser();
      return status();
    },
    'operator.enter': () => {
      const user = ctx.currentUser();
      if (!operatorMode) {
        operatorMode = true;
        platform.repos.audit.record({ company_id: null, actor: `user:${user.email}`, action: 'operator.entered', detail: {}, created_at: platform.clock.now() });
      }
      return status();
    },
    'operator.leave': () => {
      ctx.currentUser();
      operatorMode = false;
      return status();
    },
    'operator.apps': ({ filter }) => platform.appApprovals.list(operator(), filter),
    'operator.approve': (input) => platform.appApprovals.approve(operator(), input),
    'operator.reject': (input) => platform.appApprovals.reject(operator(), input),
    'operator.setVisibility': (input) => platform.appApprovals.setVisibility(operator(), input),
  };
}
