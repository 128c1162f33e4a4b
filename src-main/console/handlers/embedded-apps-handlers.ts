// Console methods of Extensions / Manage Apps (spec §6). The platform's embedded-apps service decides which apps
// a company has and signs the URLs; here the session's guards apply (acting as a client reaches that client only,
// and the checker loads an app as the signed-in user or one of that client's users), and the app is shown either
// in a native view of the desktop app (options.embedViews) or, in a browser tab, through the browser host's
// wrapper page.
import { checkEmbedReach } from '../../core/apps/embed-reach';
import { ApiError } from '../../../src-shared/api/errors';
import { embedFramePath } from '../../../src-shared/api/embed-frame';
import type { EmbedTarget } from '../../../src-shared/api/embedded-app-types';
import type { EmbedCheckVariant } from '../../../src-shared/domain/embedded-apps';
import type { ConsoleContext, Handlers } from '../console-context';

type EmbeddedAppsMethods =
  | 'embeddedApps.list'
  | 'embeddedApps.get'
  | 'embeddedApps.signedUrl'
  | 'embeddedApps.open'
  | 'embeddedApps.setBounds'
  | 'embeddedApps.close'
  | 'embeddedApps.check'
  | 'embeddedApps.checkCandidates';

interface CheckChoice {
  userId: number;
  variant: EmbedCheckVariant;
  otherCompanyId: number | null;
}

export function embeddedAppsHandlers(ctx: ConsoleContext): Pick<Handlers, EmbeddedAppsMethods> {
  const { platform, options } = ctx;
  const service = platform.embeddedApps;

  /** Acting as a client, the checker loads apps as the signed-in user or as one of that client's own users. */
  function requireCheckUser(userId: number): void {
    if (ctx.isSelf() || userId === ctx.currentUser().userId) return;
    const user = platform.localUsers.actorOf(userId);
    if (!user || user.companyId !== ctx.actingCompanyId()) {
      throw ApiError.validation({ userId: [`must be you or a user of the company you act as (user ${userId} is not)`] });
    }
  }

  function target(appId: number, companyId: number, check: CheckChoice | null): EmbedTarget {
    ctx.requireInScope(companyId);
    if (!check) return service.open(ctx.actor(), appId, companyId);
    requireCheckUser(check.userId);
    return service.checkTarget(ctx.actor(), { appId, companyId, ...check });
  }

  function viewHost() {
    if (!options.embedViews) throw new ApiError('internal', 'This console has no native views for embedded apps.');
    return options.embedViews;
  }

  return {
    'embeddedApps.list': ({ companyId }) => {
      ctx.requireInScope(companyId);
      return service.list(ctx.actor(), companyId);
    },

    'embeddedApps.get': ({ appId, companyId }) => {
      ctx.requireInScope(companyId);
      return service.get(ctx.actor(), appId, companyId);
    },

    'embeddedApps.signedUrl': ({ appId, companyId, check }) => target(appId, companyId, check),

    'embeddedApps.open': async ({ appId, companyId, slot, bounds, check }) => {
      // Signed (and checked) here in both modes, so every refusal reaches the console, not the frame.
      const signed = target(appId, companyId, check);
      // An app whose server cannot be reached gets the console's own frame, not the browser's error page.
      const reach = await (options.embedReach ?? checkEmbedReach)(signed.url);
      if (!reach.ok) {
        const start = new URL(signed.url);
        start.search = '';
        const local = ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(start.hostname);
        return { mode: 'unreachable', origin: signed.origin, appName: signed.appName, startUrl: start.toString(), tried: reach.tried, reason: reach.reason, local };
      }
      if (options.host === 'electron') {
        viewHost().show(slot, signed, bounds);
        return { mode: 'view', slot, origin: signed.origin };
      }
      return { mode: 'frame', src: embedFramePath({ appId, companyId, check }), origin: signed.origin };
    },

    'embeddedApps.setBounds': ({ slot, bounds }) => ({ shown: options.embedViews ? options.embedViews.setBounds(slot, bounds) && bounds !== null : false }),

    'embeddedApps.close': ({ slot }) => ({ closed: options.embedViews ? options.embedViews.close(slot) : 0 }),

    'embeddedApps.check': async ({ appId, companyId, userId, otherCompanyId }) => {
      ctx.requireInScope(companyId);
      requireCheckUser(userId);
      return service.check(ctx.actor(), { appId, companyId, userId, otherCompanyId });
    },

    'embeddedApps.checkCandidates': () => {
      const candidates = service.checkCandidates(ctx.actor());
      if (ctx.isSelf()) return candidates;
      // Acting as a client: that client and its users, plus the signed-in user (who opens apps as themself).
      const acting = ctx.actingCompanyId();
      const me = ctx.currentUser().userId;
      return {
        companies: candidates.companies.filter((c) => c.id === acting),
        users: candidates.users.filter((u) => u.companyId === acting || u.id === me),
      };
    },
  };
}
