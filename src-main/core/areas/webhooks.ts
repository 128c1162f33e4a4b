// The webhooks area's core: registrations, where hooks may point (the operator's private networks, M1), the delivery log with its queue and failure rules (migrations 005
// and 009), the event writer that puts webhook events into every change's transaction, the platform clock's
// event, and the REST resource /admin/webhooks with the /_partnerdeck/clock control. The dispatcher itself is
// started by the hosts (webhooks/webhook-dispatcher.ts).
import { defineCoreArea } from '../area';
import { migration005 } from '../db/migrations/005-webhook-delivery';
import { migration009 } from '../db/migrations/009-webhook-log-retention';
import { migration012 } from '../db/migrations/012-webhook-listeners';
import { migration018 } from '../db/migrations/018-webhook-secret-grace';
import { migration028 } from '../db/migrations/028-team-server-network';
import { createDispatcherLeaseRepository, type DispatcherLeaseRepository } from '../repositories/dispatcher-lease-repository';
import { createWebhookDeliveryRepository, type WebhookDeliveryRepository } from '../repositories/webhook-delivery-repository';
import { createWebhooksRepository, type WebhooksRepository } from '../repositories/webhooks-repository';
import { createWebhookListenRepository, type WebhookListenRepository } from '../repositories/webhook-listen-repository';
import { webhooksModule } from '../server/admin/webhooks-routes';
import { clockModule } from '../server/routes/clock-routes';
import { createWebhookDeliveryService, type WebhookDeliveryService } from '../services/webhook-delivery-service';
import { createWebhookListenService, type WebhookListenService } from '../services/webhook-listen-service';
import { createWebhooksService, type WebhooksService } from '../services/webhooks-service';
import { createWebhookNetworkSettings, ownPortsOf, type WebhookNetworkSettings } from '../services/webhook-network-settings';
import { installWebhookEventWriter } from '../webhooks/webhook-event-writer';
import { installWebhookListenWriter } from '../webhooks/webhook-listen-writer';

declare module '../platform' {
  interface PlatformServices {
    /** Webhook registrations (REST /admin/webhooks). */
    readonly webhooks: WebhooksService;
    /** Where webhooks may go: our own servers' ports and the operator's allowed private ranges (M1). */
    readonly webhookNetwork: WebhookNetworkSettings;
    /** Webhook deliveries: the log, replays, reactivation, pair states (the dispatcher is started by the hosts). */
    readonly webhookDeliveries: WebhookDeliveryService;
    /** `partnerdeck listen`: its listener, heartbeat and the events written for it. */
    readonly webhookListen: WebhookListenService;
  }
}

declare module '../services/service-context' {
  interface Repositories {
    webhooks: WebhooksRepository;
    webhookDelivery: WebhookDeliveryRepository;
    /** `partnerdeck listen`: listeners and the events written for them (migration 012). */
    webhookListen: WebhookListenRepository;
    /** The dispatcher's lease (migration 028), on the asynchronous data layer. */
    dispatcherLease: DispatcherLeaseRepository;
  }
}

export const webhooksCore = defineCoreArea({
  name: 'webhooks',
  migrations: [migration005, migration009, migration012, migration018, migration028],
  repositories: {
    webhooks: createWebhooksRepository,
    webhookDelivery: createWebhookDeliveryRepository,
    webhookListen: createWebhookListenRepository,
    dispatcherLease: (_db, data) => createDispatcherLeaseRepository(data),
  },
  services: {
    webhookNetwork: ({ ctx, dataDir, publicUrl }) => createWebhookNetworkSettings(ctx, ownPortsOf(dataDir, publicUrl)),
    webhooks: ({ ctx, webhookNetwork }) => createWebhooksService(ctx, { policy: () => webhookNetwork.policy() }),
    webhookDeliveries: ({ ctx, webhooks }) => createWebhookDeliveryService(ctx, webhooks),
    webhookListen: ({ ctx }) => createWebhookListenService(ctx),
  },
  routes: [clockModule, webhooksModule],
  onOpen({ ctx, repos, clock, events }) {
    // Webhook event rows are written inside the transaction of every change that has a topic (spec §5).
    installWebhookEventWriter(ctx, repos.webhookDelivery);
    // ... and for every live `partnerdeck listen` of that company (migration 012).
    installWebhookListenWriter(ctx, repos.webhookListen);
    clock.onAdvance((now) => events.publish('clock.advanced', { now, offsetMs: clock.offsetMs() }));
  },
});
