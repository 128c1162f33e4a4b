// Console methods about the console itself: app info, the session (who, acting as which company),
// switching, signing in as a local user, and the first-start partner setup.
import { ApiError } from '../../../src-shared/api/errors';
import type { SwitcherEntry } from '../../../src-shared/api/types';
import { OPERATOR } from '../../core/access';
import { hashPassword } from '../../core/passwords';
import type { ConsoleContext, Handlers } from '../console-context';
import { APP_VERSION } from '../version';

type SessionMethods = 'app.info' | 'app.openWindow' | 'app.setTheme' | 'app.connectTeamServer' | 'session.get' | 'session.switch' | 'session.signInCandidates' | 'session.signIn' | 'session.switcher' | 'setup.createPartner';

export function sessionHandlers(ctx: ConsoleContext): Pick<Handlers, SessionMethods> {
  const { platform, prefs, options } = ctx;
  const { localUsers } = platform;
  return {
    // A team server's people are not its operators: the server's folder and key-file advice are not theirs to see.
    'app.info': () => ({
      version: APP_VERSION,
      dataDir: options.host === 'team' ? '' : platform.dataDir,
      host: options.host,
      secretStore: { kind: platform.secrets.kind, warning: options.host === 'team' ? null : platform.secrets.warning },
      platformUrl: options.platformUrl ?? null,
      clockNow: platform.clock.nowIso(),
    }),

    'app.openWindow': ({ companyId, path }) => {
      const user = ctx.currentUser();
      const target = companyId ?? user.companyId;
      // The same check as a switch: the new window may act only as a company this user sees.
      if (!platform.access.canSee(user, target)) throw new ApiError('not_found', `Company ${target} was not found among your clients.`, { companyId: target });
      if (!options.openWindow) return { opened: false };
      options.openWindow(target === user.companyId ? null : target, path);
      return { opened: true };
    },

    // A choice of the profile (prefs.json), like the window's bounds: not tied to the signed-in user.
    'app.setTheme': ({ theme }) => {
      prefs.set('theme', theme);
      options.onThemeChange?.(theme);
      // Every open window (tab) takes the choice now, not only at its next reload.
      ctx.emit({ name: 'app.themeChanged', payload: { theme } });
      return { theme };
    },

    // A choice of the profile like the theme; only the desktop app has one to make.
    'app.connectTeamServer': async ({ url }) => {
      if (!options.connectTeamServer) {
        throw new ApiError('forbidden', options.host === 'team' ? 'This console is a team server already.' : 'Connecting to a team server is a choice of the desktop app: open the team server’s address in your browser instead.');
      }
      const { origin } = await options.connectTeamServer(url);
      return { origin, restarting: true };
    },

    'session.get': () => ctx.session(),
    'session.switch': ({ companyId }) => ctx.switchTo(companyId),
    // A team server lists nobody: its people sign in with their own password (and must not learn the others').
    'session.signInCandidates': () => (options.signedInAs !== undefined ? [] : localUsers.candidates()),
    'session.signIn': ({ userId }) => ctx.signIn(userId),
    'session.switcher': () => {
      const user = ctx.currentUser();
      const home = platform.companies.get(user, user.companyId);
      const self: SwitcherEntry = {
        id: home.id, name: home.name, isSelf: true, isSample: home.isSample, isDevelopment: home.isDevelopment, paymentRoute: home.paymentRoute, city: home.city, country: home.country,
      };
      if (!home.isPartner) return [self];
      const clients = platform.companies.listClients(user, { search: '', route: 'any', sample: 'any', sort: 'name', direction: 'asc' });
      const recent = prefs.get('recentCompanyIds');
      const rank = (id: number) => {
        const index = recent.indexOf(id);
        return index === -1 ? Number.MAX_SAFE_INTEGER : index;
      };
      const entries = clients.map((c) => ({
        id: c.id, name: c.name, isSelf: false, isSample: c.isSample, isDevelopment: c.isDevelopment, paymentRoute: c.paymentRoute, city: c.city, country: c.country,
      }));
      // Stable sort: recently used first (most recent on top), then the rest by name.
      entries.sort((a, b) => rank(a.id) - rank(b.id));
      return [self, ...entries];
    },
    'setup.createPartner': async (input) => {
      if (localUsers.any()) {
        throw new ApiError('conflict', 'This data folder already has users: sign in as one of them (Switch user…).');
      }
      if (localUsers.actorByEmail(input.email)) throw ApiError.validation({ email: ['is already used by another user'] });
      const passwordHash = await hashPassword(input.password);
      if (localUsers.any()) throw new ApiError('conflict', 'This data folder already has users: sign in as one of them (Switch user…).');
      const company = platform.companies.create(
        OPERATOR,
        { name: input.companyName, country: input.country, email: input.email, phone: '', street: '', city: '', postalCode: '', vatId: null, token: null, isSample: false, paymentRoute: 'direct', attestNotAffiliated: true },
        { isPartner: true },
      );
      const user = platform.users.create(
        OPERATOR,
        { companyId: company.id, email: input.email, name: input.userName, password: input.password, permissions: [], isAdmin: true, sendWelcomeEmail: false },
        { passwordHash },
      );
      return ctx.signIn(user.id);
    },
  };
}
