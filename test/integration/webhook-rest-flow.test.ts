// The app developer's story over real HTTP: an app registers a hook with /admin/webhooks.json, creates and
// edits a customer and places an order through the REST API, and receives the signed notifications; its
// endpoint fails, the clock walks the whole retry schedule, the hook is deactivated (GET shows it) with an
// email to the developer; PUT is_active: true sends what was queued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPayloadHash, verifyStandardSignature } from '../../src-main/core/webhooks/webhook-signing';
import type { WebhookDispatcher } from '../../src-main/core/webhooks/webhook-dispatcher';
import { independentHash } from '../helpers/independent-hash';
import { ANNA, api, refresh, startOAuthFixture, tokensFor, type Json, type OAuthFixture } from '../helpers/oauth';
import { T0 } from '../helpers/platform';
import { startReceiver, startTestDispatcher, type Receiver } from '../helpers/webhooks';

let fixture: OAuthFixture;
let token: string;
let refreshToken: string;
let receiver: Receiver;
let dispatcher: WebhookDispatcher;
let alpen: number;

beforeAll(async () => {
  fixture = await startOAuthFixture();
  alpen = fixture.companyOf(ANNA);
  ({ access: token, refresh: refreshToken } = await tokensFor(fixture, { scope: 'customers,orders,products,webhooks' }));
  receiver = await startReceiver(200);
  dispatcher = startTestDispatcher(fixture.platform);
});
afterAll(async () => {
  await dispatcher?.stop();
  await receiver?.close();
  await fixture?.close();
});

const call = (method: string, path: string, body?: unknown) => api(fixture, method, path, token, body);
const bodies = () => receiver.requests.map((r) => JSON.parse(r.body) as Json);

function checkSigned(index: number): void {
  const request = receiver.requests[index];
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
  // The manual clock stands at T0: check the timestamp window against it.
  expect(verifyStandardSignature(fixture.app.clientSecret, headers, request.body, { nowSeconds: Math.floor(T0 / 1000) })).toBeNull();
  expect(verifyPayloadHash(fixture.app.clientSecret, request.body)).toBe(true);
  expect(JSON.parse(request.body).hash).toBe(independentHash(fixture.app.clientSecret, request.body));
}

describe('webhooks for an app, over the REST API', () => {
  let customerHook: Json;
  let orderHook: Json;

  it('registers hooks and receives the signed notifications of what it does through REST', async () => {
    customerHook = (await call('POST', '/admin/webhooks.json', { webhook: { topic: 'customer/create', address: `${receiver.url}/customers` } })).body.webhook;
    orderHook = (await call('POST', '/admin/webhooks.json', { webhook: { topic: 'orders/create', address: `${receiver.url}/orders` } })).body.webhook;
    await call('POST', '/admin/webhooks.json', { webhook: { topic: 'customer/update', address: `${receiver.url}/customers` } });
    expect(orderHook.topic).toBe('order/create');

    const customer = (await call('POST', '/admin/customers.json', { customer: { email: 'lena@example.com', name: 'Lena Berg' } })).body.customer;
    await call('PUT', `/admin/customers/${customer.id}.json`, { customer: { name: 'Lena Berg-Huber' } });
    const product = (await call('POST', '/admin/products.json', { product: { kind: 'service', name: 'Consultation', price_minor: 4900 } })).body.product;
    const order = (await call('POST', '/admin/orders.json', { order: { customer_id: customer.id, status: 'paid', lines: [{ product_id: product.id, quantity: 1 }] } })).body.order;
    await dispatcher.settle();

    expect(bodies().map((b) => [b.scope, b.data])).toEqual([
      ['customer/create', { type: 'customer', id: String(customer.id) }],
      ['customer/update', { type: 'customer', id: String(customer.id) }],
      ['order/create', { type: 'order', id: String(order.id) }],
    ]);
    for (const b of bodies()) expect(b.company_id).toBe(alpen);
    receiver.requests.forEach((_, i) => checkSigned(i));
  });

  it('a failing endpoint: the whole schedule, deactivation visible in GET, the email, and PUT is_active: true', async () => {
    receiver.answer = 503;
    const first = receiver.requests.length;
    await call('POST', '/admin/customers.json', { customer: { email: 'max@example.com', name: 'Max' } });
    await dispatcher.settle();
    await call('POST', '/admin/customers.json', { customer: { email: 'mia@example.com', name: 'Mia' } });
    await dispatcher.settle();
    expect(receiver.requests.length).toBe(first + 1);

    fixture.platform.clock.advance(3 * 86_400_000);
    await dispatcher.settle();
    // Three days later the access token has long expired: the app refreshes it, as it would.
    token = (await refresh(fixture, refreshToken)).body.access_token as string;
    expect(receiver.requests.length).toBe(first + 12);
    expect(new Set(receiver.requests.slice(first).map((r) => r.headers['webhook-id'])).size).toBe(1);
    const hook = (await call('GET', `/admin/webhooks/${customerHook.id}.json`)).body.webhook;
    expect(hook.is_active).toBe(false);
    const email = fixture.platform.db.prepare("SELECT to_address, body FROM outbox WHERE kind = 'webhook_deactivated'").get() as { to_address: string; body: string };
    expect(email.to_address).toBe('dev@kawaii-stationery.example');
    expect(email.body).toContain(`PUT /admin/webhooks/${customerHook.id}.json`);

    receiver.answer = 200;
    const put = await call('PUT', `/admin/webhooks/${customerHook.id}.json`, { webhook: { is_active: true } });
    expect(put.body.webhook.is_active).toBe(true);
    await dispatcher.settle();
    const after = bodies().slice(first + 12);
    expect(after.map((b) => b.scope)).toEqual(['customer/create', 'customer/create']);
    expect(fixture.platform.db.prepare("SELECT count(*) FROM webhook_events WHERE state = 'queued'").pluck().get()).toBe(0);
  });
});
