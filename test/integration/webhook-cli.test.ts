// The webhook and clock commands as a developer runs them against `partnerdeck serve`: the serve's
// dispatcher delivers events that another process commits, `clock advance` walks the retry schedule and
// waits for it, `webhooks deliveries --json` shows the log, `webhooks replay` sends again.
import { join } from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCliAsync, startCli, stop } from '../helpers/cli';
import { tempDir } from '../helpers/platform';
import { insertApp, insertHook, openRealClockPlatform, shopCompanyId, startReceiver, type Receiver } from '../helpers/webhooks';
import { Webhook } from 'standardwebhooks';
import { OPERATOR } from '../../src-main/core/access';
import type { CorePlatform } from '../../src-main/core/platform';
import { WEBHOOK_TOPICS } from '../../src-shared/domain/webhook-topics';
import { independentHash } from '../helpers/independent-hash';
import { idOfCompany } from '../helpers/fixtures';

const dir = tempDir('pd-hooks-cli-');
const data = join(dir.path, 'data');
let serve: ChildProcessWithoutNullStreams;
let receiver: Receiver;
let platform: CorePlatform;
let company: number;
let hookId: number;

const cli = async (...args: string[]) => runCliAsync([...args, '--data-dir', data]);
const json = async (...args: string[]) => {
  const result = await cli(...args, '--json');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
};

beforeAll(async () => {
  assertBuilt();
  receiver = await startReceiver(200);
  serve = (await startCli(['serve', '--data-dir', data, '--port', '0'])).child;
  // A second process on the same folder, as `partnerdeck trigger` or the REST API of another app would be.
  platform = openRealClockPlatform({ path: data, remove: () => undefined }, 'none');
  company = shopCompanyId(platform);
  const app = insertApp(platform, { companyId: company, developerEmail: 'dev@cli.example' });
  hookId = insertHook(platform, { appId: app.id, companyId: company, topic: 'order/create', address: receiver.url });
});

afterAll(async () => {
  if (serve) await stop(serve);
  platform?.close();
  await receiver?.close();
  dir.remove();
});

describe('webhooks against a running serve', () => {
  it('the serve delivers what another process commits, and the log shows it', async () => {
    platform.ctx.transact((emit) => emit('order.created', { companyId: company, id: 1001 }));
    await receiver.waitForCount(1);
    expect(JSON.parse(receiver.requests[0].body).data).toEqual({ type: 'order', id: '1001' });
    await expect.poll(async () => (await json('webhooks', 'deliveries', '--hook', String(hookId))).items.length).toBe(1);
    const page = await json('webhooks', 'deliveries', '--hook', String(hookId));
    expect(page.items[0]).toMatchObject({ webhookId: hookId, topic: 'order/create', kind: 'delivery', statusCode: 200, ok: true, eventState: 'delivered' });
    expect(page.items[0].messageId).toBe(receiver.requests[0].headers['webhook-id']);
  });

  it('clock advance walks the retry schedule of a failing endpoint and waits for it', async () => {
    const before = await json('clock', 'show');
    receiver.answer = 500;
    platform.ctx.transact((emit) => emit('order.created', { companyId: company, id: 1002 }));
    await receiver.waitForCount(2);
    await expect.poll(async () => (await json('webhooks', 'list'))[0].block?.failures ?? 0).toBe(1);
    const moved = await json('clock', 'advance', '2d1h');
    expect(moved).toMatchObject({ advancedMs: 49 * 3_600_000, webhookAttempts: 11, settled: true, dispatcher: 'active' });
    expect(moved.clock.offsetMs - before.offsetMs).toBe(49 * 3_600_000);
    const [group] = await json('webhooks', 'list');
    expect(group.block).toBeNull();
    expect(group.hooks[0]).toMatchObject({ id: hookId, isActive: false, queued: 1 });
    const retries = (await json('webhooks', 'deliveries', '--hook', String(hookId), '--limit', '11')).items;
    expect(retries.map((a: { retryNumber: number }) => a.retryNumber)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const email = platform.db.prepare("SELECT to_address, subject FROM outbox WHERE kind = 'webhook_deactivated'").get() as { to_address: string; subject: string };
    expect(email.to_address).toBe('dev@cli.example');
  });

  it('webhooks replay sends an event again with the same webhook-id', async () => {
    receiver.answer = 200;
    const first = (await json('webhooks', 'deliveries', '--hook', String(hookId))).items.at(-1);
    const count = receiver.requests.length;
    const requested = await json('webhooks', 'replay', String(first.eventId));
    expect(requested).toMatchObject({ eventId: first.eventId, messageId: first.messageId, dispatcherPid: serve.pid });
    await receiver.waitForCount(count + 1);
    expect(receiver.requests.at(-1)!.headers['webhook-id']).toBe(first.messageId);
    await expect.poll(async () => (await json('webhooks', 'deliveries', '--event', String(first.eventId))).items[0].kind).toBe('replay');
  });

  it('clock advance --offline in another process: the serve shows the new time at once and sends the retry that fell due', async () => {
    // One clock per data folder (issue 21): the CLI moves the stored clock, not the serve's; the serve must see it.
    receiver.answer = 500;
    const app = insertApp(platform, { companyId: company, name: 'Offline Clock' });
    const hook = insertHook(platform, { appId: app.id, companyId: company, topic: 'order/create', address: receiver.url });
    const count = receiver.requests.length;
    platform.ctx.transact((emit) => emit('order.created', { companyId: company, id: 1003 }));
    await receiver.waitForCount(count + 1);
    const blocked = async () => (await json('webhooks', 'list')).find((g: { appId: number }) => g.appId === app.id)?.block;
    await expect.poll(async () => (await blocked())?.failures ?? 0).toBe(1);
    receiver.answer = 200;
    const before = await json('clock', 'show');
    const moved = await json('clock', 'advance', '2m', '--offline');
    expect(moved).toMatchObject({ advancedMs: 120_000, settled: false, dispatcherPid: serve.pid });
    const shown = await json('clock', 'show'); // asks the serve's /_partnerdeck/clock
    expect(shown.offsetMs - before.offsetMs).toBe(120_000);
    // The first retry (60 s after the failure) fell due by the other process's move: the serve sends it unasked.
    await receiver.waitForCount(count + 2);
    await expect.poll(async () => (await blocked()) ?? null).toBeNull();
    const last = (await json('webhooks', 'deliveries', '--hook', String(hook))).items[0];
    expect(last).toMatchObject({ kind: 'retry', retryNumber: 1, ok: true });
  });

  it('explains bad input in one line', async () => {
    for (const [args, message] of [
      [['clock', 'advance', 'soon'], /"soon" is not a duration/],
      [['clock', 'advance', '400d'], /at most 366 days/],
      [['webhooks', 'replay', 'x'], /positive whole number/],
      [['webhooks', 'deliveries', '--limit', '5000'], /at most 1000/],
    ] as const) {
      const result = await cli(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('partnerdeck trigger', () => {
  it('does the real thing for every topic, and the serve delivers each signed notification', async () => {
    receiver.answer = 200;
    const shop = idOfCompany(platform, 'Brightside');
    platform.shop.updateSettings(OPERATOR, { companyId: shop, storefrontOpen: true });
    const app = insertApp(platform, { companyId: company, name: 'Every Topic' });
    const topics = WEBHOOK_TOPICS.filter((t) => !t.startsWith('app/'));
    const base = receiver.url.replace(/\/hooks$/, '');
    for (const topic of topics) insertHook(platform, { appId: app.id, companyId: shop, topic, address: `${base}/${topic}` });
    const start = receiver.requests.length;
    let fired = 0;
    for (const topic of topics) {
      const result = await json('trigger', topic, '--company', String(shop));
      expect(result.topic).toBe(topic);
      expect(result.events.map((e: { topic: string }) => e.topic)).toContain(topic);
      expect(result.dispatcherPid).toBe(serve.pid);
      // Updates and deletes make their object first, and an order its product and customer: those fire too.
      fired += result.events.length;
    }
    expect(fired).toBeGreaterThan(topics.length);
    await receiver.waitForCount(start + fired);
    const received = receiver.requests.slice(start);
    expect(new Set(received.map((r) => new URL(r.url, 'http://x').pathname.slice(1)))).toEqual(new Set(topics));
    for (const request of received) {
      const body = JSON.parse(request.body);
      expect(request.url).toBe(`/${body.scope}`);
      expect(body.company_id).toBe(shop);
      expect(body.data.type).toBe(body.scope.split('/')[0]);
      expect(body.data.id).toMatch(/^\d+$/);
      expect(body.hash).toBe(independentHash(app.secret, request.body));
      expect(new Webhook(app.secret, { format: 'raw' }).verify(request.body, Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])))).toEqual(body);
    }
  });

  it('places an order on a fresh company (closed storefront) the way an admin would, and says so', async () => {
    const fresh = await json('company', 'create', '--name', 'Fresh Trigger Shop');
    const app = insertApp(platform, { companyId: fresh.id, name: 'Fresh Hooks' });
    insertHook(platform, { appId: app.id, companyId: fresh.id, topic: 'order/create', address: receiver.url });
    const start = receiver.requests.length;
    const text = await cli('trigger', 'order/create', '--company', String(fresh.id));
    expect(text.stderr).toBe('');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/as a paid manual order, the way an admin records one \(the storefront of .* is closed/);
    expect(text.stdout).toMatch(/order\/create -> webhook/);
    await receiver.waitForCount(start + 1);
    const body = JSON.parse(receiver.requests.at(-1)!.body);
    expect(body).toMatchObject({ company_id: fresh.id, scope: 'order/create' });
    const order = platform.orders.get(OPERATOR, fresh.id, Number(body.data.id));
    expect(order).toMatchObject({ status: 'paid', source: 'console', isDemo: false });
  });

  it('on a sample company explains why no order is placed, and leaves nothing behind', async () => {
    const sample = await json('company', 'create', '--name', 'Sample Trigger Shop', '--sample');
    platform.shop.updateSettings(OPERATOR, { companyId: sample.id, storefrontOpen: true });
    const products = () => platform.db.prepare('SELECT count(*) FROM products WHERE company_id = ?').pluck().get(sample.id);
    const before = products();
    const refused = await cli('trigger', 'order/create', '--company', String(sample.id));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Sample Trigger Shop is a sample company .*development company/);
    expect(products()).toBe(before);
  });

  it('says why app topics and bad input are not triggered', async () => {
    for (const [args, message] of [
      [['trigger', 'app/uninstalled', '--company', String(company)], /uninstalls an app/],
      [['trigger', 'order/cancel', '--company', String(company)], /is not a webhook topic/],
      [['trigger', 'order/create'], /--company is required/],
      [['trigger', 'customer/create', '--company', String(company), '--id', '3'], /--id is for update and delete topics/],
    ] as const) {
      const result = await cli(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    const partner = platform.db.prepare('SELECT id FROM companies WHERE is_partner = 1').pluck().get() as number;
    const refused = await cli('trigger', 'customer/create', '--company', String(partner));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Partners have no shop/);
  });
});

describe('webhooks send, recover and app rotate-secret (issue 19 item 4)', () => {
  it('send: a real object\'s payload to the app\'s hooks, custom data to a URL, signed like real deliveries, shown delivered', async () => {
    receiver.answer = 200;
    const app = insertApp(platform, { companyId: company, name: 'Send Test' });
    const hook = insertHook(platform, { appId: app.id, companyId: company, topic: 'customer/create', address: receiver.url });
    const newest = platform.db.prepare('SELECT max(id) FROM customers WHERE company_id = ?').pluck().get(company) as number;
    const start = receiver.requests.length;
    const sent = await json('webhooks', 'send', '--topic', 'customer/create', '--company', String(company), '--app', String(app.id));
    expect(sent).toMatchObject({ topic: 'customer/create', object: 'real', payload: { data: { type: 'customer', id: String(newest) } } });
    expect(sent.results).toEqual([expect.objectContaining({ webhookId: hook, status: 200, ok: true, url: receiver.url })]);
    const request = receiver.requests[start];
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
    expect(new Webhook(app.secret, { format: 'raw' }).verify(request.body, headers)).toMatchObject({ scope: 'customer/create', company_id: company });
    expect(JSON.parse(request.body).hash).toBe(independentHash(app.secret, request.body));
    expect(headers['webhook-id']).toBe(sent.results[0].messageId);

    const text = await cli('webhooks', 'send', '--topic', 'orders/create', '--company', String(company), '--app', String(app.id), '--to', receiver.url, '--data', '{"type":"order","id":"77","note":"x"}');
    expect(text.stderr).toBe('');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/order\/create for .*"data":\{"type":"order","id":"77","note":"x"\}.*\(your --data\)/);
    expect(text.stdout).toMatch(/\[200\] delivered \d+ ms/);
    const custom = receiver.requests.at(-1)!;
    expect(JSON.parse(custom.body)).toMatchObject({ scope: 'order/create', data: { type: 'order', id: '77', note: 'x' } });
    expect(JSON.parse(custom.body).hash).toBe(independentHash(app.secret, custom.body));

    // A receiver that does not acknowledge: shown, exit 1; a test send is not logged and blocks nothing.
    receiver.answer = 500;
    const failed = await cli('webhooks', 'send', '--topic', 'customer/create', '--company', String(company), '--app', String(app.id));
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/\[500\] not acknowledged/);
    receiver.answer = 200;
    expect((await json('webhooks', 'deliveries', '--hook', String(hook))).items).toEqual([]);
  });

  it('send explains bad input, naming the flag', async () => {
    for (const [args, message, status] of [
      [['webhooks', 'send', '--topic', 'order/cancel', '--company', String(company)], /--topic/, 2],
      [['webhooks', 'send', '--topic', 'order/create', '--company', String(company), '--data', '[1]'], /--data must be a JSON object/, 2],
      [['webhooks', 'send', '--topic', 'order/create', '--company', String(company), '--to', receiver.url], /--app.*Shared Secret signs/, 2],
      [['webhooks', 'send', '--topic', 'product/delete', '--company', String(company)], /No app has an active product\/delete webhook/, 1],
      [['webhooks', 'send', '--topic', 'order/create', '--company', '99999'], /--company 99999: no such company/, 2],
    ] as const) {
      const result = await cli(...args);
      expect(result.stderr).toMatch(message);
      expect(result.status).toBe(status);
    }
  });

  it('recover --since sends what is still queued since then as replays; rotate-secret keeps the old secret for the grace', async () => {
    const app = insertApp(platform, { companyId: company, name: 'Recover Test' });
    const hook = insertHook(platform, { appId: app.id, companyId: company, topic: 'product/create', address: receiver.url });
    receiver.answer = 500;
    const start = receiver.requests.length;
    // This process's clock stamps the events (the serve's clock moved two days ahead above: --since is a time here).
    const since = new Date(platform.clock.now() - 60_000).toISOString();
    platform.ctx.transact((emit) => emit('product.created', { companyId: company, id: 501 }));
    await receiver.waitForCount(start + 1);
    platform.ctx.transact((emit) => emit('product.created', { companyId: company, id: 502 }));
    await expect.poll(async () => (await json('webhooks', 'list', '--company', String(company))).find((g: { appId: number }) => g.appId === app.id)?.block?.failures ?? 0).toBe(1);
    receiver.answer = 200;
    const recovered = await json('webhooks', 'recover', '--since', since, '--hook', String(hook));
    expect(recovered).toMatchObject({ events: 2, hooks: [{ webhookId: hook, events: 2, isActive: true }], dispatcherPid: serve.pid });
    await receiver.waitForCount(start + 3);
    expect(receiver.requests.slice(start + 1).map((r) => JSON.parse(r.body).data.id)).toEqual(['501', '502']);
    const again = await cli('webhooks', 'recover', '--since', since, '--hook', String(hook));
    expect(again.stdout).toMatch(/Nothing to recover since .* every event of hook \d+ was delivered/);
    const bad = await cli('webhooks', 'recover', '--since', 'yesterday');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--since: "yesterday" is neither a time/);

    // The pair stays blocked until its next scheduled retry (spec §5): the rotation is shown with another app.
    const rotating = insertApp(platform, { companyId: company, name: 'Rotate Test' });
    insertHook(platform, { appId: rotating.id, companyId: company, topic: 'product/create', address: receiver.url });
    const rotated = await json('app', 'rotate-secret', String(rotating.id), '--grace', '2h');
    expect(rotated.client_secret).not.toBe(rotating.secret);
    expect(rotated.whsec).toMatch(/^whsec_/);
    expect(Date.parse(rotated.previous_secret_valid_until) - Date.now()).toBeGreaterThan(3_600_000);
    const count = receiver.requests.length;
    platform.ctx.transact((emit) => emit('product.created', { companyId: company, id: 503 }));
    await receiver.waitForCount(count + 1);
    const request = receiver.requests.slice(count).find((r) => r.headers['webhook-signature']?.includes(' '))!;
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [rotating.secret, rotated.client_secret]) expect(new Webhook(secret, { format: 'raw' }).verify(request.body, headers)).toMatchObject({ data: { id: '503' } });
    const now = await json('app', 'rotate-secret', String(rotating.id), '--grace', '0');
    expect(now.previous_secret_valid_until).toBeNull();
    expect((await cli('app', 'rotate-secret', String(rotating.id), '--grace', '8d')).stderr).toMatch(/at most 7d/);
  }, 180_000);
});

describe('clock without a server', () => {
  it('says that no serve runs, and works on the folder with --offline', async () => {
    const empty = join(dir.path, 'no-server');
    const shown = await runCliAsync(['clock', 'show', '--data-dir', empty]);
    expect(shown.status).toBe(2);
    expect(shown.stderr).toMatch(/no running `partnerdeck serve`.*--offline/);
    const moved = await runCliAsync(['clock', 'advance', '90m', '--offline', '--json', '--data-dir', empty]);
    expect(JSON.parse(moved.stdout).clock.offsetMs).toBe(90 * 60_000);
    const offline = await runCliAsync(['clock', 'show', '--offline', '--data-dir', empty]);
    expect(offline.stdout).toMatch(/1 h 30 min ahead of real time/);
  });
});
