// The webhooks area in the renderer: the hooks, the delivery log and the platform clock, kept live by the
// webhook and clock events.
import { allowIf, defineRendererArea, isPath, positiveInt, refreshLater, routeDef } from '../../area';
import { createWebhooksSlice, type WebhooksActions, type WebhooksState } from '../../state/webhooks-slice';

declare module '../../state/store' {
  interface AreaSlices {
    webhooks: { state: WebhooksState; actions: WebhooksActions };
  }
}

export const webhooksArea = defineRendererArea({
  name: 'webhooks',
  screenModule: () => import('./screens'),
  routes: {
    /** The hooks and the delivery log of every hook in reach, or of one (`webhookId`). */
    webhooks: routeDef<{ webhookId: number | null }>({
      parse(p) {
        if (isPath(p, 'webhooks')) return { webhookId: null };
        const webhookId = positiveInt(p[1]);
        return p.length === 2 && p[0] === 'webhooks' && webhookId !== null ? { webhookId } : null;
      },
      path: (r) => (r.webhookId === null ? '/webhooks' : `/webhooks/${r.webhookId}`),
    }),
  },
  screens: (S) => ({
    webhooks: (r) => <S.WebhooksScreen webhookId={r.webhookId} />,
  }),
  access: {
    webhooks: (_r, caps) => allowIf(caps.webhooks),
  },
  nav: [{ section: 'platform', order: 2, route: { name: 'webhooks', webhookId: null }, icon: 'webhook', label: 'Webhooks', testId: 'nav-webhooks', show: (caps) => caps.webhooks }],
  slices: { webhooks: createWebhooksSlice },
  onEvent(event, store) {
    const s = store.getState();
    const a = s.actions;
    switch (event.name) {
      case 'webhook.created':
      case 'webhook.updated':
      case 'webhook.deleted':
      case 'webhook.reactivated':
      case 'webhook.deactivated':
        if (s.webhooks.overview.status !== 'idle') refreshLater(store, 'webhooks', () => void a.loadWebhooks());
        return;
      case 'webhook.failing':
        // The 24-hour alert (the developer's email went out too): a notice now, and the block turns red on the screen.
        a.toast('error', `Webhooks of ${event.payload.appName} for ${event.payload.companyName} have failed for 24 hours`, `They are deactivated at about ${new Date(event.payload.deactivatesAt).toLocaleString()} unless the endpoint answers.`);
        if (s.webhooks.overview.status !== 'idle') refreshLater(store, 'webhooks', () => void a.loadWebhooks());
        return;
      case 'webhook_deliveries.changed':
        if (s.webhooks.overview.status !== 'idle') refreshLater(store, 'webhooks', () => void a.loadWebhooks());
        if (s.webhooks.log.status === 'ready') refreshLater(store, 'webhook-log', () => void a.loadNewerAttempts());
        return;
      case 'clock.advanced':
        refreshLater(store, 'clock', () => void a.loadClock());
        if (s.webhooks.overview.status !== 'idle') refreshLater(store, 'webhooks', () => void a.loadWebhooks());
        return;
    }
  },
});
