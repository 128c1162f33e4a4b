// "Send test event…" and "Recover failed…" on the Webhooks screen in Chromium (issue 19 item 2): a payload that
// is not JSON is refused naming the field and nothing is sent; a good one reaches the hook signed, with its answer
// shown; Recover counts what is still queued before it confirms, refuses a time after the platform's now naming the
// field, and sends the failed events again with their webhook-ids.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorePlatform } from '../../src-main/core/platform';
import { assertBuilt } from '../helpers/cli';
import { closeConsoleInChromium, openConsoleInChromium, pickSearched, screenshot, WAIT } from '../helpers/console-e2e';
import { tempDir } from '../helpers/platform';
import { insertApp, insertHook, openRealClockPlatform, startReceiver, type Receiver } from '../helpers/webhooks';
import { idOfCompany } from '../helpers/fixtures';

const dir = tempDir('pd-e2e-hook-dialogs-');
const dataDir = join(dir.path, 'data');
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let page: Page;
let origin: string;
let receiver: Receiver;
let shop: CorePlatform;
let companyId: number;
let hookId: number;
let pageErrors: string[] = [];

const byTestId = (id: string) => page.getByTestId(id);
const order = (id: number) => shop.ctx.transact((emit) => emit('order.created', { companyId, id }));

/** Both sizes the dialogs must work at (PARTNERDECK_SCREENSHOTS=DIR keeps them). */
async function shots(name: string): Promise<void> {
  for (const [width, height] of [
    [1440, 900],
    [1024, 700],
  ]) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `${name}-${width}x${height}`);
  }
  if (process.env.PARTNERDECK_SCREENSHOTS) {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, `${name}-dark-1440x900`);
    await page.emulateMedia({ colorScheme: 'light' });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

beforeAll(async () => {
  assertBuilt();
  receiver = await startReceiver(200);
  shop = openRealClockPlatform({ path: dataDir, remove: () => undefined }, 'demo');
  companyId = idOfCompany(shop, 'Alpenglück');
  const app = insertApp(shop, { companyId: idOfCompany(shop, 'Kawaii'), name: 'Order Sync', developerEmail: 'dev@ordersync.example' });
  hookId = insertHook(shop, { appId: app.id, companyId, topic: 'order/create', address: receiver.url });
  ({ child, browser, page, origin, pageErrors } = await openConsoleInChromium(dataDir, { viewport: { width: 1280, height: 900 } }));
});

afterAll(async () => {
  await closeConsoleInChromium({ browser, child });
  shop?.close();
  await receiver?.close();
  dir.remove();
});

describe('Send test event… and Recover failed…', () => {
  it('sends a test event: bad JSON names the field and sends nothing; a good payload reaches the hook signed', async () => {
    await page.goto(`${origin}/#/webhooks`);
    await byTestId(`hook-row-${hookId}`).waitFor(WAIT);
    await byTestId('wh-send-open').click();
    await byTestId('wh-send-dialog').waitFor(WAIT);
    expect(await byTestId('wh-send-topic').inputValue()).toBe('order/create');
    // The company is searched among the partner's clients (the picker a partner with 5,000 clients needs).
    await byTestId('wh-send-company-change').click();
    await pickSearched(page, 'wh-send-company-picker', 'Alpenglück');
    expect(await byTestId('wh-send-company').textContent()).toContain('Alpenglück');

    await byTestId('wh-send-data').fill('{"type": order}');
    // The screen re-renders every second (the clock) and hands the dialog a new onClose each time: the field being
    // typed in keeps the focus (ui/dialog.tsx reads the latest onClose from a ref).
    await page.waitForTimeout(1_500);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('wh-send-data');
    await byTestId('wh-send-confirm').click();
    await expect.poll(() => byTestId('wh-error-data').textContent(), WAIT).toMatch(/^Payload data is not JSON/);
    await shots('send-test-event-error');
    expect(receiver.requests).toHaveLength(0);

    await byTestId('wh-send-data').fill('{"type":"order","id":"42"}');
    expect(await byTestId('wh-error-data').count()).toBe(0);
    await byTestId('wh-send-confirm').click();
    await receiver.waitForCount(1);
    const body = JSON.parse(receiver.requests[0].body);
    expect(body).toMatchObject({ company_id: companyId, scope: 'order/create', data: { type: 'order', id: '42' } });
    expect(String(receiver.requests[0].headers['webhook-signature'])).toMatch(/^v1,/);
    await expect.poll(() => byTestId('wh-send-result').textContent(), WAIT).toMatch(/200.*delivered/);
    await shots('send-test-event-sent');
    await page.keyboard.press('Escape');
    await byTestId('wh-send-dialog').waitFor({ state: 'detached', ...WAIT });
  });

  it('recovers failed deliveries: counts them first, refuses a time after now naming the field, sends them again with their webhook-ids', async () => {
    receiver.answer = 500;
    order(1);
    await expect.poll(() => byTestId(`hook-state-${hookId}`).textContent(), WAIT).toBe('Blocked');
    order(2);
    await expect.poll(() => byTestId(`hook-queued-${hookId}`).textContent(), WAIT).toBe('2');
    const failedIds = new Set(shop.db.prepare("SELECT message_id FROM webhook_events WHERE state = 'queued'").pluck().all() as string[]);
    expect(failedIds.size).toBe(2);

    await byTestId('wh-recover-open').click();
    await byTestId('wh-recover-dialog').waitFor(WAIT);
    await expect.poll(() => byTestId('wh-recover-count').textContent(), WAIT).toBe('2 events will be sent again');
    expect(await byTestId('wh-recover-confirm').textContent()).toContain('Send 2 events again');
    await shots('recover-failed');

    const next = new Date(Date.now() + 2 * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await byTestId('wh-recover-since').fill(`${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}T10:00:00`);
    await expect.poll(() => byTestId('wh-error-since').textContent(), WAIT).toMatch(/^Since must not be after the platform's time/);
    expect(await byTestId('wh-recover-confirm').isDisabled()).toBe(true);
    await byTestId('wh-recover-preset-3600000').click();
    await expect.poll(() => byTestId('wh-recover-count').textContent(), WAIT).toBe('2 events will be sent again');
    expect(shop.db.prepare('SELECT COUNT(*) FROM webhook_events WHERE replay_requested_at IS NOT NULL').pluck().get()).toBe(0);

    receiver.answer = 200;
    const before = receiver.requests.length;
    await byTestId('wh-recover-confirm').click();
    await byTestId('wh-recover-dialog').waitFor({ state: 'detached', ...WAIT });
    await receiver.waitForCount(before + 2);
    const resent = receiver.requests.slice(before).map((r) => String(r.headers['webhook-id']));
    expect(new Set(resent)).toEqual(failedIds);
    await expect.poll(() => byTestId(`hook-queued-${hookId}`).textContent(), WAIT).toBe('0');
    expect(pageErrors).toEqual([]);
  });
});
