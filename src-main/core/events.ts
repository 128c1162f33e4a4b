// The platform's in-process event bus. Services publish after their transaction commits; the console
// forwards events to the renderer, later issues hang webhooks and schedulers on it. Events are noun.verb.
import { logFor } from './logging/logger';

export interface PlatformEvents {
  'company.created': { companyId: number };
  'company.updated': { companyId: number };
  'user.changed': { companyId: number; userId: number };
  'partner_request.changed': { requestId: number };
  'outbox.added': { messageId: number };
  'shop.updated': { companyId: number };
  // Shop data (spec §2). `id` is the row's id. These feed the webhooks of spec §5 through the
  // transactional outbox (ServiceContext.onEmitInTransaction), so emit them inside the transaction.
  'product.created': ShopObjectEvent;
  'product.updated': ShopObjectEvent;
  'product.deleted': ShopObjectEvent;
  'customer.created': ShopObjectEvent;
  'customer.updated': ShopObjectEvent;
  'customer.deleted': ShopObjectEvent;
  'order.created': ShopObjectEvent;
  'order.updated': ShopObjectEvent;
  'subscriber.created': ShopObjectEvent;
  'subscriber.updated': ShopObjectEvent;
  'subscriber.deleted': ShopObjectEvent;
  'group_member.created': ShopObjectEvent;
  'group_member.updated': ShopObjectEvent;
  'group_member.deleted': ShopObjectEvent;
  'news_recipient.created': ShopObjectEvent;
  'news_recipient.updated': ShopObjectEvent;
  'news_recipient.deleted': ShopObjectEvent;
  // Further shop objects (no webhook topic of their own in spec §5; the console refreshes on them).
  'order.deleted': ShopObjectEvent;
  'category.created': ShopObjectEvent;
  'category.updated': ShopObjectEvent;
  'category.deleted': ShopObjectEvent;
  'access_group.created': ShopObjectEvent;
  'access_group.updated': ShopObjectEvent;
  'access_group.deleted': ShopObjectEvent;
  'theme.created': ShopObjectEvent;
  'theme.updated': ShopObjectEvent;
  'theme.deleted': ShopObjectEvent;
  'file.created': ShopObjectEvent;
  'file.updated': ShopObjectEvent;
  'file.deleted': ShopObjectEvent;
  // Apps installed for a company (spec §6): uninstalling fires app/uninstalled, changing permissions app/update.
  'app.uninstalled': { companyId: number; appId: number };
  'app.updated': { companyId: number; appId: number };
  // The App Store (spec §6): an app or theme was installed for a company (`companyId`: the company it is
  // installed for); a listing changed (created, edited, secret rotated, approval requested or decided,
  // visibility changed; `companyId`: the developer's company).
  'app.installed': { companyId: number; appId: number; installId: number };
  'app_listing.changed': { appId: number; companyId: number };
  // A company's grant to an app (OAuth consent, later App Store installs) and its revocation (which also
  // revokes every token issued under it).
  'authorization.granted': AuthorizationEvent;
  'authorization.revoked': AuthorizationEvent;
  // Webhook registrations (REST /admin/webhooks). `webhook.deleted` is emitted inside the transaction just
  // before the row is deleted; `webhook.reactivated` when a PUT sets is_active from false to true (the
  // dispatcher resumes delivery of what is queued).
  'webhook.created': WebhookEvent;
  'webhook.updated': WebhookEvent;
  'webhook.deleted': WebhookEvent;
  'webhook.reactivated': WebhookEvent;
  // Webhook delivery (spec §5): `webhook.deactivated` follows the last failed retry; delivery progress is
  // announced per company, at most a few times a second, for live views.
  'webhook.deactivated': WebhookEvent;
  'webhook_delivery.replay_requested': { eventId: number; companyId: number };
  'webhook_deliveries.changed': { companyId: number };
  // The month close (spec §7): a month was closed, a document issued or corrected, a partner's prices or
  // drafted invoices changed (month: null when no month is concerned).
  'billing.changed': { month: string | null };
  // The platform clock was moved forward (spec §9).
  'clock.advanced': { now: number; offsetMs: number };
}

export interface AuthorizationEvent {
  authorizationId: number;
  appId: number;
  companyId: number;
}

export interface WebhookEvent {
  webhookId: number;
  appId: number;
  companyId: number;
}

/** A change to one object of a company's shop. */
export interface ShopObjectEvent {
  companyId: number;
  id: number;
}

export type PlatformEventName = keyof PlatformEvents;

type Listener = (name: PlatformEventName, payload: PlatformEvents[PlatformEventName]) => void;

export interface EventBus {
  publish<E extends PlatformEventName>(name: E, payload: PlatformEvents[E]): void;
  /** Subscribes to every event; returns an unsubscribe function. */
  subscribe(listener: Listener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<Listener>();
  return {
    publish(name, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(name, payload);
        } catch (error) {
          // A failing subscriber must not break the action that published the event.
          logFor('events').error(`event listener for ${name} failed`, error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
