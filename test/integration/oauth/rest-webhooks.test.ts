// /admin/webhooks.json over real HTTP: the resource shape of spec §4, validation that names the field and
// writes nothing, the orders/create alias, app and company isolation, scope checks, token errors,
// pagination, and the platform events the webhook dispatcher listens to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformEventName } from '../../../src-main/core/events';
import { OPERATOR } from '../../../src-main/core/access';
import { api, DANA, REDIRECT_URI, startOAuthFixture, tokensFor, type OAuthFixture } from '../../helpers/oauth';

let fixture: OAuthFixture;
let token: string;
beforeAll(async () => {
  fixture = await startOAuthFixture();
  token = (await tokensFor(fixture)).access;
});
afterAll(() => fixture.close());

const REST_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/;
const count = async () => (await api(fixture, 'GET', '/admin/webhooks.json?limit=250', token)).body.webhooks.length;

describe('webhooks resource', () => {
  it('creates (201, orders/create stored as order/create), reads, lists, changes and deletes a hook', async () => {
    const created = await api(fixture, 'POST', '/admin/webhooks.json', token, { webhook: { topic: 'orders/create', address: 'http://whatever.hostname.com/', format: 'json' } });
    expect(created.status).toBe(201);
    const hook = created.body.webhook;
    expect(Object.keys(hook)).toEqual(['id', 'address', 'topic', 'format', 'is_active', 'created_at', 'updated_at']);
    expect(hook).toMatchObject({ address: 'http://whatever.hostname.com/', topic: 'order/create', format: 'json', is_active: true });
    expect(hook.created_at).toMatch(REST_TIME);

    expect((await api(fixture, 'GET', `/admin/webhooks/${hook.id}.json`, token)).body).toEqual({ webhook: hook });
    expect((await api(fixture, 'GET', '/admin/webhooks.json', token)).body.webhooks).toContainEqual(hook);

    fixture.platform.clock.advance(5000);
    const changed = await api(fixture, 'PUT', `/admin/webhooks/${hook.id}.json`, token, { webhook: { id: hook.id, address: 'https://somewhere-else.com/' } });
    expect(changed.status).toBe(200);
    expect(changed.body.webhook).toMatchObject({ id: hook.id, address: 'https://somewhere-else.com/', topic: 'order/create' });
    expect(changed.body.webhook.updated_at).not.toBe(hook.updated_at);

    const removed = await api(fixture, 'DELETE', `/admin/webhooks/${hook.id}.json`, token);
    expect(removed).toMatchObject({ status: 200, body: {} });
    expect((await api(fixture, 'GET', `/admin/webhooks/${hook.id}.json`, token)).status).toBe(404);
  });

  it.each([
    [{ webhook: { topic: 'order/create', address: 'not a url' } }, 422, 'address'],
    [{ webhook: { topic: 'order/create', address: 'ftp://x.example/' } }, 422, 'address'],
    [{ webhook: { topic: 'order/explode', address: 'https://x.example/' } }, 422, 'topic'],
    [{ webhook: { topic: 'order/create', address: 'https://x.example/', format: 'xml' } }, 422, 'format'],
    [{ webhook: { topic: 'order/create' } }, 422, 'address'],
    [{ webhook: { topic: 'order/create', adress: 'https://x.example/' } }, 422, 'adress'],
    [{ topic: 'order/create', address: 'https://x.example/' }, 400, 'webhook'],
  ])('refuses bad input %j with %i naming the field, and writes nothing', async (body, status, field) => {
    const before = await count();
    const reply = await api(fixture, 'POST', '/admin/webhooks.json', token, body);
    expect(reply.status).toBe(status);
    expect(Object.keys(reply.body.errors)).toContain(field);
    expect(reply.body.errors[field][0]).toEqual(expect.any(String));
    expect(await count()).toBe(before);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await fetch(`${fixture.url}/admin/webhooks.json`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"webhook":' });
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).errors)).toEqual(['body']);
  });

  it('refuses the same address twice for one topic', async () => {
    const body = { webhook: { topic: 'product/create', address: 'https://dup.example/' } };
    expect((await api(fixture, 'POST', '/admin/webhooks.json', token, body)).status).toBe(201);
    const again = await api(fixture, 'POST', '/admin/webhooks.json', token, body);
    expect(again).toMatchObject({ status: 422, body: { errors: { address: ['is already registered for product/create'] } } });
  });

  it('emits webhook.created/updated/deleted, and webhook.reactivated when is_active goes back to true', async () => {
    const seen: [PlatformEventName, unknown][] = [];
    const off = fixture.platform.events.subscribe(({ name, payload }) => {
      if (name.startsWith('webhook.')) seen.push([name, payload]);
    });
    try {
      const { body } = await api(fixture, 'POST', '/admin/webhooks.json', token, { webhook: { topic: 'customer/create', address: 'https://events.example/' } });
      const id = body.webhook.id;
      await api(fixture, 'PUT', `/admin/webhooks/${id}.json`, token, { webhook: { is_active: false } });
      const reactivated = await api(fixture, 'PUT', `/admin/webhooks/${id}.json`, token, { webhook: { is_active: true } });
      expect(reactivated.body.webhook.is_active).toBe(true);
      await api(fixture, 'DELETE', `/admin/webhooks/${id}.json`, token);
      const payload = { webhookId: id, appId: fixture.app.id, companyId: fixture.companyOf('anna@alpenglueck.example') };
      expect(seen).toEqual([
        ['webhook.created', payload],
        ['webhook.updated', payload],
        ['webhook.updated', payload],
        ['webhook.reactivated', payload],
        ['webhook.deleted', payload],
      ]);
    } finally {
      off();
    }
  });

  it("a hook is bound to its app and company: another app's or another company's token gets 404 and never sees it", async () => {
    const { body } = await api(fixture, 'POST', '/admin/webhooks.json', token, { webhook: { topic: 'product/update', address: 'https://mine.example/' } });
    const id = body.webhook.id;
    const other = fixture.platform.apps.create(OPERATOR, {
      companyId: fixture.companyOf('yuki@kawaii-stationery.example'), name: 'Other app', redirectUris: [REDIRECT_URI], scopes: ['webhooks'], authorizationUrl: null, startUrl: null, developerEmail: '',
    });
    const otherAppFixture = { ...fixture, app: { id: other.app.id, clientId: other.app.clientId, clientSecret: other.clientSecret } };
    const otherAppToken = (await tokensFor(otherAppFixture, { scope: 'webhooks' })).access;
    const otherCompanyToken = (await tokensFor(fixture, { email: DANA, companyId: fixture.companyOf('oliver@brightside-books.example'), scope: 'webhooks' })).access;
    for (const foreign of [otherAppToken, otherCompanyToken]) {
      expect((await api(fixture, 'GET', `/admin/webhooks/${id}.json`, foreign)).status).toBe(404);
      expect((await api(fixture, 'PUT', `/admin/webhooks/${id}.json`, foreign, { webhook: { address: 'https://stolen.example/' } })).status).toBe(404);
      expect((await api(fixture, 'DELETE', `/admin/webhooks/${id}.json`, foreign)).status).toBe(404);
      expect((await api(fixture, 'GET', '/admin/webhooks.json', foreign)).body.webhooks.map((h: { id: number }) => h.id)).not.toContain(id);
    }
    expect((await api(fixture, 'GET', `/admin/webhooks/${id}.json`, token)).body.webhook.address).toBe('https://mine.example/');
  });
});

describe('tokens and scopes on /admin', () => {
  it('401 without a token, with an unknown one, and with an expired one; Bearer challenge included', async () => {
    const none = await api(fixture, 'GET', '/admin/webhooks.json', null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="partnerdeck"');
    expect(typeof none.body.errors).toBe('string');
    const unknown = await api(fixture, 'GET', '/admin/webhooks.json', 'nope');
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const { access } = await tokensFor(fixture, { scope: 'webhooks' });
    fixture.platform.clock.advance(1800_000);
    const expired = await api(fixture, 'GET', '/admin/webhooks.json', access);
    expect(expired).toMatchObject({ status: 401, body: { errors: 'access token expired: refresh it at /token' } });
    token = (await tokensFor(fixture)).access;
  });

  it('403 naming the scope when the token lacks it', async () => {
    const { access } = await tokensFor(fixture, { scope: 'products,orders' });
    const reply = await api(fixture, 'GET', '/admin/webhooks.json', access);
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ errors: 'this request needs the webhooks scope; the token has products,orders' });
    expect(reply.headers.get('www-authenticate')).toContain('error="insufficient_scope", scope="webhooks"');
  });

  it('accepts the access_token query parameter, but not together with the header', async () => {
    expect((await api(fixture, 'GET', `/admin/webhooks.json?access_token=${token}`, null)).status).toBe(200);
    expect((await api(fixture, 'GET', `/admin/webhooks.json?access_token=${token}`, token)).status).toBe(400);
  });

  it('unknown paths answer 404 and unsupported verbs 405 in the REST error format', async () => {
    expect(await api(fixture, 'GET', '/admin/nothing.json', token)).toMatchObject({ status: 404, body: { errors: expect.any(String) } });
    const verb = await api(fixture, 'PATCH', '/admin/webhooks.json', token);
    expect(verb.status).toBe(405);
    expect(verb.headers.get('allow')).toBe('GET, POST');
  });
});

describe('pagination', () => {
  it('limit, page and since_id, with a Link header; bad values name the parameter', async () => {
    const { access } = await tokensFor(fixture, { email: 'oliver@brightside-books.example', scope: 'webhooks' });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await api(fixture, 'POST', '/admin/webhooks.json', access, { webhook: { topic: 'app/update', address: `https://p${i}.example/` } })).body.webhook.id);
    }
    const first = await api(fixture, 'GET', '/admin/webhooks.json?limit=2', access);
    expect(first.body.webhooks.map((h: { id: number }) => h.id)).toEqual(ids.slice(0, 2));
    expect(first.headers.get('link')).toBe(`<${fixture.url}/admin/webhooks.json?limit=2&page=2>; rel="next"`);
    const last = await api(fixture, 'GET', '/admin/webhooks.json?limit=2&page=3', access);
    expect(last.body.webhooks.map((h: { id: number }) => h.id)).toEqual(ids.slice(4));
    expect(last.headers.get('link')).toBe(`<${fixture.url}/admin/webhooks.json?limit=2&page=2>; rel="previous"`);
    const since = await api(fixture, 'GET', `/admin/webhooks.json?since_id=${ids[2]}`, access);
    expect(since.body.webhooks.map((h: { id: number }) => h.id)).toEqual(ids.slice(3));
    for (const bad of ['limit=0', 'limit=251', 'limit=abc', 'page=0', 'since_id=-1']) {
      const reply = await api(fixture, 'GET', `/admin/webhooks.json?${bad}`, access);
      expect(reply.status).toBe(400);
      expect(Object.keys(reply.body.errors)).toEqual([bad.split('=')[0]]);
    }
  });
});

describe('webhook addresses the platform must not call (SSRF)', () => {
  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'link-local or cloud metadata address'],
    ['http://[fe80::1]/hook', 'link-local or cloud metadata address'],
    ['http://metadata.google.internal/', 'cloud metadata host'],
  ])('refuses %s naming the address field, and writes nothing', async (address, problem) => {
    const before = await count();
    const reply = await api(fixture, 'POST', '/admin/webhooks.json', token, { webhook: { topic: 'order/create', address } });
    expect(reply.status).toBe(422);
    expect(reply.body.errors.address[0]).toContain(problem);
    expect(await count()).toBe(before);
  });

  it("refuses the platform server's own port, on create and on change; other loopback ports are fine", async () => {
    const own = `http://127.0.0.1:${fixture.server.port}/admin/webhooks.json`;
    const refused = await api(fixture, 'POST', '/admin/webhooks.json', token, { webhook: { topic: 'order/create', address: own } });
    expect(refused).toMatchObject({ status: 422, body: { errors: { address: [`must not point at the platform server itself (port ${fixture.server.port})`] } } });
    const created = await api(fixture, 'POST', '/admin/webhooks.json', token, { webhook: { topic: 'order/create', address: 'http://127.0.0.1:3999/hooks' } });
    expect(created.status).toBe(201);
    const changed = await api(fixture, 'PUT', `/admin/webhooks/${created.body.webhook.id}.json`, token, { webhook: { address: `http://localhost:${fixture.server.port}/` } });
    expect(changed.status).toBe(422);
    expect(Object.keys(changed.body.errors)).toEqual(['address']);
    expect((await api(fixture, 'GET', `/admin/webhooks/${created.body.webhook.id}.json`, token)).body.webhook.address).toBe('http://127.0.0.1:3999/hooks');
  });
});

describe('topics need the scope of what they tell about', () => {
  it('a token authorized for webhooks only may register app topics, not order/create; the error names the topic', async () => {
    const { access } = await tokensFor(fixture, { email: 'maya@harborcoffee.example', scope: 'webhooks' });
    const refused = await api(fixture, 'POST', '/admin/webhooks.json', access, { webhook: { topic: 'orders/create', address: 'https://scoped.example/' } });
    expect(refused).toMatchObject({ status: 422, body: { errors: { topic: ['needs the orders scope: the company authorized this app for webhooks'] } } });
    const app = await api(fixture, 'POST', '/admin/webhooks.json', access, { webhook: { topic: 'app/uninstalled', address: 'https://scoped.example/' } });
    expect(app.status).toBe(201);
    const changed = await api(fixture, 'PUT', `/admin/webhooks/${app.body.webhook.id}.json`, access, { webhook: { topic: 'customer/update' } });
    expect(changed).toMatchObject({ status: 422, body: { errors: { topic: ['needs the customers scope: the company authorized this app for webhooks'] } } });
  });
});

describe('malformed paths', () => {
  it('a malformed percent-encoding in the path is a 400 with a JSON body, not a 500', async () => {
    for (const path of ['/admin/webhooks/%E0%A4%A.json', '/admin/webhooks/%.json']) {
      const reply = await api(fixture, 'GET', path, token);
      expect(reply.status).toBe(400);
      expect(reply.headers.get('content-type')).toContain('application/json');
      expect(reply.body.errors).toContain('malformed percent-encoding');
    }
  });
});
