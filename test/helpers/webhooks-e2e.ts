// The set-up the Webhooks screen's e2e files share: a receiver answering 200, the demo folder with an app ("Order
// Sync", Kawaii's) whose order/create hook for Alpenglück points at the receiver, another process's view of the
// folder (as `partnerdeck trigger` would have) to raise events with, and the console on it in Chromium.
import type { CorePlatform } from '../../src-main/core/platform';
import { consoleSuite, type ConsoleSuite } from './console-e2e';
import { idOfCompany } from './fixtures';
import { insertApp, insertHook, openRealClockPlatform, startReceiver, type Receiver } from './webhooks';

export interface WebhookConsoleSuite extends ConsoleSuite {
  receiver: Receiver;
  /** Another process's view of the folder. */
  shop: CorePlatform;
  /** Alpenglück, the company the hook is for. */
  companyId: number;
  hookId: number;
  /** Raises order.created for the order id in Alpenglück's shop. */
  order(id: number): void;
}

export function webhookConsoleSuite(prefix: string): WebhookConsoleSuite {
  const suite = consoleSuite(prefix, {
    viewport: { width: 1280, height: 900 },
    async prepare(dataDir) {
      suite.receiver = await startReceiver(200);
      suite.shop = openRealClockPlatform({ path: dataDir, remove: () => undefined }, 'demo');
      suite.companyId = idOfCompany(suite.shop, 'Alpenglück');
      const app = insertApp(suite.shop, { companyId: idOfCompany(suite.shop, 'Kawaii'), name: 'Order Sync', developerEmail: 'dev@ordersync.example' });
      suite.hookId = insertHook(suite.shop, { appId: app.id, companyId: suite.companyId, topic: 'order/create', address: suite.receiver.url });
    },
    async finish() {
      suite.shop?.close();
      await suite.receiver?.close();
    },
  }) as WebhookConsoleSuite;
  suite.order = (id) => suite.shop.ctx.transact((emit) => emit('order.created', { companyId: suite.companyId, id }));
  return suite;
}
