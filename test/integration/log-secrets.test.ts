// The log of a real `partnerdeck serve` at debug level, after a full OAuth + webhook run, holds none of the
// tokens and secrets the run used: the app's client secret, both authorization codes, every access and refresh
// token, the user's password, the admin token, the consent page's one-time ticket and form tokens (and there is no cookie at all), the webhook signatures and
// a key the developer put in a hook address. The log must also show that the run happened (access log, the
// worker's deliveries), so the scan is over real lines.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, runCliAsync, stop } from '../helpers/cli';
import { ANNA, api, authorize, authorizePath, DEMO_PASSWORD, exchangeCode, FormClient, formFields, refresh, signIn, tokeninfo, type OAuthFixture } from '../helpers/oauth';
import { tempDir } from '../helpers/platform';
import { startReceiver, type Receiver } from '../helpers/webhooks';

const dir = tempDir('pd-log-secrets-');
let serve: ChildProcessWithoutNullStreams;
let info: { url: string; adminToken: string };
let receiver: Receiver;
const secrets = new Map<string, string>();
let logText = '';

function remember(name: string, value: unknown): void {
  if (typeof value !== 'string' || value.length < 6) throw new Error(`${name} is not a usable secret: ${String(value)}`);
  secrets.set(name, value);
}

beforeAll(async () => {
  assertBuilt();
  serve = spawn(process.execPath, [BIN, 'serve', '--data-dir', dir.path, '--port', '0'], { stdio: 'pipe', env: { ...process.env, PARTNERDECK_LOG_LEVEL: 'debug' } });
  info = await new Promise((resolve, reject) => {
    serve.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
    createInterface({ input: serve.stdout }).once('line', (line) => resolve(JSON.parse(line)));
  });
  serve.removeAllListeners('exit');
  remember('admin token', info.adminToken);
  receiver = await startReceiver(200);

  const companies = JSON.parse((await runCliAsync(['company', 'list', '--json', '--data-dir', dir.path])).stdout) as Array<{ id: number; name: string }>;
  const alpen = companies.find((c) => c.name.startsWith('Alpenglück'))!.id;
  const kawaii = companies.find((c) => c.name.startsWith('Kawaii'))!.id;
  const created = JSON.parse(
    (await runCliAsync(['app', 'create', '--company', String(kawaii), '--name', 'Order Sync', '--redirect-uri', 'http://127.0.0.1:9/callback', '--scopes', 'customers,orders,products,webhooks', '--json', '--data-dir', dir.path])).stdout,
  ) as { id: number; client_id: string; client_secret: string };
  remember('client secret', created.client_secret);
  const fixture = { url: info.url, app: { id: created.id, clientId: created.client_id, clientSecret: created.client_secret }, companyOf: () => alpen } as unknown as OAuthFixture;
  remember('password', DEMO_PASSWORD);

  // Authorization code flow through the sign-in and consent pages.
  const first = await authorize(fixture, { email: ANNA, scope: 'customers,orders,products,webhooks' });
  remember('authorization code', first.code);
  // No cookie at all (H1): the consent page carries a one-time ticket instead; one is made and left unused here.
  if (first.client.cookies.size !== 0) throw new Error(`the OAuth pages set cookies: ${[...first.client.cookies.keys()].join(', ')}`);
  const consentPage = await signIn(new FormClient(info.url), authorizePath(fixture, { scope: 'customers,orders' }), ANNA);
  remember('consent ticket', formFields(consentPage.html, '/oauth2/authorize/decision').consent);
  const exchanged = await exchangeCode(fixture, first.code!);
  if (exchanged.status !== 200) throw new Error(`code exchange: ${JSON.stringify(exchanged.body)}`);
  remember('access token', exchanged.body.access_token);
  remember('refresh token', exchanged.body.refresh_token);
  // A wrong secret, the refresh, token info with the token in the query string.
  expect((await refresh(fixture, exchanged.body.refresh_token as string, { client_secret: 'not-the-secret-at-all' })).status).toBe(401);
  const refreshed = await refresh(fixture, exchanged.body.refresh_token as string);
  expect(refreshed.status).toBe(200);
  remember('refreshed access token', refreshed.body.access_token);
  remember('refreshed refresh token', refreshed.body.refresh_token);
  const token = refreshed.body.access_token as string;
  expect((await tokeninfo(fixture, token)).status).toBe(200);
  // The first access token still works until it expires; a made-up one does not.
  expect((await api(fixture, 'GET', '/admin/customers.json', exchanged.body.access_token as string)).status).toBe(200);
  expect((await api(fixture, 'GET', '/admin/customers.json', `${token}x`)).status).toBe(401);
  // The token in the query string (the REST API takes it there too): the access log keeps only the path.
  expect((await fetch(`${info.url}/admin/customers.json?access_token=${encodeURIComponent(token)}`)).status).toBe(200);

  // Webhooks: one to the receiver with a key in its address, one to a port where nothing listens.
  const hookKey = 'hk_Qm9va2luZ0tleUZvclRoZUhvb2s';
  remember('hook key', hookKey);
  expect((await api(fixture, 'POST', '/admin/webhooks.json', token, { webhook: { topic: 'customer/create', address: `${receiver.url}/hook?key=${hookKey}` } })).status).toBe(201);
  expect((await api(fixture, 'POST', '/admin/webhooks.json', token, { webhook: { topic: 'customer/create', address: `http://127.0.0.1:1/down?key=${hookKey}` } })).status).toBe(201);
  expect((await api(fixture, 'POST', '/admin/customers.json', token, { customer: { email: 'lea@example.com', name: 'Lea Gruber' } })).status).toBe(201);
  await receiver.waitForCount(1);
  remember('webhook signature', String(receiver.requests[0].headers['webhook-signature']));
  // The admin routes with the right and a wrong admin token.
  expect((await fetch(`${info.url}/_partnerdeck/status`, { headers: { authorization: `Bearer ${info.adminToken}` } })).status).toBe(200);
  expect((await fetch(`${info.url}/_partnerdeck/status`, { headers: { authorization: 'Bearer wrong-admin-token-value' } })).status).toBe(401);

  // The code again: refused, and (RFC 6749 4.1.2) the tokens issued from it are revoked.
  expect((await exchangeCode(fixture, first.code!)).status).toBe(400);
  // Let the failing delivery be attempted and logged, then stop serve so everything is written.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(await stop(serve, 'SIGTERM')).toBe(0);
  logText = readFileSync(join(dir.path, 'logs', 'partnerdeck.log'), 'utf8');
}, 120_000);

afterAll(async () => {
  if (serve && serve.exitCode === null) await stop(serve, 'SIGKILL');
  await receiver?.close();
  dir.remove();
});

describe('the log of a full OAuth + webhook run', () => {
  it('records the run: the access log and the worker deliveries', () => {
    expect(logText).toMatch(/\[debug\] +\(server\) +POST \/token 200 /);
    expect(logText).toMatch(/\(server\) +POST \/oauth2\/authorize\/decision 303 /);
    expect(logText).toMatch(/\(server\) +GET \/api\/tokeninfo 200 /);
    expect(logText).toMatch(/\(server\) +POST \/admin\/webhooks\.json 201 /);
    expect(logText).toMatch(/\(webhook-worker\) POST http:\/\/127\.0\.0\.1:\d+\/hooks\/hook\?key=\[redacted\] 200 in \d+ ms \(msg_/);
    expect(logText).toMatch(/\(webhook-worker\) POST http:\/\/127\.0\.0\.1:1\/down\?key=\[redacted\] /);
  });

  it('holds none of the secrets the run used', () => {
    expect([...secrets.keys()]).toEqual([
      'admin token',
      'client secret',
      'password',
      'authorization code',
      'consent ticket',
      'access token',
      'refresh token',
      'refreshed access token',
      'refreshed refresh token',
      'hook key',
      'webhook signature',
    ]);
    const leaked = [...secrets].filter(([, value]) => logText.includes(value)).map(([name]) => name);
    expect(leaked).toEqual([]);
  });
});
