// `partnerdeck app create` / `app list` as a developer runs them (the built CLI, a real data folder), and the
// registered app going through OAuth against `partnerdeck serve` on the same folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { assertBuilt, runCli, startCli, stop } from '../helpers/cli';
import { ANNA, FormClient, signIn, formFields } from '../helpers/oauth';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-apps-');
const data = join(dir.path, 'data');
const env = { PARTNERDECK_DATA_DIR: data };
let kawaii: number;
let northwind: number;

beforeAll(() => {
  assertBuilt();
  const companies = JSON.parse(runCli(['company', 'list', '--json'], env).stdout) as { id: number; name: string }[];
  if (companies.length === 0) {
    // An empty folder: `seed` fills it with the demo data first.
    expect(runCli(['seed', '--companies', '1', '--json'], env).status).toBe(0);
  }
  const all = JSON.parse(runCli(['company', 'list', '--json'], env).stdout) as { id: number; name: string }[];
  kawaii = all.find((c) => c.name === 'Kawaii Stationery KK')!.id;
  northwind = all.find((c) => c.name === 'Northwind Commerce Partners GmbH')!.id;
});
afterAll(() => dir.remove());

describe('partnerdeck app create / list', () => {
  it('prints {"id", "client_id", "client_secret"} and lists the app without its secret', () => {
    const created = runCli(['app', 'create', '--company', String(kawaii), '--name', 'CLI App', '--redirect-uri', 'http://127.0.0.1:8123/callback', '--redirect-uri', 'https://app.example.com/oauth/callback', '--scopes', 'products,orders', '--developer-email', 'dev@kawaii-stationery.example', '--json'], env);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const body = JSON.parse(created.stdout);
    expect(Object.keys(body)).toEqual(['id', 'client_id', 'client_secret']);
    expect(body.client_id).toMatch(/^[0-9a-f]{32}$/);
    expect(body.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const listed = runCli(['app', 'list', '--json'], env);
    expect(listed.status).toBe(0);
    expect(listed.stdout).not.toContain(body.client_secret);
    expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({
      id: body.id, name: 'CLI App', company_id: kawaii, client_id: body.client_id, scopes: 'products,orders',
      redirect_uris: ['http://127.0.0.1:8123/callback', 'https://app.example.com/oauth/callback'], developer_email: 'dev@kawaii-stationery.example',
    }));
    expect(JSON.parse(runCli(['app', 'list', '--company', String(northwind), '--json'], env).stdout)).toEqual([]);
  });

  it.each([
    [['--redirect-uri', 'http://app.example.com/cb', '--scopes', 'products'], '--redirect-uri http://app.example.com/cb: must use https (plain http is allowed only for 127.0.0.1, [::1] and localhost)'],
    [['--redirect-uri', 'https://app.example.com/cb#x', '--scopes', 'products'], '--redirect-uri https://app.example.com/cb#x: must not contain a fragment (#...)'],
    [['--redirect-uri', 'https://app.example.com/cb', '--scopes', 'products,everything'], '--scopes everything: must be one of products, customers, orders, themes, files, companies, statistics, webhooks'],
    [['--scopes', 'products'], '--redirect-uri is required (repeat it for several values)'],
    [['--redirect-uri', 'https://app.example.com/cb', '--scopes', 'products', '--developer-email', 'nope'], '--developer-email: is not a valid email address'],
    [['--redirect-uri', 'https://a.example/cb', '--scopes', 'products', '--authorization-url', 'https://b.example/cb'], '--authorization-url: must be identical to one of the redirect URIs'],
  ])('refuses %j with one line naming the flag', (args, message) => {
    const reply = runCli(['app', 'create', '--company', String(kawaii), '--name', 'Bad', ...args], env);
    expect(reply.status).toBe(2);
    expect(reply.stdout).toBe('');
    expect(reply.stderr).toBe(`partnerdeck: ${message}\n`);
  });

  it('refuses a partner company and an unknown one', () => {
    const partner = runCli(['app', 'create', '--company', String(northwind), '--name', 'P', '--redirect-uri', 'https://a.example/cb', '--scopes', 'products'], env);
    expect(partner.status).toBe(2);
    expect(partner.stderr).toMatch(/^partnerdeck: --company: Northwind Commerce Partners GmbH is a partner/);
    const unknown = runCli(['app', 'create', '--company', '99999', '--name', 'P', '--redirect-uri', 'https://a.example/cb', '--scopes', 'products'], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('partnerdeck: Company 99999 was not found.\n');
  });

  it('an app registered with the CLI signs a user in through `partnerdeck serve` on the same folder', async () => {
    const created = JSON.parse(runCli(['app', 'create', '--company', String(kawaii), '--name', 'Served App', '--redirect-uri', 'http://127.0.0.1:9/cb', '--scopes', 'webhooks', '--json'], env).stdout);
    const { child, first } = await startCli(['serve', '--data-dir', data, '--port', '0']);
    try {
      const client = new FormClient(first.url);
      const query = new URLSearchParams({ client_id: created.client_id, redirect_uri: 'http://127.0.0.1:9/cb', scope: 'webhooks', response_type: 'code', state: 's' });
      const consent = await signIn(client, `/oauth2/authorize?${query}`, ANNA);
      const decided = await client.post('/oauth2/authorize/decision', { ...formFields(consent.html, '/oauth2/authorize/decision'), decision: 'approve' });
      const code = new URL(decided.location!).searchParams.get('code')!;
      const basic = Buffer.from(`${created.client_id}:${created.client_secret}`).toString('base64');
      const token = await fetch(`${first.url}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:9/cb' }),
      });
      expect(token.status).toBe(200);
      const { access_token } = await token.json();
      const hooks = await fetch(`${first.url}/admin/webhooks.json`, { headers: { authorization: `Bearer ${access_token}` } });
      expect(await hooks.json()).toEqual({ webhooks: [] });
      const docs = await fetch(`${first.url}/docs/platform-api.md`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('/oauth2/authorize');
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });
});
