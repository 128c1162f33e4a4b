// `partnerdeck listen` as a service: a listener registers itself in the data folder (migration 012), keeps a
// heartbeat, reads the events the listen writer (webhooks/webhook-listen-writer.ts) put in each change's
// transaction for it, and removes what it forwarded. Times here are real time (Date.now), like the dispatcher's
// lease: moving the platform clock must not make a live listener stale.
import type { WebhookListenRepository } from '../repositories/webhook-listen-repository';
import { LISTENER_STALE_MS } from '../webhooks/webhook-listen-writer';
import type { ServiceContext } from './service-context';

export interface ListenEvent {
  id: number;
  topic: string;
  messageId: string;
  /** The delivery body as the dispatcher would send it. */
  payload: string;
}

export interface ListenerStart {
  companyId: number;
  appId: number | null;
  /** Canonical topics; empty: every topic. */
  topics: readonly string[];
  forwardTo: string;
  pid: number;
}

export interface WebhookListenService {
  /** Registers a listener (after removing stale ones) and returns its id. */
  start(listener: ListenerStart): number;
  heartbeat(listenerId: number): boolean;
  /** The listener's events after `afterId`, oldest first. */
  eventsAfter(listenerId: number, afterId: number, limit: number): ListenEvent[];
  /** An event was forwarded (or failed): it is not sent again. */
  forwarded(eventId: number): void;
  /** Removes the listener and whatever it still had. */
  stop(listenerId: number): void;
  /** Companies that authorize the app now. */
  authorizedCompanyIds(appId: number): number[];
  /** The development companies (migration 011). */
  developmentCompanyIds(): number[];
}

export function createWebhookListenService(ctx: ServiceContext, repo: WebhookListenRepository = ctx.repos.webhookListen): WebhookListenService {
  return {
    start(listener) {
      return ctx.db
        .transaction(() => {
          repo.deleteStale(Date.now() - LISTENER_STALE_MS);
          return repo.insertListener({
            company_id: listener.companyId,
            app_id: listener.appId,
            topics: listener.topics.join(','),
            forward_to: listener.forwardTo,
            pid: listener.pid,
            heartbeat_at: Date.now(),
            created_at: ctx.clock.now(),
          });
        })
        .immediate();
    },
    heartbeat: (listenerId) => repo.heartbeat(listenerId, Date.now()),
    eventsAfter: (listenerId, afterId, limit) =>
      repo.eventsAfter(listenerId, afterId, limit).map((e) => ({ id: e.id, topic: e.topic, messageId: e.message_id, payload: e.payload })),
    forwarded: (eventId) => repo.deleteEvent(eventId),
    stop: (listenerId) => repo.deleteListener(listenerId),
    authorizedCompanyIds: (appId) => repo.authorizedCompanyIds(appId),
    developmentCompanyIds: () => repo.developmentCompanyIds(),
  };
}
