// Delivery through the real worker to a real receiver on 127.0.0.1: the payload and both signatures as a
// receiver checks them (the standardwebhooks library and an independent hash), the attempt log, replays,
// a worker crash, a restart of the whole platform, the lease between processes, and rows committed by
// another connection (what `partnerdeck trigger` does from another process).
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../src-main/core/access';
import { standardWebhooksSecret } from '../../src-main/core/webhooks/webhook-signing';
import type { WebhookDispatcher } from '../../src-main/core/webhooks/webhook-dispatcher';
import { independentHash } from '../helpers/independent-hash';
import { tempDir } from '../helpers/platform';
import { insertApp, insertHook, openRealClockPlatform, shopCompanyId, startDeliveryRig, startReceiver, startTestDispatcher, type Receiver } from '../helpers/webhooks';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: { answer?: number | 'hang' } = {}) {
  const rig = await startDeliveryRig(cleanups, options.answer);
  const { platform } = rig;
  const attempts = () =>
    platform.db.prepare('SELECT * FROM webhook_attempts ORDER BY id').all() as {
      event_id: number;
      kind: string;
      status_code: number | null;
      ok: number;
      request_headers: string;
      request_body: string;
      error: string | null;
    }[];
  return { ...rig, attempts };
}

function verifyLikeAReceiver(receiver: Receiver, secret: string) {
  return receiver.requests.map((request) => {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
    const verified = new Webhook(standardWebhooksSecret(secret)).verify(request.body, headers) as Record<string, unknown>;
    expect(new Webhook(secret, { format: 'raw' }).verify(request.body, headers)).toEqual(verified);
    expect(verified.hash).toBe(independentHash(secret, request.body));
    return verified;
  });
}

describe('webhook delivery', () => {
  it('sends the signed order/create payload, verifiable with standardwebhooks and the hash recipe', async () => {
    const { platform, receiver, company, app, order, dispatcher, attempts } = await setup();
    order(267227);
    await dispatcher.settle();
    expect(receiver.requests).toHaveLength(1);
    const request = receiver.requests[0];
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toMatch(/^\{"company_id":\d+,"producer":"shop","scope":"order\/create","data":\{"type":"order","id":"267227"\},"hash":"[0-9a-f]{64}"\}$/);
    const [payload] = verifyLikeAReceiver(receiver, app.secret);
    expect(payload).toMatchObject({ company_id: company, producer: 'shop', scope: 'order/create', data: { type: 'order', id: '267227' } });
    const event = platform.db.prepare('SELECT * FROM webhook_events').get() as { message_id: string; state: string; attempts: number };
    expect(request.headers['webhook-id']).toBe(event.message_id);
    expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(event).toMatchObject({ state: 'delivered', attempts: 1 });
    const [attempt] = attempts();
    expect(attempt).toMatchObject({ kind: 'delivery', status_code: 200, ok: 1, error: null, request_body: request.body });
    expect(JSON.parse(attempt.request_headers)).toMatchObject({ 'webhook-id': event.message_id, 'webhook-signature': request.headers['webhook-signature'] });
  });

  it('reuses kept-alive connections and logs every attempt', async () => {
    const { receiver, order, dispatcher, attempts } = await setup();
    for (let i = 1; i <= 40; i++) order(i);
    await dispatcher.settle();
    expect(receiver.requests).toHaveLength(40);
    expect(new Set(receiver.requests.map((r) => r.remotePort)).size).toBeLessThan(40);
    expect(attempts()).toHaveLength(40);
    expect(new Set(receiver.requests.map((r) => JSON.parse(r.body).data.id))).toEqual(new Set(Array.from({ length: 40 }, (_, i) => String(i + 1))));
  });

  it('a replay is a new attempt of the same event with the same webhook-id, logged as a replay', async () => {
    const { platform, receiver, order, dispatcher, attempts } = await setup();
    order(1);
    await dispatcher.settle();
    const eventId = attempts()[0].event_id;
    platform.webhookDeliveries.requestReplay(null, eventId);
    await dispatcher.settle();
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[1].headers['webhook-id']).toBe(receiver.requests[0].headers['webhook-id']);
    expect(receiver.requests[1].body).toBe(receiver.requests[0].body);
    expect(attempts().map((a) => a.kind)).toEqual(['delivery', 'replay']);
    expect(platform.repos.webhookDelivery.getEvent(eventId)).toMatchObject({ attempts: 2, replay_requested_at: null });
  });

  it('restarts a worker that died and sends again what had no outcome, losing nothing', async () => {
    const { receiver, order, dispatcher, attempts } = await setup({ answer: 'hang' });
    for (let i = 1; i <= 5; i++) order(i);
    await receiver.waitForCount(5);
    expect(dispatcher.status().inFlight).toBe(5);
    receiver.answer = 200;
    await dispatcher.terminateWorker();
    await dispatcher.settle();
    expect(dispatcher.status().workerStarts).toBe(2);
    expect(attempts().filter((a) => a.ok === 1)).toHaveLength(5);
    const delivered = new Set(receiver.requests.slice(5).map((r) => JSON.parse(r.body).data.id));
    expect(delivered).toEqual(new Set(['1', '2', '3', '4', '5']));
  });

  it('after a crash of the whole app the queued events go out on the next start', async () => {
    const dir = tempDir();
    const receiver = await startReceiver('hang');
    cleanups.push(() => receiver.close(), () => dir.remove());
    let platform = openRealClockPlatform({ path: dir.path, remove: () => undefined });
    const company = shopCompanyId(platform);
    const app = insertApp(platform, { companyId: company });
    insertHook(platform, { appId: app.id, companyId: company, topic: 'customer/create', address: receiver.url });
    let dispatcher: WebhookDispatcher = startTestDispatcher(platform, { stopGraceMs: 0 });
    platform.ctx.transact((emit) => {
      emit('customer.created', { companyId: company, id: 1 });
      emit('customer.created', { companyId: company, id: 2 });
    });
    await receiver.waitForCount(2);
    // Quit without any outcome recorded.
    await dispatcher.stop();
    platform.close();
    receiver.answer = 200;
    platform = openRealClockPlatform({ path: dir.path, remove: () => undefined });
    dispatcher = startTestDispatcher(platform);
    await dispatcher.settle();
    await dispatcher.stop();
    const states = platform.db.prepare('SELECT state FROM webhook_events').pluck().all();
    platform.close();
    expect(states).toEqual(['delivered', 'delivered']);
    expect(receiver.requests.slice(2).map((r) => JSON.parse(r.body).data.id).sort()).toEqual(['1', '2']);
    verifyLikeAReceiver({ ...receiver, requests: receiver.requests.slice(2) }, app.secret);
  });

  it('one dispatcher per data folder: a second one stands by and takes over when the first stops', async () => {
    const { platform, receiver, company, order, dispatcher } = await setup();
    const second = openRealClockPlatform({ path: platform.dir, remove: () => undefined }, 'none');
    const standby = startTestDispatcher(second);
    cleanups.push(async () => {
      await standby.stop();
      second.close();
    });
    expect(standby.status().state).toBe('standby');
    order(1);
    await dispatcher.settle();
    expect(receiver.requests).toHaveLength(1);
    await dispatcher.stop();
    await expect.poll(() => standby.status().state, { timeout: 5_000 }).toBe('active');
    second.ctx.transact((emit) => emit('order.created', { companyId: company, id: 2 }));
    await standby.settle();
    expect(receiver.requests.map((r) => JSON.parse(r.body).data.id)).toEqual(['1', '2']);
  });

  it('picks up rows another process committed (the CLI writing to the same folder)', async () => {
    const { platform, receiver, company } = await setup();
    const cli = openRealClockPlatform({ path: platform.dir, remove: () => undefined }, 'none');
    cli.ctx.transact((emit) => emit('order.created', { companyId: company, id: 77 }));
    cli.close();
    await receiver.waitForCount(1);
    expect(JSON.parse(receiver.requests[0].body).data.id).toBe('77');
  });

  it('does not send to an address the rules refuse (a hook stored before them, or pointing at the server port)', async () => {
    const { platform, receiver, hook, order, dispatcher, attempts } = await setup();
    // Written behind the service's back, as an older data folder could hold it.
    platform.db.prepare('UPDATE webhooks SET address = ? WHERE id = ?').run('http://169.254.169.254/latest/meta-data/', hook);
    order(1);
    await dispatcher.settle();
    expect(receiver.requests).toHaveLength(0);
    expect(attempts().map((a) => [a.ok, a.status_code, a.error])).toEqual([
      [0, null, 'refused: the address must not point at a link-local or cloud metadata address (169.254.169.254)'],
    ]);
  });

  it('does not send to a private network address stored before the rules (M1)', async () => {
    const { platform, receiver, hook, order, dispatcher, attempts } = await setup();
    platform.db.prepare('UPDATE webhooks SET address = ? WHERE id = ?').run('http://[::ffff:10.0.0.1]:9/hook', hook);
    order(1);
    await dispatcher.settle();
    expect(receiver.requests).toHaveLength(0);
    expect(attempts().map((a) => a.error)).toEqual([
      'refused: the address must not point at an IPv4-mapped address carrying 10.0.0.1, a private network address (::ffff:a00:1); the platform operator can allow a private range (partnerdeck webhooks private-networks --allow CIDR)',
    ]);
  });

  it('does not send to a private range the operator took back after the hook was registered', async () => {
    const { platform, receiver, hook, order, dispatcher, attempts } = await setup();
    platform.webhookNetwork.change(OPERATOR, { allow: ['192.168.0.0/16'], disallow: [] });
    platform.webhooks.update({ appId: platform.webhooks.listForCompany(shopCompanyId(platform))[0].appId, companyId: shopCompanyId(platform) }, hook, { id: hook, address: 'http://192.168.77.1:9/hook' });
    platform.webhookNetwork.change(OPERATOR, { allow: [], disallow: ['192.168.0.0/16'] });
    order(1);
    await dispatcher.settle();
    expect(receiver.requests).toHaveLength(0);
    expect(attempts().map((a) => a.error)).toEqual([
      'refused: the address must not point at a private network address (192.168.77.1); the platform operator can allow a private range (partnerdeck webhooks private-networks --allow CIDR)',
    ]);
  });

  it("does not send to the platform server's own port", async () => {
    const { platform, receiver, order, dispatcher, attempts } = await setup();
    // The receiver's port stands for the server's: a hook registered before the server took that port.
    const port = Number(new URL(receiver.url).port);
    platform.setPublicUrl(`http://127.0.0.1:${port}`);
    order(1);
    await dispatcher.settle();
    expect(receiver.requests).toHaveLength(0);
    expect(attempts().map((a) => a.error)).toEqual([`refused: the address must not point at the platform server itself (port ${port})`]);
  });

  it('keeps delivered events 30 days of platform time after delivery, then deletes them with their attempts', async () => {
    const { platform, order, attempts, dispatcher } = await setup();
    const DAY = 86_400_000;
    const events = () => platform.db.prepare('SELECT id FROM webhook_events ORDER BY id').pluck().all() as number[];
    const pruned = async (n: number) => {
      for (let i = 0; i < 200 && dispatcher.status().eventsPruned < n; i++) await new Promise((r) => setTimeout(r, 25));
      return dispatcher.status().eventsPruned;
    };
    order(1);
    order(2);
    await dispatcher.settle();
    platform.clock.advance(20 * DAY);
    order(3);
    await dispatcher.settle();
    const [first, second, third] = events();
    expect(attempts()).toHaveLength(3);
    platform.clock.advance(10 * DAY + 60_000); // the first two were delivered 30 days and a minute ago
    expect(await pruned(2)).toBe(2);
    expect(events()).toEqual([third]);
    expect(attempts().map((a) => a.event_id)).toEqual([third]);
    expect(platform.repos.webhookDelivery.getEvent(first)).toBeUndefined();
    expect(platform.repos.webhookDelivery.getEvent(second)).toBeUndefined();
    platform.clock.advance(20 * DAY);
    expect(await pruned(3)).toBe(3);
    expect(events()).toEqual([]);
  });

  it('the retention never deletes a queued event or one with a replay asked for, and works oldest first in batches', async () => {
    const platform = openRealClockPlatform();
    cleanups.push(() => platform.dispose());
    const company = shopCompanyId(platform);
    const app = insertApp(platform, { companyId: company });
    const hook = insertHook(platform, { appId: app.id, companyId: company, topic: 'order/create', address: 'http://127.0.0.1:9/' });
    const repo = platform.repos.webhookDelivery;
    const event = (n: number, state: 'queued' | 'delivered', deliveredAt: number | null, replay: number | null = null) => {
      const id = repo.insertEvent({ webhook_id: hook, app_id: app.id, company_id: company, topic: 'order/create', message_id: `msg_${n}`, payload: '{}', created_at: 1 });
      platform.db.prepare('UPDATE webhook_events SET state = ?, delivered_at = ?, replay_requested_at = ? WHERE id = ?').run(state, deliveredAt, replay, id);
      platform.db
        .prepare(`INSERT INTO webhook_attempts (event_id, webhook_id, app_id, company_id, kind, attempted_at, duration_ms, ok, url, request_headers, request_body)
                  VALUES (?, ?, ?, ?, 'delivery', 1, 1, 1, 'http://127.0.0.1:9/', '{}', '{}')`)
        .run(id, hook, app.id, company);
      return id;
    };
    const old = [event(1, 'delivered', 300), event(2, 'delivered', 100), event(3, 'delivered', 200)];
    const queued = event(4, 'queued', null);
    const replaying = event(5, 'delivered', 50, 1_000);
    const recent = event(6, 'delivered', 5_000);
    expect(repo.pruneDelivered(1_000, 2)).toBe(2);
    const left = () => platform.db.prepare('SELECT id FROM webhook_events ORDER BY id').pluck().all();
    expect(left()).toEqual([old[0], queued, replaying, recent]); // delivered at 100 and 200 went first
    expect(repo.pruneDelivered(1_000, 2)).toBe(1);
    expect(repo.pruneDelivered(1_000, 2)).toBe(0);
    expect(left()).toEqual([queued, replaying, recent]);
    expect(platform.db.prepare('SELECT event_id FROM webhook_attempts ORDER BY event_id').pluck().all()).toEqual([queued, replaying, recent]);
    // The sweep's search (the repository's statement): the delivered index, oldest first, no sort.
    const plan = platform.db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM webhook_events INDEXED BY webhook_events_delivered WHERE state = 'delivered' AND delivered_at < 1 AND replay_requested_at IS NULL ORDER BY delivered_at LIMIT 1")
      .all() as { detail: string }[];
    expect(plan.map((r) => r.detail)).toEqual(['SEARCH webhook_events USING INDEX webhook_events_delivered (delivered_at<?)']);
  });
});
