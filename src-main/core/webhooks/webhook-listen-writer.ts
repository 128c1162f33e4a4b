// `partnerdeck listen`'s side of the transactional outbox (migration 012): for every platform event with a
// webhook topic, one row per live listener of that company whose topics include it, written in the change's own
// transaction beside the registered hooks' rows (webhook-event-writer.ts). app/* topics go only to a listener
// for that app. A listener whose process stopped heart-beating is not written for (and is removed by the next
// listen). Nothing here does I/O: the listening process signs and sends.
import { unsignedPayloadJson, WEBHOOK_TOPIC_OF_EVENT } from '../../../src-shared/domain/webhooks';
import type { PlatformEventName, PlatformEvents } from '../events';
import type { WebhookListenRepository } from '../repositories/webhook-listen-repository';
import type { ServiceContext } from '../services/service-context';
import { isTopicEvent, newMessageId } from './webhook-event-writer';

/** A listener whose heartbeat is older than this (real time) is gone. Listeners beat every 2 s. */
export const LISTENER_STALE_MS = 15_000;
export const LISTENER_HEARTBEAT_MS = 2_000;

export function installWebhookListenWriter(ctx: ServiceContext, repo: WebhookListenRepository, realNow: () => number = Date.now): () => void {
  return ctx.onEmitInTransaction(<E extends PlatformEventName>(name: E, payload: PlatformEvents[E]) => {
    if (!isTopicEvent(name)) return;
    const { topic, type } = WEBHOOK_TOPIC_OF_EVENT[name];
    const companyId = (payload as { companyId: number }).companyId;
    const listeners = repo.liveListeners(companyId, realNow() - LISTENER_STALE_MS);
    if (listeners.length === 0) return;
    const objectId = type === 'app' ? (payload as PlatformEvents['app.uninstalled']).appId : (payload as PlatformEvents['order.created']).id;
    const body = unsignedPayloadJson(companyId, topic, type, objectId);
    const now = ctx.clock.now();
    for (const listener of listeners) {
      if (listener.topics !== '' && !listener.topics.split(',').includes(topic)) continue;
      if (type === 'app' && listener.app_id !== objectId) continue;
      repo.insertEvent({ listener_id: listener.id, topic, message_id: newMessageId(ctx), payload: body, created_at: now });
    }
  });
}
