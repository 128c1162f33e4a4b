// The log of a real `partnerdeck serve` at debug level, after a full OAuth + webhook run, holds none of the
// tokens and secrets the run used: the app's client secret, both authorization codes, every access and refresh
// token, the user's password, the admin token, the sign-in cookies and form tokens, the webhook signatures and
// a key the developer put in a hook address. The log must also show that the run happened (access log, the
// worker's deliveries), so the scan is over real lines. The same holds for the API request log (issue 19 item 5):
// the rows in the folder and what a `partnerdeck logs tail --json` process printed live while the run happened.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, runCliAsync, stop } from '../helpers/cli';
import { ANNA, api, authorize, DEMO_PASSWORD, exchangeCode, refresh, tokeninfo, type OAuthFixture } from '../helpers/oauth';
import { tempDir } from '../helpers/platform';
import { startReceiver, type Receiver } from '../helpers/webhooks';

const dir = tempDir('pd-log-secrets-');
let serve: ChildProcessWithoutNullStreams;
let info: { url: string; adminToken: string };
let receiver: Receiver;
const secrets = new Map<string, string>();
let logText = '';
let tail: ChildProcessWithoutNullStreams;
let tailText = '';
let apiLogText = '';
let apiLogRows: Array<{ method: string; path: string; status: number; error_code: string | null; app_id: number | null; company_id: number | null }> = [];

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
  // Follows the folder's API request log from another process, as a developer would.
  tail = spawn(process.execPath, [BIN, 'logs', 'tail', '--json', '--lines', '0', '--data-dir', dir.path], { stdio: 'pipe' });
  tail.stdout.on('data', (c: Buffer) => (tailText += c.toString()));
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
  for (const [name, value] of first.client.cookies) remember(`cookie ${name}`, value);
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
  // Everything serve logged is in the folder now; the follower has had time to print it.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(await stop(tail, 'SIGINT')).toBe(0);
  const db = new Database(join(dir.path, 'partnerdeck.sqlite'), { readonly: true });
  apiLogRows = db.prepare('SELECT * FROM api_requests ORDER BY id').all() as typeof apiLogRows;
  apiLogText = JSON.stringify(apiLogRows);
  db.close();
}, 120_000);

afterAll(async () => {
  if (serve && serve.exitCode === null) await stop(serve, 'SIGKILL');
  if (tail && tail.exitCode === null) await stop(tail, 'SIGKILL');
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
    // The OAuth pages set no cookies since security's H1 (a consent ticket in the page instead).
    expect([...secrets.keys()]).toEqual([
      'admin token',
      'client secret',
      'password',
      'authorization code',
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

describe('the API request log of the same run', () => {
  it('records every /token, /api/tokeninfo and /admin request with app, company, status and error code', () => {
    const line = (r: (typeof apiLogRows)[number]) => `${r.method} ${r.path} ${r.status} ${r.error_code ?? '-'}`;
    const lines = apiLogRows.map(line);
    expect(lines).toContain('POST /token 200 -');
    expect(lines).toContain('POST /token 401 invalid_client');
    expect(lines).toContain('POST /token 400 invalid_grant');
    expect(lines).toContain('GET /api/tokeninfo?access_token=[redacted] 200 -');
    expect(lines).toContain('GET /admin/customers.json 401 invalid_token');
    expect(lines).toContain('GET /admin/customers.json?access_token=[redacted] 200 -');
    expect(lines).toContain('POST /admin/customers.json 201 -');
    // Neither the OAuth pages nor the operator routes are API requests.
    expect(apiLogRows.some((r) => r.path.startsWith('/oauth2/') || r.path.startsWith('/_partnerdeck/'))).toBe(false);
    const created = apiLogRows.find((r) => r.method === 'POST' && r.path === '/admin/customers.json')!;
    expect(created.app_id).toBeGreaterThan(0);
    expect(created.company_id).toBeGreaterThan(0);
  });

  it('holds none of the secrets, in the folder or in what `logs tail` printed live', () => {
    const printed = tailText.trim().split('\n').map((l) => JSON.parse(l) as { method: string; path: string; status: number });
    expect(printed.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(apiLogRows.map((r) => `${r.method} ${r.path} ${r.status}`));
    const leaked = [...secrets].filter(([, value]) => apiLogText.includes(value) || tailText.includes(value)).map(([name]) => name);
    expect(leaked).toEqual([]);
  });
});
