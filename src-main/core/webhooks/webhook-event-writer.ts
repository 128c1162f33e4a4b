// The transactional outbox of webhooks: for every platform event that has a topic (spec §5), one event row
// per active hook of that company and topic (for app/* topics: of that app only), written inside the
// transaction of the change, so the notification commits or rolls back with it. Only apps the company
// authorizes get rows — except app/uninstalled, which is written in the very transaction that ends the
// authorization. The dispatcher sends the rows; nothing here does I/O.
import { unsignedPayloadJson, WEBHOOK_TOPIC_OF_EVENT } from '../../../src-shared/domain/webhooks';
import type { PlatformEventName, PlatformEvents } from '../events';
import type { WebhookDeliveryRepository } from '../repositories/webhook-delivery-repository';
import type { ServiceContext } from '../services/service-context';

type TopicEventName = keyof typeof WEBHOOK_TOPIC_OF_EVENT;

export function isTopicEvent(name: string): name is TopicEventName {
  return Object.prototype.hasOwnProperty.call(WEBHOOK_TOPIC_OF_EVENT, name);
}

/** A fresh Standard Webhooks message id (webhook-id header) from the platform's id source. */
export function newMessageId(ctx: Pick<ServiceContext, 'ids'>): string {
  return `msg_${ctx.ids.hex(16)}`;
}

/** Registers the writer on the service context; returns the unsubscribe function. */
export function installWebhookEventWriter(ctx: ServiceContext, repo: WebhookDeliveryRepository): () => void {
  return ctx.onEmitInTransaction(<E extends PlatformEventName>(name: E, payload: PlatformEvents[E]) => {
    if (!isTopicEvent(name)) return;
    const { topic, type } = WEBHOOK_TOPIC_OF_EVENT[name];
    const companyId = (payload as { companyId: number }).companyId;
    let hooks = ctx.repos.webhooks.listActiveForTopic(companyId, topic, { authorizedOnly: topic !== 'app/uninstalled' });
    let objectId: number;
    if (type === 'app') {
      const { appId } = payload as PlatformEvents['app.uninstalled'];
      hooks = hooks.filter((hook) => hook.app_id === appId);
      objectId = appId;
    } else {
      objectId = (payload as PlatformEvents['order.created']).id;
    }
    if (hooks.length === 0) return;
    const body = unsignedPayloadJson(companyId, topic, type, objectId);
    const now = ctx.clock.now();
    for (const hook of hooks) {
      repo.insertEvent({
        webhook_id: hook.id,
        app_id: hook.app_id,
        company_id: companyId,
        topic,
        message_id: newMessageId(ctx),
        payload: body,
        created_at: now,
      });
    }
  });
}
