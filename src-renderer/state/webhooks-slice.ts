// Webhooks and the platform clock: the hooks overview (grouped by app and company, with their state), the
// delivery log (paged newest first; pushed events fetch what is newer, scrolling fetches what is older),
// one attempt's request in detail, replays and reactivation.
import type { ClockInfo, PrivateNetworksView, WebhookAttemptDetail, WebhookAttemptSummary, WebhookRecovery, WebhooksOverview, WebhookTestSendResult } from '../../src-shared/api/webhook-delivery-types';
import type { WebhookTopic } from '../../src-shared/domain/webhook-topics';
import { createKeyedLoader } from './keyed-loader';
import { idle, ready, type Loadable } from './loadable';
import { entryTarget, fieldTarget, mutate, patch, type SliceContext } from './slice-context';
import type { SliceParts } from '../area';

export const ATTEMPTS_PAGE = 100;

export interface AttemptLog {
  /** The hook the log is filtered to (null: every hook in reach). */
  webhookId: number | null;
  items: WebhookAttemptSummary[];
  hasMore: boolean;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  loadingOlder: boolean;
}

export interface WebhooksState {
  overview: Loadable<WebhooksOverview>;
  log: AttemptLog;
  details: Record<number, Loadable<WebhookAttemptDetail>>;
  clock: Loadable<ClockInfo>;
  /** Event ids whose replay was asked for and has not been logged yet. */
  replaying: number[];
  /** The private ranges the operator allows webhooks into (loaded for operators only). */
  privateNetworks: Loadable<PrivateNetworksView>;
}

export interface WebhooksActions {
  loadWebhooks(): Promise<void>;
  /** (Re)loads the newest page of the log for a hook (or all hooks). */
  loadAttempts(webhookId: number | null): Promise<void>;
  loadOlderAttempts(): Promise<void>;
  loadNewerAttempts(): Promise<void>;
  loadAttempt(attemptId: number): Promise<void>;
  replay(eventId: number): Promise<void>;
  reactivate(webhookId: number): Promise<void>;
  /** "Send test event…": one signed notification now (not logged, not retried); field errors come back as ApiError. */
  sendTestWebhook(input: { topic: WebhookTopic; companyId: number; appId: number | null; to: string | null; data: string | null }): Promise<WebhookTestSendResult>;
  /** "Recover failed…": how many events still queued since a time would be sent again (nothing is written). */
  previewRecovery(since: string, webhookId: number | null): Promise<WebhookRecovery>;
  /** Sends them again as replays (same webhook-id); the overview reloads. */
  recoverWebhooks(since: string, webhookId: number | null): Promise<WebhookRecovery>;
  loadClock(): Promise<void>;
  advanceClock(duration: string): Promise<ClockInfo>;
  loadPrivateNetworks(): Promise<void>;
  /** Operator only: allow ranges or take them back; field errors (allow, disallow) come back as ApiError. */
  changePrivateNetworks(change: { allow?: string[]; disallow?: string[] }): Promise<void>;
}

const emptyLog = (webhookId: number | null): AttemptLog => ({ webhookId, items: [], hasMore: false, status: 'idle', error: null, loadingOlder: false });

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createWebhooksSlice(ctx: SliceContext): SliceParts<WebhooksState, WebhooksActions> {
  const loader = createKeyedLoader();

  const log = () => ctx.get().webhooks.log;

  const actions: WebhooksActions = {
    loadWebhooks: () =>
      loader.load('overview', fieldTarget(ctx, 'webhooks', 'overview'), () => ctx.client.call('webhooks.overview', {}), {
        // The overview carries the platform clock.
        onAnswer: (overview) => patch(ctx, 'webhooks', { clock: ready(overview.clock) }),
      }),

    async loadAttempts(webhookId) {
      const isNewest = loader.begin('log');
      patch(ctx, 'webhooks', (w) => ({
        log: w.log.webhookId === webhookId ? { ...w.log, status: 'loading' as const, error: null } : { ...emptyLog(webhookId), status: 'loading' as const },
      }));
      try {
        const page = await ctx.client.call('webhooks.attempts', { webhookId, limit: ATTEMPTS_PAGE });
        if (isNewest()) patch(ctx, 'webhooks', { log: { webhookId, items: page.items, hasMore: page.hasMore, status: 'ready', error: null, loadingOlder: false } });
      } catch (error) {
        if (isNewest()) patch(ctx, 'webhooks', (w) => ({ log: { ...w.log, status: 'error' as const, error: errorText(error) } }));
      }
    },

    async loadOlderAttempts() {
      const current = log();
      if (current.status !== 'ready' || !current.hasMore || current.loadingOlder || current.items.length === 0) return;
      const stillShown = loader.current('log');
      patch(ctx, 'webhooks', (w) => ({ log: { ...w.log, loadingOlder: true } }));
      try {
        const page = await ctx.client.call('webhooks.attempts', { webhookId: current.webhookId, beforeId: current.items[current.items.length - 1].id, limit: ATTEMPTS_PAGE });
        if (stillShown()) patch(ctx, 'webhooks', (w) => ({ log: { ...w.log, items: [...w.log.items, ...page.items], hasMore: page.hasMore, loadingOlder: false } }));
      } catch (error) {
        if (stillShown()) patch(ctx, 'webhooks', (w) => ({ log: { ...w.log, loadingOlder: false, error: errorText(error) } }));
      }
    },

    async loadNewerAttempts() {
      const current = log();
      if (current.status !== 'ready') return;
      if (current.items.length === 0) return actions.loadAttempts(current.webhookId);
      const stillShown = loader.current('log');
      try {
        // Newest first; a burst bigger than a page reloads the first page instead of leaving a gap.
        const page = await ctx.client.call('webhooks.attempts', { webhookId: current.webhookId, afterId: current.items[0].id, limit: ATTEMPTS_PAGE });
        if (!stillShown()) return;
        if (page.hasMore) return actions.loadAttempts(current.webhookId);
        if (page.items.length > 0) {
          const seen = new Set(page.items.map((a) => a.eventId));
          patch(ctx, 'webhooks', (w) => ({
            log: {
              ...w.log,
              // An event's state may have changed (delivered by a later attempt): refresh it on the older rows.
              items: [...page.items, ...w.log.items.map((a) => (seen.has(a.eventId) ? { ...a, eventState: page.items.find((p) => p.eventId === a.eventId)!.eventState } : a))],
            },
            replaying: w.replaying.filter((id) => !page.items.some((a) => a.eventId === id && a.kind === 'replay')),
          }));
        }
      } catch {
        // The next pushed event tries again.
      }
    },

    loadAttempt: (attemptId) => loader.load(`attempt:${attemptId}`, entryTarget(ctx, 'webhooks', 'details', attemptId), () => ctx.client.call('webhooks.attempt', { attemptId })),

    async replay(eventId) {
      await mutate(ctx, () => ctx.client.call('webhooks.replay', { eventId }), (r) => `Replay of ${r.messageId} requested`);
      patch(ctx, 'webhooks', (w) => ({ replaying: [...new Set([...w.replaying, eventId])] }));
    },

    async reactivate(webhookId) {
      const hook = await mutate(ctx, () => ctx.client.call('webhooks.reactivate', { webhookId }), (h) => `Webhook ${h.topic} is active again`);
      patch(ctx, 'webhooks', (w) =>
        w.overview.data
          ? { overview: ready({ ...w.overview.data, groups: w.overview.data.groups.map((g) => ({ ...g, hooks: g.hooks.map((h) => (h.id === hook.id ? hook : h)) })) }) }
          : {},
      );
    },

    sendTestWebhook: (input) => ctx.client.call('webhooks.sendTest', input),

    previewRecovery: (since, webhookId) => ctx.client.call('webhooks.recoverPreview', { since, webhookId }),

    async recoverWebhooks(since, webhookId) {
      const recovery = await mutate(ctx, () => ctx.client.call('webhooks.recover', { since, webhookId }), (r) =>
        r.events === 0 ? 'Nothing to send again: every event since then was delivered' : `${r.events} event${r.events === 1 ? '' : 's'} will be sent again`,
      );
      void actions.loadWebhooks();
      return recovery;
    },

    loadClock: () => loader.load('clock', fieldTarget(ctx, 'webhooks', 'clock'), () => ctx.client.call('clock.get', {})),

    loadPrivateNetworks: () => loader.load('privateNetworks', fieldTarget(ctx, 'webhooks', 'privateNetworks'), () => ctx.client.call('webhooks.privateNetworks', {})),

    async changePrivateNetworks(change) {
      const removing = (change.disallow ?? []).length > 0;
      const view = await mutate(ctx, () => ctx.client.call('webhooks.setPrivateNetworks', { allow: change.allow ?? [], disallow: change.disallow ?? [] }), removing ? 'Range taken back: webhooks to it are refused from now on' : 'Range allowed for webhooks');
      patch(ctx, 'webhooks', { privateNetworks: ready(view) });
    },

    async advanceClock(duration) {
      const clock = await ctx.client.call('clock.advance', { duration });
      patch(ctx, 'webhooks', { clock: ready(clock) });
      return clock;
    },
  };

  const initial: WebhooksState = { overview: idle(), log: emptyLog(null), details: {}, clock: idle(), replaying: [], privateNetworks: idle() };
  // The platform clock and the operator's private networks are not the acting company's: they stay across a switch.
  return { state: initial, actions, forActing: (current) => ({ ...initial, clock: current.clock, privateNetworks: current.privateNetworks }) };
}
