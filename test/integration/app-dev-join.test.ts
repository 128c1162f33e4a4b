// `partnerdeck app dev` beside a platform already running on the data folder (issue 19 item 1), as real
// processes: it joins a running `partnerdeck serve` (a console of its own beside it, no second platform server or
// dispatcher: the serve delivers and logs) and a running `partnerdeck console` (found through console.json; the
// launch link it prints comes from that console and opens the app embedded there). --strict turns the folder's
// setting on for the run when the platform is another process's, and back off afterwards.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppDev, tradeLaunchLink, writeAppToml } from '../helpers/app-dev';
import { assertBuilt, runCliAsync, startCli, stop } from '../helpers/cli';
import { tempDir } from '../helpers/platform';
import { startReceiver, type Receiver } from '../helpers/webhooks';

const dir = tempDir('pd-app-dev-join-');
const data = join(dir.path, 'data');
const appFolder = join(dir.path, 'my-app');
let receiver: Receiver;

const envValue = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(readFileSync(join(appFolder, '.env'), 'utf8'))![1];

/** A refresh with HTTP Basic client authentication: refused only in hosted-compatibility mode. */
async function basicRefresh(platformUrl: string): Promise<{ status: number; description: string }> {
  const basic = Buffer.from(`${envValue('PARTNERDECK_CLIENT_ID')}:${envValue('PARTNERDECK_CLIENT_SECRET')}`).toString('base64');
  const reply = await fetch(`${platformUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    body: 'grant_type=refresh_token&refresh_token=not-a-real-one',
  });
  const body = (await reply.json()) as { error_description?: string };
  return { status: reply.status, description: body.error_description ?? '' };
}

beforeAll(async () => {
  assertBuilt();
  receiver = await startReceiver(200);
  writeAppToml(appFolder, 'Joining App', receiver.url);
});

afterAll(async () => {
  await receiver?.close();
  dir.remove();
});

describe('partnerdeck app dev joins what already runs on the data folder', () => {
  it('beside a running serve: no second platform; the serve delivers and logs, the tail shows both', async () => {
    const serve = await startCli(['serve', '--json', '--port', '0', '--data-dir', data]);
    try {
      const ports = readFileSync(join(data, 'ports.json'), 'utf8');
      const running = await startAppDev(appFolder, data, ['--yes', '--no-open', '--port', '0']);
      expect(running.first.joined).toEqual({ kind: 'serve', url: serve.first.url, pid: null });
      expect(running.first.platformUrl).toBe(serve.first.url);
      expect(envValue('PARTNERDECK_PLATFORM_URL')).toBe(serve.first.url);
      // app dev started no platform server: the folder's remembered platform port is the serve's.
      expect(JSON.parse(readFileSync(join(data, 'ports.json'), 'utf8')).platform).toBe(JSON.parse(ports).platform);

      const start = receiver.requests.length;
      const order = await runCliAsync(['trigger', 'order/create', '--company', String(running.first.companyId), '--data-dir', data]);
      expect(order.status).toBe(0);
      expect((await running.waitFor((l) => l.webhook?.topic === 'order/create')).webhook).toMatchObject({ status: 200, url: receiver.url });
      await receiver.waitForCount(start + 1);
      const orders = await fetch(`${serve.first.url}/admin/orders.json`, { headers: { Authorization: `Bearer ${envValue('PARTNERDECK_ACCESS_TOKEN')}` } });
      expect(orders.status).toBe(200);
      expect((await running.waitFor((l) => l.api?.path === '/admin/orders.json')).api).toMatchObject({ method: 'GET', status: 200 });
      // Its console (beside the serve) opens the app embedded as the development company's user.
      const tab = await tradeLaunchLink(running.first.consoleUrl);
      expect(tab.path).toBe(`/apps/${running.first.appId}`);
      expect((await tab.call('session.get')).result).toMatchObject({ user: { id: running.first.userId } });
      expect(await stop(running.child, 'SIGINT')).toBe(0);
      // The serve keeps running after app dev stops.
      expect((await fetch(`${serve.first.url}/health`)).ok).toBe(true);

      // --strict beside the serve: the folder's setting is on for the run (the serve refuses), then off again.
      expect((await basicRefresh(serve.first.url)).description).not.toMatch(/hosted-compatibility mode/);
      const strict = await startAppDev(appFolder, data, ['--strict', '--no-open', '--port', '0']);
      expect(strict.first).toMatchObject({ strict: true, joined: { kind: 'serve' } });
      const refused = await basicRefresh(serve.first.url);
      expect(refused).toMatchObject({ status: 401, description: expect.stringMatching(/^hosted-compatibility mode: client credentials sent as HTTP Basic/) });
      expect(await stop(strict.child, 'SIGINT')).toBe(0);
      expect((await basicRefresh(serve.first.url)).description).not.toMatch(/hosted-compatibility mode/);
    } finally {
      expect(await stop(serve.child, 'SIGTERM')).toBe(0);
    }
  }, 120_000);

  it('beside a running console: its link comes from that console and opens the app embedded there', async () => {
    const consoleRun = await startCli(['console', '--json', '--no-open', '--port', '0', '--data-dir', data]);
    try {
      const consoleOrigin = new URL(consoleRun.first.consoleUrl).origin;
      expect(JSON.parse(readFileSync(join(data, 'console.json'), 'utf8'))).toMatchObject({ consoleUrl: consoleOrigin, platformUrl: consoleRun.first.platformUrl, pid: consoleRun.child.pid });
      const running = await startAppDev(appFolder, data, ['--no-open', '--port', '0']);
      expect(running.first.joined).toEqual({ kind: 'console', url: consoleOrigin, pid: consoleRun.child.pid });
      expect(running.first.platformUrl).toBe(consoleRun.first.platformUrl);
      expect(new URL(running.first.consoleUrl).origin).toBe(consoleOrigin);
      const tab = await tradeLaunchLink(running.first.consoleUrl);
      expect(tab.path).toBe(`/apps/${running.first.appId}`);
      expect((await tab.call('session.get')).result).toMatchObject({ user: { id: running.first.userId }, isSelf: true });
      // The console's platform delivers the order's webhook; the tail shows it.
      const order = await runCliAsync(['trigger', 'order/create', '--company', String(running.first.companyId), '--data-dir', data]);
      expect(order.status).toBe(0);
      expect((await running.waitFor((l) => l.webhook?.topic === 'order/create')).webhook).toMatchObject({ status: 200 });
      expect(await stop(running.child, 'SIGINT')).toBe(0);
      expect((await fetch(`${consoleRun.first.platformUrl}/health`)).ok).toBe(true);
    } finally {
      expect(await stop(consoleRun.child, 'SIGTERM')).toBe(0);
    }
    expect(existsSync(join(data, 'console.json'))).toBe(false);
  }, 120_000);
});
