// Console methods of the developer tools: the API request log (scoped like the delivery log: acting as a
// client, that client's requests; as Self, every company the user sees, and requests that named no company)
// hosted-compatibility mode, OAuth chaos, and Save demo state / Reset demo (through the host: demo-state.ts).
import { ApiError } from '../../../src-shared/api/errors';
import { requirePermission } from '../../core/access';
import type { ApiLogScope } from '../../core/devtools/api-log-service';
import { runOAuthChaos } from '../../core/devtools/oauth-chaos';
import type { ConsoleContext, Handlers } from '../console-context';

type DevToolsMethods = 'apiLog.list' | 'apiLog.apps' | 'oauthChaos.run' | 'compatibility.get' | 'compatibility.set' | 'demoState.list' | 'demoState.save' | 'demoState.reset';

export function devToolsHandlers(ctx: ConsoleContext): Pick<Handlers, DevToolsMethods> {
  const { platform } = ctx;

  const scope = (): ApiLogScope => {
    const actor = ctx.actor();
    requirePermission(actor, 'apps');
    if (!ctx.isSelf()) return { companyIds: [ctx.actingCompanyId()], unattributed: false };
    return { companyIds: platform.access.visibleCompanyIds(actor), unattributed: true };
  };

  const demoState = () => {
    if (!ctx.options.demoState) throw new ApiError('conflict', 'This console cannot save or reset the demo: use `partnerdeck snapshot save|restore` with the console stopped.', { reason: 'demo_state_unavailable' });
    return ctx.options.demoState;
  };

  return {
    'apiLog.list': (query) => platform.apiLog.list(scope(), query),
    'apiLog.apps': () => {
      scope();
      return platform.apiLog.apps();
    },
    'oauthChaos.run': ({ action, appId, companyId }) => {
      requirePermission(ctx.actor(), 'apps');
      ctx.requireInScope(companyId);
      return runOAuthChaos(platform, { action, appId, companyId, actor: ctx.currentUser().email });
    },
    'compatibility.get': () => {
      ctx.currentUser();
      return platform.compatibility.info();
    },
    'compatibility.set': ({ strict }) => {
      requirePermission(ctx.actor(), 'apps');
      ctx.requireTeamWide('Switching hosted-compatibility mode', 'partnerdeck serve --console --strict');
      return platform.compatibility.setStrict(strict);
    },
    // The whole folder's state: anybody signed in to this console (it is the person at this machine's).
    'demoState.list': () => {
      ctx.currentUser();
      return ctx.options.demoState?.list() ?? { snapshots: [], startName: null, canReset: false };
    },
    'demoState.save': ({ name }) => {
      ctx.currentUser();
      return demoState().save(name);
    },
    'demoState.reset': ({ name }) => {
      ctx.currentUser();
      return demoState().reset(name);
    },
  };
}
