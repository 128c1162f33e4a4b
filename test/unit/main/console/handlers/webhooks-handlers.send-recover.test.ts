// The console's "Send test event…" and "Recover failed…" (issue 19 item 2): the same test send and recovery as
// `partnerdeck webhooks send|recover`, reached only for companies in the console's reach; bad input names the
// field and nothing is sent or written.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ApiError } from '../../../../../src-shared/api/errors';
import { T0 } from '../../../../helpers/platform';
import { insertApp, insertHook } from '../../../../helpers/webhooks';
import { idOfCompany, rejection } from '../../../../helpers/fixtures';
import { openConsoleForTest } from '../../../../helpers/console-service';

/** A receiver on loopback that records every POST and answers 200. */
async function receiver(): Promise<{ url: string; bodies: string[]; headers: Record<string, string | string[] | undefined>[] }> {
  const bodies: string[] = [];
  const headers: Record<string, string | string[] | undefined>[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      bodies.push(body);
      headers.push(req.headers);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => void server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, headers };
}

async function setup() {
  const { platform, service, id } = openConsoleForTest();
  const alpen = id('Alpenglück');
  const harbor = id('Harbor Coffee');
  const kawaii = id('Kawaii');
  const rx = await receiver();
  const app = insertApp(platform, { companyId: kawaii, name: 'Order Sync' });
  const alpenHook = insertHook(platform, { appId: app.id, companyId: alpen, topic: 'order/create', address: rx.url });
  const harborHook = insertHook(platform, { appId: app.id, companyId: harbor, topic: 'order/create', address: rx.url });
  return { platform, service, alpen, harbor, app, alpenHook, harborHook, rx };
}

const fieldsOf = (error: ApiError) => Object.keys(error.fields);

describe('webhooks.sendTest', () => {
  it("signs and sends one notification to the company's hooks of the topic and returns each answer", async () => {
    const { service, alpen, alpenHook, rx } = await setup();
    const sent = await service.call('webhooks.sendTest', { topic: 'order/create', companyId: alpen, data: '{"type":"order","id":"42"}' });
    expect(sent).toMatchObject({ topic: 'order/create', companyId: alpen, object: 'custom' });
    expect(sent.results).toEqual([expect.objectContaining({ webhookId: alpenHook, url: rx.url, status: 200, ok: true, error: null })]);
    expect(rx.bodies).toHaveLength(1);
    expect(JSON.parse(rx.bodies[0])).toMatchObject({ company_id: alpen, scope: 'order/create', data: { type: 'order', id: '42' } });
    expect(rx.headers[0]['webhook-signature']).toMatch(/^v1,/);
  });

  it('names the field of bad input and sends nothing', async () => {
    const { platform, service, alpen, harbor, app, rx } = await setup();
    const events = () => platform.db.prepare('SELECT COUNT(*) FROM webhook_events').pluck().get();
    const before = events();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ topic: 'order/create', companyId: alpen, data: '{"type": order}' }, 'data', /is not JSON/],
      [{ topic: 'order/create', companyId: alpen, data: '[1, 2]' }, 'data', /must be a JSON object/],
      [{ topic: 'order/created', companyId: alpen }, 'topic', /not a webhook topic/],
      [{ topic: 'order/create', companyId: alpen, to: 'not a url', appId: app.id }, 'to', /not a URL/],
      [{ topic: 'order/create', companyId: alpen, to: rx.url }, 'appId', /required to send to a URL/],
      [{ topic: 'order/create', companyId: alpen, appId: 999_999 }, 'appId', /no webhooks for this company/],
    ];
    for (const [input, field, message] of cases) {
      const error = await rejection(service.call('webhooks.sendTest', input as never));
      expect(error.code, JSON.stringify(input)).toBe('validation_failed');
      expect(fieldsOf(error)).toEqual([field]);
      expect(error.fields[field].join(' ')).toMatch(message);
    }
    // A company outside the partner's clients is not found; acting as a client, another client is not either.
    expect((await rejection(service.call('webhooks.sendTest', { topic: 'order/create', companyId: harbor }))).code).toBe('not_found');
    await service.call('session.switch', { companyId: alpen });
    const kawaii = idOfCompany(platform, 'Kawaii');
    expect((await rejection(service.call('webhooks.sendTest', { topic: 'order/create', companyId: kawaii }))).code).toBe('not_found');
    // No hook of the topic: said so, nothing sent.
    const noHook = await rejection(service.call('webhooks.sendTest', { topic: 'product/create', companyId: alpen }));
    expect(noHook.code).toBe('not_found');
    expect(noHook.message).toMatch(/no app has an active product\/create webhook/i);
    expect(noHook.message).not.toMatch(/--/);
    expect(rx.bodies).toEqual([]);
    expect(events()).toBe(before);
  });

  it('needs the apps permission (like the Webhooks screen)', async () => {
    const { platform, service, alpen, rx } = await setup();
    await service.call('session.signIn', { userId: platform.repos.users.findByEmail('lukas@alpenglueck.example')!.id });
    expect((await rejection(service.call('webhooks.sendTest', { topic: 'order/create', companyId: alpen }))).code).toBe('forbidden');
    expect((await rejection(service.call('webhooks.recoverPreview', { since: new Date(T0 - 3_600_000).toISOString() }))).code).toBe('forbidden');
    expect(rx.bodies).toEqual([]);
  });
});

describe('webhooks.recoverPreview and webhooks.recover', () => {
  it('counts what would be sent again without writing, then asks for it; one hook narrows it', async () => {
    const { platform, service, alpen, alpenHook, harbor } = await setup();
    platform.ctx.transact((emit) => {
      emit('order.created', { companyId: alpen, id: 9 });
      emit('order.created', { companyId: alpen, id: 10 });
      emit('order.created', { companyId: harbor, id: 11 });
    });
    const replayAsked = () => platform.db.prepare('SELECT COUNT(*) FROM webhook_events WHERE replay_requested_at IS NOT NULL').pluck().get();
    const since = new Date(T0 - 3_600_000).toISOString();
    const preview = await service.call('webhooks.recoverPreview', { since });
    // Harbor Coffee is not the partner's client: outside the console's reach.
    expect(preview).toMatchObject({ events: 2, hooks: [{ webhookId: alpenHook, companyId: alpen, events: 2, isActive: true }] });
    expect(replayAsked()).toBe(0);
    expect((await service.call('webhooks.recoverPreview', { since, webhookId: alpenHook })).events).toBe(2);
    const done = await service.call('webhooks.recover', { since, webhookId: alpenHook });
    expect(done.events).toBe(2);
    expect(replayAsked()).toBe(2);
  });

  it('names the field of a bad time or hook and writes nothing', async () => {
    const { platform, service, alpen, harborHook } = await setup();
    platform.ctx.transact((emit) => emit('order.created', { companyId: alpen, id: 9 }));
    const replayAsked = () => platform.db.prepare('SELECT COUNT(*) FROM webhook_events WHERE replay_requested_at IS NOT NULL').pluck().get();
    for (const since of ['', 'yesterday', '2026-13-45T99:00', new Date(T0 + 3_600_000).toISOString()]) {
      for (const method of ['webhooks.recoverPreview', 'webhooks.recover'] as const) {
        const error = await rejection(service.call(method, { since }));
        expect(error.code, since).toBe('validation_failed');
        expect(fieldsOf(error)).toEqual(['since']);
      }
    }
    expect((await rejection(service.call('webhooks.recover', { since: new Date(T0 - 1000).toISOString(), webhookId: harborHook }))).code).toBe('not_found');
    expect(replayAsked()).toBe(0);
  });
});
