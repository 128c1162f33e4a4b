// The Webhooks screen in Chromium through the browser host: a delivery shows up live with its request,
// a replay goes out with the same webhook-id, a failing endpoint blocks the app, the clock control walks
// the retry schedule until the hook is deactivated, and Reactivate sends what was queued.
import { describe, expect, it } from 'vitest';
import { webhookConsoleSuite } from '../helpers/webhooks-e2e';

const e2e = webhookConsoleSuite('pd-e2e-hooks-');

describe('the Webhooks screen', () => {
  it('lists the hook and shows a delivery live, with the request as sent', async () => {
    await e2e.page.goto(`${e2e.origin}/#/webhooks`);
    await e2e.byTestId(`hook-row-${e2e.hookId}`).waitFor();
    expect(await e2e.byTestId(`hook-state-${e2e.hookId}`).textContent()).toBe('Active');
    await e2e.byTestId('attempts-empty').waitFor();
    e2e.order(267227);
    await e2e.byTestId('attempt-detail').waitFor();
    expect(await e2e.byTestId('attempt-response').textContent()).toMatch(/^200 in \d+ ms$/);
    const body = JSON.parse((await e2e.byTestId('attempt-body').textContent())!);
    expect(body).toMatchObject({ company_id: e2e.companyId, producer: 'shop', scope: 'order/create', data: { type: 'order', id: '267227' } });
    expect(body.hash).toMatch(/^[0-9a-f]{64}$/);
    const headers = await e2e.byTestId('attempt-headers').textContent();
    expect(headers).toContain(String(e2e.receiver.requests[0].headers['webhook-id']));
    expect(headers).toContain(String(e2e.receiver.requests[0].headers['webhook-signature']));
    expect(await e2e.byTestId('delivery-log').textContent()).toContain('Delivered events and their attempts are kept for 30 days of platform time.');
  });

  it('replays a delivery: a new attempt with the same webhook-id, logged as a replay', async () => {
    await e2e.byTestId('attempt-replay').click();
    await e2e.receiver.waitForCount(2);
    expect(e2e.receiver.requests[1].headers['webhook-id']).toBe(e2e.receiver.requests[0].headers['webhook-id']);
    await expect.poll(() => e2e.page.locator('[data-testid="attempt-row"]').count()).toBe(2);
    expect(await e2e.page.locator('[data-testid="attempt-row"]').first().textContent()).toContain('Replay');
  });

  it('a failing endpoint blocks the app; the clock control walks the schedule until the hook is deactivated; Reactivate resumes', async () => {
    e2e.receiver.answer = 500;
    e2e.order(1);
    await expect.poll(() => e2e.byTestId(`hook-state-${e2e.hookId}`).textContent()).toBe('Blocked');
    expect(await e2e.byTestId('pair-block').textContent()).toMatch(/Retry 1 of 11/);
    e2e.order(2);
    await expect.poll(() => e2e.byTestId(`hook-queued-${e2e.hookId}`).textContent()).toBe('2');

    await e2e.byTestId('clock-advance-1m').click();
    await expect.poll(() => e2e.byTestId('pair-block').textContent()).toMatch(/Retry 2 of 11/);
    expect(await e2e.byTestId('clock-offset').textContent()).toBe('+1 min');

    await e2e.byTestId('clock-custom').click();
    await e2e.byTestId('clock-custom-input').fill('soon');
    await e2e.byTestId('clock-custom-submit').click();
    await expect.poll(() => e2e.byTestId('clock-error').textContent()).toMatch(/not a duration/);
    await e2e.byTestId('clock-custom-input').fill('2d1h');
    await e2e.byTestId('clock-custom-submit').click();
    await expect.poll(() => e2e.byTestId(`hook-state-${e2e.hookId}`).textContent(), { timeout: 15_000 }).toBe('Deactivated');
    expect(await e2e.byTestId('nav-clock-offset').textContent()).toMatch(/Clock \+2 d/);

    e2e.receiver.answer = 200;
    const before = e2e.receiver.requests.length;
    await e2e.byTestId(`hook-reactivate-${e2e.hookId}`).click();
    await expect.poll(() => e2e.byTestId(`hook-state-${e2e.hookId}`).textContent()).toBe('Active');
    await e2e.receiver.waitForCount(before + 2);
    await expect.poll(() => e2e.byTestId(`hook-queued-${e2e.hookId}`).textContent()).toBe('0');
    const email = e2e.shop.db.prepare("SELECT to_address FROM outbox WHERE kind = 'webhook_deactivated'").pluck().get();
    expect(email).toBe('dev@ordersync.example');
    expect(e2e.pageErrors).toEqual([]);
  });
});
