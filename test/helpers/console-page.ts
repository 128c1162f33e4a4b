// Steps on the console page in Chromium that several e2e tests take: switching the signed-in user.
import { expect } from 'vitest';
import type { Page } from 'playwright';

/** Switches to another user from the overview (an open editor drawer would cover the user menu). */
export async function switchUser(page: Page, origin: string, email: string, name: string): Promise<void> {
  await page.goto(`${origin}/#/`);
  await page.getByTestId('user-menu').click();
  await page.getByTestId('switch-user').click();
  await page.locator('button.candidate', { hasText: email }).click();
  await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain(name);
}
