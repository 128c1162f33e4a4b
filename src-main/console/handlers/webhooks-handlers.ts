// Console methods of webhook delivery and the platform clock. Acting as a client the console reaches that
// client's hooks only; as Self, the partner's own and its clients' (all of them, or one by companyId).
// Hooks belong to the "apps" area of a company, so its permission is required.
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../../src-shared/api/errors';
import { requirePermission } from '../../core/access';
import { planTestSend, sendTestWebhook } from '../../core/webhooks/webhook-test-send';
import type { CompanyScope } from '../../core/services/webhook-delivery-service';
import type { ConsoleContext, Handlers } from '../console-context';

type WebhookMethods = 'webhooks.overview' | 'webhooks.attempts' | 'webhooks.attempt' | 'webhooks.replay' | 'webhooks.reactivate' | 'webhooks.sendTest' | 'webhooks.recoverPreview' | 'webhooks.recover' | 'webhooks.privateNetworks' | 'webhooks.setPrivateNetworks' | 'clock.get' | 'clock.advance';

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
    // A test send (`webhooks send`): only to a company in reach; every input is checked before anything is sent.
    'webhooks.sendTest': async ({ topic, companyId, appId, to, data }) => {
      const reach = scope();
      if (reach !== null && !reach.includes(companyId)) throw new ApiError('not_found', `Company ${companyId} was not found.`, { companyId });
      // Only an app connected to the company signs (never another developer's secret for an address of one's choosing).
      if (appId !== null && !deliveries.overview(reach, companyId).some((g) => g.appId === appId)) {
        throw ApiError.validation({ appId: [`app ${appId} has no webhooks for this company`] });
      }
      let plan;
      try {
        plan = planTestSend(platform, { companyId, topic, appId: appId ?? undefined, to: to ?? undefined, data: data ?? undefined });
      } catch (error) {
        // The app given is not one whose hooks this company has (or not one at all): name the field.
        if (error instanceof ApiError && error.code === 'not_found' && error.details?.reason !== 'no_hook') {
          throw ApiError.validation(error.details?.appId !== undefined ? { appId: [`app ${appId} was not found`] } : { companyId: [`company ${companyId} was not found`] });
        }
        // The core's words name the CLI's flags: say what to do in the dialog instead.
        if (error instanceof ApiError && error.details?.reason === 'no_hook') {
          throw new ApiError('not_found', error.message.replace('send to a URL with --to and --app', 'send to a URL signed by one of its apps'), error.details);
        }
        throw error;
      }
      const results = await sendTestWebhook(platform, plan, () => `msg_test_${randomBytes(12).toString('hex')}`);
      return {
        topic: plan.topic,
        companyId: plan.companyId,
        companyName: plan.companyName,
        object: plan.object,
        payload: plan.payload,
        results: results.map(({ body: _body, headers: _headers, ...rest }) => rest),
      };
    },
    'webhooks.recoverPreview': ({ since, webhookId }) => deliveries.previewRecovery(scope(), { since, webhookId }),
    'webhooks.recover': ({ since, webhookId }) => deliveries.recover(scope(), { since, webhookId }),
    'webhooks.privateNetworks': () => {
      requirePermission(ctx.actor(), 'apps');
      return platform.webhookNetwork.view();
    },
    'webhooks.setPrivateNetworks': (change) => platform.webhookNetwork.change(ctx.requireOperator('Allowing private networks for webhooks'), change),
    'clock.get': () => deliveries.clock(),
    'clock.advance': ({ duration }) => {
      ctx.requireTeamWide('Moving the platform clock', 'partnerdeck clock advance 1h');
      return deliveries.advanceClock(ctx.actor(), duration);
    },
  };
}
