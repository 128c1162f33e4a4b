// Console methods of webhook delivery and the platform clock. Acting as a client the console reaches that
// client's hooks only; as Self, the partner's own and its clients' (all of them, or one by companyId).
// Hooks belong to the "apps" area of a company, so its permission is required.
import { requirePermission } from '../../core/access';
import type { CompanyScope } from '../../core/services/webhook-delivery-service';
import type { ConsoleContext, Handlers } from '../console-context';

type WebhookMethods = 'webhooks.overview' | 'webhooks.attempts' | 'webhooks.attempt' | 'webhooks.replay' | 'webhooks.reactivate' | 'webhooks.privateNetworks' | 'webhooks.setPrivateNetworks' | 'clock.get' | 'clock.advance';

export function webhooksHandlers(ctx: ConsoleContext): Pick<Handlers, WebhookMethods> {
  const { platform } = ctx;
  const deliveries = platform.webhookDeliveries;

  /** The companies whose hooks this console may reach now. */
  const scope = (): CompanyScope => {
    const actor = ctx.actor();
    requirePermission(actor, 'apps');
    if (!ctx.isSelf()) return [ctx.actingCompanyId()];
    return platform.access.visibleCompanyIds(actor);
  };

  return {
    'webhooks.overview': ({ companyId }) => ({ groups: deliveries.overview(scope(), companyId), clock: deliveries.clock() }),
    'webhooks.attempts': (query) => deliveries.attempts(scope(), query),
    'webhooks.attempt': ({ attemptId }) => deliveries.attempt(scope(), attemptId),
    'webhooks.replay': ({ eventId }) => deliveries.requestReplay(scope(), eventId),
    'webhooks.reactivate': ({ webhookId }) => deliveries.reactivate(scope(), webhookId),
    'webhooks.privateNetworks': () => {
      requirePermission(ctx.actor(), 'apps');
      return platform.webhookNetwork.view();
    },
    'webhooks.setPrivateNetworks': (change) => platform.webhookNetwork.change(ctx.requireOperator('Allowing private networks for webhooks'), change),
    'clock.get': () => deliveries.clock(),
    'clock.advance': ({ duration }) => deliveries.advanceClock(ctx.actor(), duration),
  };
}
