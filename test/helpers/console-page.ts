// Steps on the console page in Chromium that several e2e tests take: switching the signed-in user.
import { expect } from 'vitest';
import type { Page } from 'playwright';

/**
 * Switches to another user from the overview (an open editor drawer would cover the user menu), and waits
 * until the console has finished: the dialog closes when the sign-in has answered, and the console then
 * opens the overview. The user menu can show the new user earlier (the pushed session event may beat the
 * answer); a step taken then would be undone by that late move to the overview.
 */
export async function switchUser(page: Page, origin: string, email: string, name: string): Promise<void> {
  const wait = { timeout: 15_000, interval: 50 };
  await page.goto(`${origin}/#/`);
  await page.getByTestId('user-menu').click();
  await page.getByTestId('switch-user').click();
  await page.locator('button.candidate', { hasText: email }).click();
  await page.getByTestId('switch-user-dialog').waitFor({ state: 'detached', timeout: wait.timeout });
  await expect.poll(() => page.getByTestId('user-menu').textContent(), wait).toContain(name);
}
