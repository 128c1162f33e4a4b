// The renderer's webhooks slice: the log loads newest first, pushed events fetch only what is newer (and the
// first page again after a burst bigger than a page), scrolling fetches older pages, replays and reactivation.
import { describe, expect, it } from 'vitest';
import type { MethodName } from '../../../../src-shared/api/contract';
import type { WebhookAttemptSummary, WebhooksOverview } from '../../../../src-shared/api/webhook-delivery-types';
import { applyPushedEvent } from '../../../../src-renderer/state/pushed-events';
import type { ConsoleApi } from '../../../../src-renderer/state/slice-context';
import { createAppStore } from '../../../../src-renderer/state/store';
import { ATTEMPTS_PAGE } from '../../../../src-renderer/state/webhooks-slice';

type Handler = (input: any) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

function fakeClient(handlers: Partial<Record<MethodName, Handler>>) {
  const calls: { method: MethodName; input: any }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    calls,
    client: {
      async call(method: MethodName, input: unknown) {
        calls.push({ method, input });
        return handlers[method]!(input);
      },
    } as unknown as ConsoleApi,
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 10));

const attempt = (id: number, extra: Partial<WebhookAttemptSummary> = {}): WebhookAttemptSummary => ({
  id,
  eventId: id,
  webhookId: 1,
  appId: 1,
  companyId: 2,
  topic: 'order/create',
  messageId: `msg_${id}`,
  kind: 'delivery',
  retryNumber: null,
  attemptedAt: '2026-11-01T09:00:00.000Z',
  durationMs: 3,
  statusCode: 200,
  ok: true,
  error: null,
  url: 'http://127.0.0.1:9/h',
  eventState: 'delivered',
  ...extra,
});

/** A log of `count` attempts (ids 1..count) the fake serves like the real method: newest first, keyset pages. */
function logOf(count: number) {
  let all = Array.from({ length: count }, (_, i) => attempt(i + 1));
  return {
    add: (items: WebhookAttemptSummary[]) => (all = [...all, ...items]),
    handler: ({ beforeId, afterId, limit }: { beforeId?: number | null; afterId?: number | null; limit: number }) => {
      const rows = all.filter((a) => (beforeId == null || a.id < beforeId) && (afterId == null || a.id > afterId)).sort((a, b) => b.id - a.id);
      return { items: rows.slice(0, limit), hasMore: rows.length > limit };
    },
  };
}

const overview: WebhooksOverview = { groups: [], clock: { now: '2026-11-01T09:00:00.000Z', offsetMs: 0, realNow: '2026-11-01T09:00:00.000Z' } };

describe('webhooks slice', () => {
  it('pages the log: newest first, older on demand, only what is newer on a pushed event', async () => {
    const log = logOf(ATTEMPTS_PAGE + 30);
    const { client, calls } = fakeClient({ 'webhooks.attempts': log.handler, 'webhooks.overview': () => overview });
    const store = createAppStore(client, { refreshDelayMs: 1 });
    await store.getState().actions.loadAttempts(null);
    let state = store.getState().webhooks.log;
    expect(state.items.map((a) => a.id).slice(0, 2)).toEqual([ATTEMPTS_PAGE + 30, ATTEMPTS_PAGE + 29]);
    expect(state.hasMore).toBe(true);
    await store.getState().actions.loadOlderAttempts();
    state = store.getState().webhooks.log;
    expect(state.items).toHaveLength(ATTEMPTS_PAGE + 30);
    expect(state.hasMore).toBe(false);

    // A retry of event 1 arrives: the new row goes on top and the older rows of that event show its new state.
    log.add([attempt(ATTEMPTS_PAGE + 31, { eventId: 1, kind: 'replay', eventState: 'delivered' })]);
    applyPushedEvent(store, { name: 'webhook_deliveries.changed', payload: { companyId: 2 } });
    await flush();
    state = store.getState().webhooks.log;
    expect(state.items[0].id).toBe(ATTEMPTS_PAGE + 31);
    expect(state.items).toHaveLength(ATTEMPTS_PAGE + 31);
    expect(calls.filter((c) => c.method === 'webhooks.attempts').at(-1)!.input).toMatchObject({ afterId: ATTEMPTS_PAGE + 30 });

    // A burst bigger than a page: the first page is loaded again instead of leaving a gap.
    log.add(Array.from({ length: ATTEMPTS_PAGE + 5 }, (_, i) => attempt(ATTEMPTS_PAGE + 32 + i)));
    applyPushedEvent(store, { name: 'webhook_deliveries.changed', payload: { companyId: 2 } });
    await flush();
    await flush();
    state = store.getState().webhooks.log;
    expect(state.items).toHaveLength(ATTEMPTS_PAGE);
    expect(state.items[0].id).toBe(2 * ATTEMPTS_PAGE + 36);
    expect(state.hasMore).toBe(true);
  });

  it('filters by hook, remembers a replay until its attempt shows up, and refreshes the clock when it moves', async () => {
    const log = logOf(3);
    let clockCalls = 0;
    const { client, calls } = fakeClient({
      'webhooks.attempts': log.handler,
      'webhooks.replay': ({ eventId }) => ({ eventId, messageId: `msg_${eventId}`, requestedAt: overview.clock.now }),
      'clock.get': () => {
        clockCalls += 1;
        return { ...overview.clock, offsetMs: 60_000 };
      },
    });
    const store = createAppStore(client, { refreshDelayMs: 1 });
    await store.getState().actions.loadAttempts(7);
    expect(calls[0].input).toMatchObject({ webhookId: 7 });
    await store.getState().actions.replay(2);
    expect(store.getState().webhooks.replaying).toEqual([2]);
    log.add([attempt(4, { eventId: 2, kind: 'replay' })]);
    await store.getState().actions.loadNewerAttempts();
    expect(store.getState().webhooks.replaying).toEqual([]);
    applyPushedEvent(store, { name: 'clock.advanced', payload: { now: 1, offsetMs: 60_000 } });
    await flush();
    expect(clockCalls).toBe(1);
    expect(store.getState().webhooks.clock.data?.offsetMs).toBe(60_000);
  });
});
