// `partnerdeck app dev` as a developer runs it (issue 19 item 1), as a real process: the config file is checked
// (errors name file:line and key), the plan is shown and applied with --yes, the app is installed in a new
// development company without a consent click (recorded as such), the .env is merged (0600, other keys kept),
// a triggered order's webhook appears in the terminal tail, Ctrl+C stops cleanly, and a second run is idempotent.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppDev, tradeLaunchLink, writeAppToml, type RunningAppDev } from '../helpers/app-dev';
import { assertBuilt, runCliAsync } from '../helpers/cli';
import { tempDir } from '../helpers/platform';
import { startReceiver, type Receiver } from '../helpers/webhooks';
import { openPlatform } from '../../src-main/areas';
import { internalsOf } from '../../src-main/core/platform-internals';
import { createKeyFileSecretStore } from '../../src-main/core/secrets/key-file-secret-store';

const dir = tempDir('pd-app-dev-');
const data = join(dir.path, 'data');
const appFolder = join(dir.path, 'my-app');
let receiver: Receiver;
let demoApps = 0;

function appDev(...args: string[]): Promise<RunningAppDev> {
  return startAppDev(appFolder, data, ['--no-open', '--port', '0', ...args]);
}

function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

function counts() {
  const platform = openPlatform({ dataDir: data, secretStore: createKeyFileSecretStore(join(data, 'secret.key')) });
  const { db } = internalsOf(platform);
  try {
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      apps: one('SELECT count(*) FROM apps'),
      devCompanies: one('SELECT count(*) FROM companies WHERE is_development = 1'),
      hooks: one('SELECT count(*) FROM webhooks'),
      users: one('SELECT count(*) FROM users'),
      authorizations: one('SELECT count(*) FROM app_authorizations WHERE revoked_at IS NULL'),
      grantedBy: db.prepare('SELECT granted_by FROM app_authorizations ORDER BY id DESC LIMIT 1').pluck().get() as string,
      audit: one("SELECT count(*) FROM audit_log WHERE action = 'app.dev_install'"),
      strictSetting: db.prepare("SELECT value FROM settings WHERE key = 'devtools.strict'").pluck().get() as string | undefined,
    };
  } finally {
    platform.close();
  }
}

beforeAll(async () => {
  assertBuilt();
  receiver = await startReceiver(200);
  writeAppToml(appFolder, 'Dev Loop App', receiver.url, ['[dev]', 'env_file = ".env.local"', '']);
  writeFileSync(join(appFolder, '.env.local'), '# my own settings\nDATABASE_URL=postgres://localhost/app\nPARTNERDECK_CLIENT_ID=stale\n');
});

afterAll(async () => {
  await receiver?.close();
  dir.remove();
});

describe('partnerdeck app dev', () => {
  it('refuses to change anything without --yes when no terminal can ask', async () => {
    const result = await runCliAsync(['app', 'dev', '--path', appFolder, '--no-open', '--port', '0', '--data-dir', data]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/changes to make: run again with --yes/);
    expect(counts()).toMatchObject({ devCompanies: 0, audit: 0 });
    demoApps = counts().apps;
  });

  it('creates the app and a development company, installs without a click, merges .env, and tails a webhook', async () => {
    const running = await appDev('--yes');
    const first = running.first;
    expect(first.plan.map((p: { sign: string }) => p.sign)).toEqual(['+', '+', '+', '+']);
    expect(first.env).toEqual({ added: expect.arrayContaining(['PARTNERDECK_ACCESS_TOKEN', 'PARTNERDECK_PLATFORM_URL']), updated: ['PARTNERDECK_CLIENT_ID'], unchanged: [] });
    expect(first.embedUrl).toMatch(/UserID=\d+&CompanyID=\d+&hmac=[0-9a-f]{64}$/);
    expect(first.consoleUrl).toMatch(/#launch=/);
    const envPath = join(appFolder, '.env.local');
    expect(statSync(envPath).mode & 0o777).toBe(0o600);
    const envText = readFileSync(envPath, 'utf8');
    expect(envText).toMatch(/^# my own settings\nDATABASE_URL=postgres:\/\/localhost\/app\nPARTNERDECK_CLIENT_ID=/);
    expect(envText).toContain(`PARTNERDECK_CLIENT_ID=${first.clientId}\n`);
    expect(envText).toContain(`PARTNERDECK_COMPANY_ID=${first.companyId}\n`);
    // The access token works against the platform's REST API.
    const token = /PARTNERDECK_ACCESS_TOKEN=(\S+)/.exec(envText)![1];
    const orders = await fetch(`${first.platformUrl}/admin/orders.json`, { headers: { Authorization: `Bearer ${token}` } });
    expect(orders.status).toBe(200);
    // ... and the request shows in the tail beside the webhooks (method, path, status, latency, error code).
    const request = await running.waitFor((l) => l.api?.path === '/admin/orders.json');
    expect(request.api).toMatchObject({ method: 'GET', status: 200, errorCode: null, latencyMs: expect.any(Number), companyId: first.companyId });
    const refused = await fetch(`${first.platformUrl}/admin/products.json`, { headers: { Authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(403); // the config did not ask for the products scope
    expect((await running.waitFor((l) => l.api?.path === '/admin/products.json')).api).toMatchObject({ status: 403, errorCode: expect.any(String) });
    // Its own platform and console (nothing ran on the folder), not strict; the console link opens the app
    // embedded, signed in as the development company's user.
    expect(first).toMatchObject({ joined: null, strict: false });
    const tab = await tradeLaunchLink(first.consoleUrl);
    expect(tab.path).toBe(`/apps/${first.appId}`);
    expect((await tab.call('session.get')).result).toMatchObject({ user: { id: first.userId }, home: { id: first.companyId, isDevelopment: true }, isSelf: true });
    const state = counts();
    expect(state).toMatchObject({ apps: demoApps + 1, devCompanies: 1, audit: 1, grantedBy: expect.stringMatching(/^developer@dev-\d+\.partnerdeck\.test$/) });

    // A development company takes orders (its storefront is open), and the delivery shows in the tail.
    const start = receiver.requests.length;
    const triggered = await runCliAsync(['trigger', 'order/create', '--company', String(first.companyId), '--data-dir', data]);
    expect(triggered.status).toBe(0);
    expect(triggered.stdout).toMatch(/through the storefront's checkout/);
    const line = await running.waitFor((l) => l.webhook?.topic === 'order/create');
    expect(line.webhook).toMatchObject({ status: 200, ok: true, url: receiver.url, kind: 'delivery' });
    await receiver.waitForCount(start + 1);
    expect(await stop(running.child)).toBe(0);
  });

  it('changes nothing on a second run: same app, company, hooks and user; the valid tokens are kept', async () => {
    const before = counts();
    const envBefore = readFileSync(join(appFolder, '.env.local'), 'utf8');
    const running = await appDev();
    expect(running.first.plan).toEqual([]);
    // The platform keeps its port (ports.json), so the .env's URL stays; only when another program took that port
    // meanwhile (it is an ephemeral port: any outgoing connection may get it) the URL changes, and app dev says so.
    const moved = (running.first.warnings as string[]).some((w) => /taken by another program/.test(w));
    expect(running.first.env).toEqual({ added: [], updated: moved ? ['PARTNERDECK_PLATFORM_URL'] : [], unchanged: expect.any(Array) });
    expect(await stop(running.child)).toBe(0);
    expect(counts()).toEqual(before);
    if (!moved) expect(readFileSync(join(appFolder, '.env.local'), 'utf8')).toBe(envBefore);
  });

  it('shows and applies a change of the config (a scope added, a webhook removed)', async () => {
    const file = join(appFolder, 'partnerdeck.app.toml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"webhooks"]', '"webhooks", "products"]').replace(/\[\[webhooks\]\][^[]*/, ''));
    const running = await appDev('--yes');
    expect(running.first.plan).toEqual([
      { sign: '~', text: 'scopes: customers,orders,webhooks -> products,customers,orders,webhooks' },
      { sign: '~', text: 'grant products too (consent granted without a click)' },
      { sign: '-', text: expect.stringMatching(/^webhook order\/create -> .* \(not in partnerdeck\.app\.toml\)$/) },
    ]);
    expect(running.first.env.updated).toEqual(expect.arrayContaining(['PARTNERDECK_ACCESS_TOKEN', 'PARTNERDECK_REFRESH_TOKEN']));
    expect(await stop(running.child)).toBe(0);
    expect(counts()).toMatchObject({ apps: demoApps + 1, devCompanies: 1 });
    writeFileSync(file, text);
  });

  it('--strict: hosted-compatibility mode for its run (a local-only convenience is refused), and says so', async () => {
    const running = await appDev('--strict', '--yes');
    expect(running.first).toMatchObject({ strict: true, joined: null });
    const env = readFileSync(join(appFolder, '.env.local'), 'utf8');
    const value = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(env)![1];
    const basic = Buffer.from(`${value('PARTNERDECK_CLIENT_ID')}:${value('PARTNERDECK_CLIENT_SECRET')}`).toString('base64');
    const reply = await fetch(`${running.first.platformUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: `grant_type=refresh_token&refresh_token=${value('PARTNERDECK_REFRESH_TOKEN')}`,
    });
    expect(reply.status).toBe(401);
    expect(((await reply.json()) as { error_description: string }).error_description).toMatch(/^hosted-compatibility mode: client credentials sent as HTTP Basic/);
    expect(await stop(running.child)).toBe(0);
    // For the run only: the folder's setting was not changed.
    expect(counts().strictSetting).toBeUndefined();
  });

  it('warns when a registered URL points at a loopback port where nothing listens (the app is not running)', async () => {
    const file = join(appFolder, 'partnerdeck.app.toml');
    const text = readFileSync(file, 'utf8');
    const { createServer } = await import('node:net');
    // A port that was just free: nothing listens there now.
    const free = await new Promise<number>((done) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const port = (server.address() as { port: number }).port;
        server.close(() => done(port));
      });
    });
    writeFileSync(file, text.replace(/start_url = "[^"]*"/, `start_url = "http://127.0.0.1:${free}/"`));
    try {
      const running = await appDev('--yes');
      expect(running.first.warnings).toEqual([`nothing listens at http://127.0.0.1:${free}/ (is your app's server running on that port?)`]);
      expect(await stop(running.child)).toBe(0);
      // The receiver's URLs answer: no warning for them.
      writeFileSync(file, text);
      const again = await appDev('--yes');
      expect((again.first.warnings as string[]).filter((w) => w.startsWith('nothing listens'))).toEqual([]);
      expect(await stop(again.child)).toBe(0);
    } finally {
      writeFileSync(file, text);
    }
  });

  it('company create --development: a development company that takes test orders; not also a sample', async () => {
    const made = await runCliAsync(['company', 'create', '--name', 'Hand-made Dev Co', '--development', '--json', '--data-dir', data]);
    expect(made.status).toBe(0);
    const company = JSON.parse(made.stdout) as { id: number; isDevelopment: boolean; isSample: boolean };
    expect(company).toMatchObject({ isDevelopment: true, isSample: false });
    const order = await runCliAsync(['trigger', 'order/create', '--company', String(company.id), '--data-dir', data]);
    expect(order.status).toBe(0);
    const list = await runCliAsync(['company', 'list', '--data-dir', data]);
    expect(list.stdout).toMatch(new RegExp(`${company.id}\\s+Hand-made Dev Co\\s+DE\\s+development`));
    const both = await runCliAsync(['company', 'create', '--name', 'Both', '--development', '--sample', '--data-dir', data]);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--development and --sample: a company is one or the other/);
    expect(counts().devCompanies).toBe(2);
  });

  it('names the file, the line and the key of a bad config, and changes nothing', async () => {
    const bad = join(dir.path, 'bad-app');
    mkdirSync(bad);
    for (const [name, content, message] of [
      ['partnerdeck.app.toml', 'name = "X"\nscopes = ["orders", "shipping"]\nredirect_urls = ["https://x.example/cb"]\n', /partnerdeck\.app\.toml:2: scopes\[1\] must be one of/],
      ['partnerdeck.app.toml', 'name = "X"\nscopes = ["orders"]\nredirect_urls = ["https://x.example/cb"]\n\n[[webhooks]]\ntopic = "order/cancel"\naddress = "https://x.example/h"\n', /partnerdeck\.app\.toml:6: webhooks\[0\]\.topic "order\/cancel" is not a webhook topic/],
      ['partnerdeck.app.toml', 'name = "X"\nscopes = [\n', /partnerdeck\.app\.toml:3:\d+: not valid TOML/],
      ['partnerdeck.app.json', '{\n  "name": "X",\n  "scopes": ["orders"],\n  "redirect_urls": ["https://x.example/cb"],\n  "colour": "red"\n}\n', /partnerdeck\.app\.json:5: colour is not a known key/],
      ['partnerdeck.app.json', '{\n  "name": "X",\n  "scopes": ["orders"]\n}\n', /partnerdeck\.app\.json: redirect_urls is required/],
    ] as const) {
      for (const other of ['partnerdeck.app.toml', 'partnerdeck.app.json']) rmSync(join(bad, other), { force: true });
      writeFileSync(join(bad, name), content);
      const result = await runCliAsync(['app', 'dev', '--path', bad, '--yes', '--no-open', '--data-dir', data]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(counts()).toMatchObject({ apps: demoApps + 1 });
  });
});
