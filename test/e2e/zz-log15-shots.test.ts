// TEMPORARY (log15, not committed): screenshots of the logistics and white-label screens.
import { join } from 'node:path';
import type { Page } from 'playwright';
import { afterAll, describe, it } from 'vitest';
import { addressInWindow, closeConsoleInChromium, openConsoleInChromium, switchCompany, type ConsoleInChromium } from '../helpers/console-e2e';
import { switchUser } from '../helpers/console-page';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/platform';

const OUT = '/work/wt/shots4/log15';
const dataset = process.env.LOG15_DATASET ?? 'demo';
const dir = tempDir('pd-log15-shots-');
let opened: ConsoleInChromium | undefined;
afterAll(async () => {
  if (opened) await closeConsoleInChromium(opened);
  dir.remove();
});

async function snap(page: Page, name: string, viewport: string, scheme: string) {
  await page.waitForTimeout(700);
  await page.screenshot({ path: join(OUT, `${dataset}-${viewport}-${scheme}-${name}.png`) });
}

describe('log15 screenshots', () => {
  it('takes them', { timeout: 900_000 }, async () => {
    const dataDir = join(dir.path, 'data');
    if (dataset === '5000') {
      const seeded = runCli(['seed', '--companies', '4992', '--data-dir', dataDir, '--json']);
      if (seeded.status !== 0) throw new Error(String(seeded.stderr));
    }
    opened = await openConsoleInChromium(dataDir, { viewport: { width: 1440, height: 900 } });
    const { page, origin } = opened;
    const go = async (hash: string) => {
      await page.goto(addressInWindow(page, origin, hash));
      await page.locator('.page').first().waitFor({ timeout: 30_000 });
    };
    for (const [vw, vh] of [[1440, 900], [1024, 700]]) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width: vw, height: vh });
        await page.emulateMedia({ colorScheme: scheme });
        const v = `${vw}`;
        await go('/logistics');
        await snap(page, 'logistics-overview', v, scheme);
        await go('/logistics/queue');
        await page.locator('[data-testid="queue-row"], [data-testid="queue-empty"], .data-table').first().waitFor({ timeout: 30_000 }).catch(() => undefined);
        await snap(page, 'queue', v, scheme);
        await go('/logistics/shipments');
        await snap(page, 'shipments', v, scheme);
        await go('/logistics/warehouses');
        await snap(page, 'warehouses', v, scheme);
        await go('/logistics/rates');
        await page.getByTestId('logistics-rates').waitFor({ timeout: 30_000 });
        await snap(page, 'rates', v, scheme);
        const del = page.locator('[data-testid^="rate-delete-"]').first();
        if (await del.count()) {
          await del.click();
          await page.getByTestId('confirm-dialog').waitFor();
          await snap(page, 'rate-delete-confirm', v, scheme);
          await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Cancel' }).click();
        }
        const zdel = page.locator('[data-testid^="zone-delete-"]').first();
        if (await zdel.count()) {
          await zdel.click();
          await page.getByTestId('confirm-dialog').waitFor();
          await snap(page, 'zone-delete-confirm', v, scheme);
          await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Cancel' }).click();
        }
        await go('/company/settings');
        await snap(page, 'white-label', v, scheme);
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await page.locator('main, .main, .page').first().evaluate((el) => el.scrollTo?.(0, el.scrollHeight));
        await snap(page, 'white-label-bottom', v, scheme);
        await switchCompany(page, 'Alpenglück');
        await go('/store/settings');
        const card = page.getByTestId('shop-providers');
        await card.waitFor({ timeout: 30_000 });
        await card.scrollIntoViewIfNeeded();
        await snap(page, 'shop-providers', v, scheme);
        await go('/store/orders/new');
        await page.getByTestId('order-customer-picker').fill('a');
        await page.getByTestId('order-customer-picker-option').first().click();
        await page.getByTestId('order-product-picker').fill('');
        await page.getByTestId('order-product-picker').click();
        await page.getByTestId('order-product-picker').fill('a');
        await page.getByTestId('order-product-picker-option').first().click().catch(() => undefined);
        await page.waitForTimeout(1000);
        await snap(page, 'order-form-shipping', v, scheme);
        await page.keyboard.press('Escape');
        const discard = page.getByRole('button', { name: 'Discard changes' });
        if (await discard.isVisible().catch(() => false)) await discard.click();
        await page.getByTestId('acting-banner-self').click();
        await page.getByTestId('acting-banner').waitFor({ state: 'detached' });
      }
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await switchUser(page, origin, 'olivia@platform-operations.example', 'Olivia');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await go('/operator/logistics-review');
      await snap(page, 'logistics-review', '1440', scheme);
      await go('/operator/platform-settings');
      await snap(page, 'platform-settings-cname', '1440', scheme);
      await page.setViewportSize({ width: 1024, height: 700 });
      await go('/operator/logistics-review');
      await snap(page, 'logistics-review', '1024', scheme);
      await go('/operator/platform-settings');
      await snap(page, 'platform-settings-cname', '1024', scheme);
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });
});
