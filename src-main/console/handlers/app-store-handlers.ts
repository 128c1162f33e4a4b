// Console methods of the App Store area. My Apps runs inside the shop company the console acts as; the App
// Store browses as the acting company and installs for it or, as a partner's Self, for one of its clients.
// Operator methods run only for a signed-in user with the platform operator role (users.is_operator; the
// demo seed has one, `partnerdeck user operator` grants it), as the operator actor labelled with that
// user's email; for everybody else they are refused (and the core refuses user actors anyway).
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
  | 'operator.apps'
  | 'operator.approve'
  | 'operator.reject'
  | 'operator.setVisibility';

export function appStoreHandlers(ctx: ConsoleContext): Pick<Handlers, AppStoreMethods> {
  const { platform, options } = ctx;
  const MY_APPS = 'My Apps';
  const STORE = 'The App Store';

  /** The operator actor (labelled with the user, for the audit log), only for a user with the operator role. */
  const operator = () => ctx.requireOperator('App review');

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
    'myApps.rotateSecret': (input) => {
      ctx.requireActingAs(input.companyId, MY_APPS);
      return platform.myApps.rotateSecret(ctx.actor(), input);
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
      return platform.appStore.installedAppsOf(actor, platform.access.visibleCompanyIds(actor));
    },

    'operator.status': () => {
      const user = ctx.currentUser();
      return { isOperator: user.isOperator, pendingRequests: user.isOperator ? platform.appApprovals.pendingCount(operator()) : 0 };
    },
    'operator.apps': ({ filter }) => platform.appApprovals.list(operator(), filter),
    'operator.approve': (input) => platform.appApprovals.approve(operator(), input),
    'operator.reject': (input) => platform.appApprovals.reject(operator(), input),
    'operator.setVisibility': (input) => platform.appApprovals.setVisibility(operator(), input),
  };
}
