// "Send test event…" and "Recover failed…" on the Webhooks screen in Chromium (issue 19 item 2): a payload that
// is not JSON is refused naming the field and nothing is sent; a good one reaches the hook signed, with its answer
// shown; Recover counts what is still queued before it confirms, refuses a time after the platform's now naming the
// field, and sends the failed events again with their webhook-ids.
import { describe, expect, it } from 'vitest';
import { pickSearched, screenshot, WAIT } from '../helpers/console-e2e';
import { webhookConsoleSuite } from '../helpers/webhooks-e2e';

const e2e = webhookConsoleSuite('pd-e2e-hook-dialogs-');

/** Both sizes the dialogs must work at (PARTNERDECK_SCREENSHOTS=DIR keeps them). */
async function shots(name: string): Promise<void> {
  for (const [width, height] of [
    [1440, 900],
    [1024, 700],
  ]) {
    await e2e.page.setViewportSize({ width, height });
    await screenshot(e2e.page, `${name}-${width}x${height}`);
  }
  if (process.env.PARTNERDECK_SCREENSHOTS) {
    await e2e.page.emulateMedia({ colorScheme: 'dark' });
    await e2e.page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(e2e.page, `${name}-dark-1440x900`);
    await e2e.page.emulateMedia({ colorScheme: 'light' });
  }
  await e2e.page.setViewportSize({ width: 1280, height: 900 });
}

describe('Send test event… and Recover failed…', () => {
  it('sends a test event: bad JSON names the field and sends nothing; a good payload reaches the hook signed', async () => {
    await e2e.page.goto(`${e2e.origin}/#/webhooks`);
    await e2e.byTestId(`hook-row-${e2e.hookId}`).waitFor(WAIT);
    await e2e.byTestId('wh-send-open').click();
    await e2e.byTestId('wh-send-dialog').waitFor(WAIT);
    expect(await e2e.byTestId('wh-send-topic').inputValue()).toBe('order/create');
    // The company is searched among the partner's clients (the picker a partner with 5,000 clients needs).
    await e2e.byTestId('wh-send-company-change').click();
    await pickSearched(e2e.page, 'wh-send-company-picker', 'Alpenglück');
    expect(await e2e.byTestId('wh-send-company').textContent()).toContain('Alpenglück');

    await e2e.byTestId('wh-send-data').fill('{"type": order}');
    // The screen re-renders every second (the clock) and hands the dialog a new onClose each time: the field being
    // typed in keeps the focus (ui/dialog.tsx reads the latest onClose from a ref).
    await e2e.page.waitForTimeout(1_500);
    expect(await e2e.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('wh-send-data');
    await e2e.byTestId('wh-send-confirm').click();
    await expect.poll(() => e2e.byTestId('wh-error-data').textContent(), WAIT).toMatch(/^Payload data is not JSON/);
    await shots('send-test-event-error');
    expect(e2e.receiver.requests).toHaveLength(0);

    await e2e.byTestId('wh-send-data').fill('{"type":"order","id":"42"}');
    expect(await e2e.byTestId('wh-error-data').count()).toBe(0);
    await e2e.byTestId('wh-send-confirm').click();
    await e2e.receiver.waitForCount(1);
    const body = JSON.parse(e2e.receiver.requests[0].body);
    expect(body).toMatchObject({ company_id: e2e.companyId, scope: 'order/create', data: { type: 'order', id: '42' } });
    expect(String(e2e.receiver.requests[0].headers['webhook-signature'])).toMatch(/^v1,/);
    await expect.poll(() => e2e.byTestId('wh-send-result').textContent(), WAIT).toMatch(/200.*delivered/);
    await shots('send-test-event-sent');
    await e2e.page.keyboard.press('Escape');
    await e2e.byTestId('wh-send-dialog').waitFor({ state: 'detached', ...WAIT });
  });

  it('recovers failed deliveries: counts them first, refuses a time after now naming the field, sends them again with their webhook-ids', async () => {
    e2e.receiver.answer = 500;
    e2e.order(1);
    await expect.poll(() => e2e.byTestId(`hook-state-${e2e.hookId}`).textContent(), WAIT).toBe('Blocked');
    e2e.order(2);
    await expect.poll(() => e2e.byTestId(`hook-queued-${e2e.hookId}`).textContent(), WAIT).toBe('2');
    const failedIds = new Set(e2e.shop.db.prepare("SELECT message_id FROM webhook_events WHERE state = 'queued'").pluck().all() as string[]);
    expect(failedIds.size).toBe(2);

    await e2e.byTestId('wh-recover-open').click();
    await e2e.byTestId('wh-recover-dialog').waitFor(WAIT);
    await expect.poll(() => e2e.byTestId('wh-recover-count').textContent(), WAIT).toBe('2 events will be sent again');
    expect(await e2e.byTestId('wh-recover-confirm').textContent()).toContain('Send 2 events again');
    await shots('recover-failed');

    const next = new Date(Date.now() + 2 * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await e2e.byTestId('wh-recover-since').fill(`${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}T10:00:00`);
    await expect.poll(() => e2e.byTestId('wh-error-since').textContent(), WAIT).toMatch(/^Since must not be after the platform's time/);
    expect(await e2e.byTestId('wh-recover-confirm').isDisabled()).toBe(true);
    await e2e.byTestId('wh-recover-preset-3600000').click();
    await expect.poll(() => e2e.byTestId('wh-recover-count').textContent(), WAIT).toBe('2 events will be sent again');
    expect(e2e.shop.db.prepare('SELECT COUNT(*) FROM webhook_events WHERE replay_requested_at IS NOT NULL').pluck().get()).toBe(0);

    e2e.receiver.answer = 200;
    const before = e2e.receiver.requests.length;
    await e2e.byTestId('wh-recover-confirm').click();
    await e2e.byTestId('wh-recover-dialog').waitFor({ state: 'detached', ...WAIT });
    await e2e.receiver.waitForCount(before + 2);
    const resent = e2e.receiver.requests.slice(before).map((r) => String(r.headers['webhook-id']));
    expect(new Set(resent)).toEqual(failedIds);
    await expect.poll(() => e2e.byTestId(`hook-queued-${e2e.hookId}`).textContent(), WAIT).toBe('0');
    expect(e2e.pageErrors).toEqual([]);
  });
});
