// What happens to an app's webhooks when the company revokes (uninstalls) it, over real HTTP with the real
// dispatcher and a local receiver (the model of Shopify's app/uninstalled): the app/uninstalled notification
// is written in the revoking transaction and still goes out, with its retries; everything else the pair had
// queued is dropped; nothing new is written for the pair; and the app's hooks for that company are removed —
// at once, except an app/uninstalled hook with a notification queued, which goes once that delivery succeeds
// or is abandoned after the last retry.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src-main/core/access';
import type { WebhookDispatcher } from '../../src-main/core/webhooks/webhook-dispatcher';
import { ANNA, api, tokensFor, type Json, type OAuthFixture, startOAuthFixture } from '../helpers/oauth';
import { startReceiver, startTestDispatcher, type Receiver } from '../helpers/webhooks';

let fixture: OAuthFixture;
let receiver: Receiver;
let dispatcher: WebhookDispatcher;
let token: string;
let alpen: number;
let anna: Actor;

beforeEach(async () => {
  fixture = await startOAuthFixture();
  alpen = fixture.companyOf(ANNA);
  anna = fixture.platform.localUsers.actorByEmail(ANNA)!;
  ({ access: token } = await tokensFor(fixture, { scope: 'customers,orders,products,webhooks' }));
  receiver = await startReceiver(200);
  dispatcher = startTestDispatcher(fixture.platform);
});
afterEach(async () => {
  await dispatcher?.stop();
  await receiver?.close();
  await fixture?.close();
});

const call = (method: string, path: string, body?: unknown) => api(fixture, method, path, token, body);
const register = async (topic: string, path: string): Promise<Json> =>
  (await call('POST', '/admin/webhooks.json', { webhook: { topic, address: `${receiver.url}${path}` } })).body.webhook;
const hooksOfPair = () => fixture.platform.webhooks.listForCompany(alpen).filter((h) => h.appId === fixture.app.id);
const eventRows = () =>
  fixture.platform.db.prepare('SELECT topic, state FROM webhook_events WHERE app_id = ? AND company_id = ? ORDER BY id').all(fixture.app.id, alpen) as { topic: string; state: string }[];
const revoke = () => fixture.platform.authorizations.revoke(anna, fixture.platform.authorizations.findActive(fixture.app.id, alpen)!.id);
const newCustomer = (email: string) =>
  fixture.platform.customers.create(anna, alpen, { email, name: email.split('@')[0], phone: '', street: '', city: '', postalCode: '', country: '', acceptsMarketing: false, note: '' });

describe('revoking an app (uninstall) and its webhooks', () => {
  it('sends app/uninstalled (after the block, with its retry), drops what else was queued, writes nothing new, then removes the hooks', async () => {
    const uninstalled = await register('app/uninstalled', '/uninstalled');
    await register('customer/create', '/customers');
    await register('order/create', '/orders');

    // The endpoint fails: the first customer's notification blocks the pair, the second one queues behind it.
    receiver.answer = 503;
    await call('POST', '/admin/customers.json', { customer: { email: 'first@example.com', name: 'First' } });
    await dispatcher.settle();
    await call('POST', '/admin/customers.json', { customer: { email: 'second@example.com', name: 'Second' } });
    await dispatcher.settle();
    expect(receiver.requests.map((r) => r.url)).toEqual(['/hooks/customers']);
    expect(eventRows()).toEqual([
      { topic: 'customer/create', state: 'queued' },
      { topic: 'customer/create', state: 'queued' },
    ]);

    revoke();
    // In the revoking transaction: app/uninstalled queued; the customer notifications dropped with their hook;
    // only the app/uninstalled hook is left, until its notification is out.
    expect(eventRows()).toEqual([{ topic: 'app/uninstalled', state: 'queued' }]);
    expect(hooksOfPair().map((h) => h.id)).toEqual([uninstalled.id]);
    expect((await call('GET', '/admin/webhooks.json')).status).toBe(401);

    // The company keeps working: nothing is written for the app any more.
    newCustomer('third@example.com');
    expect(eventRows()).toHaveLength(1);

    // The pair is still blocked: the notification goes out with the retry, 60 s after the failure (which was
    // known a few real milliseconds after it was sent).
    await dispatcher.settle();
    expect(receiver.requests).toHaveLength(1);
    receiver.answer = 200;
    fixture.platform.clock.advance(61_000);
    await dispatcher.settle();
    expect(receiver.requests.map((r) => r.url)).toEqual(['/hooks/customers', '/hooks/uninstalled']);
    const body = JSON.parse(receiver.requests[1].body) as Json;
    expect([body.company_id, body.scope, body.data]).toEqual([alpen, 'app/uninstalled', { type: 'app', id: String(fixture.app.id) }]);

    // Delivered: the hook is gone, and later changes reach nobody.
    expect(hooksOfPair()).toEqual([]);
    newCustomer('fourth@example.com');
    fixture.platform.clock.advance(3_600_000);
    await dispatcher.settle();
    expect(receiver.requests).toHaveLength(2);
    expect(eventRows()).toEqual([]);
  });

  it('other apps of the company keep their hooks and their events', async () => {
    await register('customer/create', '/customers');
    const other = fixture.platform.apps.create({ kind: 'operator', label: 'operator' }, {
      companyId: fixture.companyOf('yuki@kawaii-stationery.example'), name: 'Other app', redirectUris: ['http://127.0.0.1:9/cb'], scopes: ['customers', 'webhooks'], authorizationUrl: null, startUrl: null, developerEmail: '',
    });
    fixture.platform.ctx.transact((emit) => fixture.platform.authorizations.grant(emit, { appId: other.app.id, companyId: alpen, user: anna.kind === 'user' ? anna : null, scopes: ['customers', 'webhooks'] }));
    fixture.platform.webhooks.create({ appId: other.app.id, companyId: alpen }, { topic: 'customer/create', address: `${receiver.url}/other` });

    revoke();
    newCustomer('after@example.com');
    await dispatcher.settle();
    expect(receiver.requests.map((r) => r.url)).toEqual(['/hooks/other']);
    expect(fixture.platform.webhooks.listForCompany(alpen).map((h) => h.appId)).toEqual([other.app.id]);
  });

  it('an app/uninstalled endpoint that never answers: the whole schedule, then the hook is removed and the developer is told', async () => {
    const uninstalled = await register('app/uninstalled', '/uninstalled');
    receiver.answer = 503;
    revoke();
    await dispatcher.settle();
    expect(receiver.requests).toHaveLength(1);
    expect(hooksOfPair().map((h) => h.id)).toEqual([uninstalled.id]);

    fixture.platform.clock.advance(3 * 86_400_000);
    await dispatcher.settle();
    expect(receiver.requests).toHaveLength(12);
    expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(hooksOfPair()).toEqual([]);
    expect(eventRows()).toEqual([]);
    const email = fixture.platform.db.prepare("SELECT subject, body FROM outbox WHERE kind = 'webhook_deactivated'").get() as { subject: string; body: string };
    expect(email.body).toContain('no longer authorizes the app');
    expect(email.body).not.toContain('PUT /admin/webhooks');
  });
});
