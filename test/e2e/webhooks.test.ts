// The Webhooks screen in Chromium through the browser host: a delivery shows up live with its request,
// a replay goes out with the same webhook-id, a failing endpoint blocks the app, the clock control walks
// the retry schedule until the hook is deactivated, and Reactivate sends what was queued.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorePlatform } from '../../src-main/core/platform';
import { assertBuilt } from '../helpers/cli';
import { closeConsoleInChromium, openConsoleInChromium } from '../helpers/console-e2e';
import { tempDir } from '../helpers/platform';
import { insertApp, insertHook, openRealClockPlatform, startReceiver, type Receiver } from '../helpers/webhooks';

const dir = tempDir('pd-e2e-hooks-');
const dataDir = join(dir.path, 'data');
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let page: Page;
let origin: string;
let receiver: Receiver;
/** Another process's view of the folder, as `partnerdeck trigger` would have. */
let shop: CorePlatform;
let companyId: number;
let hookId: number;
let pageErrors: string[] = [];

const byTestId = (id: string) => page.getByTestId(id);
const order = (id: number) => shop.ctx.transact((emit) => emit('order.created', { companyId, id }));

beforeAll(async () => {
  assertBuilt();
  receiver = await startReceiver(200);
  shop = openRealClockPlatform({ path: dataDir, remove: () => undefined }, 'demo');
  companyId = shop.db.prepare("SELECT id FROM companies WHERE name LIKE 'Alpenglück%'").pluck().get() as number;
  const kawaii = shop.db.prepare("SELECT id FROM companies WHERE name LIKE 'Kawaii%'").pluck().get() as number;
  const app = insertApp(shop, { companyId: kawaii, name: 'Order Sync', developerEmail: 'dev@ordersync.example' });
  hookId = insertHook(shop, { appId: app.id, companyId, topic: 'order/create', address: receiver.url });
  ({ child, browser, page, origin, pageErrors } = await openConsoleInChromium(dataDir, { viewport: { width: 1280, height: 900 } }));
});

afterAll(async () => {
  await closeConsoleInChromium({ browser, child });
  shop?.close();
  await receiver?.close();
  dir.remove();
});

describe('the Webhooks screen', () => {
  it('lists the hook and shows a delivery live, with the request as sent', async () => {
    await page.goto(`${origin}/#/webhooks`);
    await byTestId(`hook-row-${hookId}`).waitFor();
    expect(await byTestId(`hook-state-${hookId}`).textContent()).toBe('Active');
    await byTestId('attempts-empty').waitFor();
    order(267227);
    await byTestId('attempt-detail').waitFor();
    expect(await byTestId('attempt-response').textContent()).toMatch(/^200 in \d+ ms$/);
    const body = JSON.parse((await byTestId('attempt-body').textContent())!);
    expect(body).toMatchObject({ company_id: companyId, producer: 'shop', scope: 'order/create', data: { type: 'order', id: '267227' } });
    expect(body.hash).toMatch(/^[0-9a-f]{64}$/);
    const headers = await byTestId('attempt-headers').textContent();
    expect(headers).toContain(String(receiver.requests[0].headers['webhook-id']));
    expect(headers).toContain(String(receiver.requests[0].headers['webhook-signature']));
    expect(await byTestId('delivery-log').textContent()).toContain('Delivered events and their attempts are kept for 30 days of platform time.');
  });

  it('replays a delivery: a new attempt with the same webhook-id, logged as a replay', async () => {
    await byTestId('attempt-replay').click();
    await receiver.waitForCount(2);
    expect(receiver.requests[1].headers['webhook-id']).toBe(receiver.requests[0].headers['webhook-id']);
    await expect.poll(() => page.locator('[data-testid="attempt-row"]').count()).toBe(2);
    expect(await page.locator('[data-testid="attempt-row"]').first().textContent()).toContain('Replay');
  });

  it('a failing endpoint blocks the app; the clock control walks the schedule until the hook is deactivated; Reactivate resumes', async () => {
    receiver.answer = 500;
    order(1);
    await expect.poll(() => byTestId(`hook-state-${hookId}`).textContent()).toBe('Blocked');
    expect(await byTestId('pair-block').textContent()).toMatch(/Retry 1 of 11/);
    order(2);
    await expect.poll(() => byTestId(`hook-queued-${hookId}`).textContent()).toBe('2');

    await byTestId('clock-advance-1m').click();
    await expect.poll(() => byTestId('pair-block').textContent()).toMatch(/Retry 2 of 11/);
    expect(await byTestId('clock-offset').textContent()).toBe('+1 min');

    await byTestId('clock-custom').click();
    await byTestId('clock-custom-input').fill('soon');
    await byTestId('clock-custom-submit').click();
    await expect.poll(() => byTestId('clock-error').textContent()).toMatch(/not a duration/);
    await byTestId('clock-custom-input').fill('2d1h');
    await byTestId('clock-custom-submit').click();
    await expect.poll(() => byTestId(`hook-state-${hookId}`).textContent(), { timeout: 15_000 }).toBe('Deactivated');
    expect(await byTestId('nav-clock-offset').textContent()).toMatch(/Clock \+2 d/);

    receiver.answer = 200;
    const before = receiver.requests.length;
    await byTestId(`hook-reactivate-${hookId}`).click();
    await expect.poll(() => byTestId(`hook-state-${hookId}`).textContent()).toBe('Active');
    await receiver.waitForCount(before + 2);
    await expect.poll(() => byTestId(`hook-queued-${hookId}`).textContent()).toBe('0');
    const email = shop.db.prepare("SELECT to_address FROM outbox WHERE kind = 'webhook_deactivated'").pluck().get();
    expect(email).toBe('dev@ordersync.example');
    expect(pageErrors).toEqual([]);
  });
});
