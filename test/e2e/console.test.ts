// End to end in Chromium through the browser host: the built CLI's `console` command serves the real
// renderer, and a partner works through the foundation's flows as a person would.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { consoleSuite, WAIT } from '../helpers/console-e2e';

const e2e = consoleSuite('pd-e2e-', { viewport: { width: 1280, height: 800 } });
const { dataDir, byTestId, go } = e2e;

const companies = (): { id: number; name: string; partnerId: number | null; isSample: boolean; paymentRoute: string }[] =>
  JSON.parse(runCli(['company', 'list', '--json', '--data-dir', dataDir]).stdout);
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

async function fillCompany(name: string, extra: { vatId?: string } = {}) {
  await go('/companies/new');
  await byTestId('company-new').waitFor();
  await byTestId('input-name').fill(name);
  await byTestId('input-country').selectOption('DE');
  if (extra.vatId !== undefined) await byTestId('input-vatId').fill(extra.vatId);
  await byTestId('input-attestNotAffiliated').check();
}

describe('the console in Chromium', () => {
  it('opens on Self: the demo partner, with store functions visibly unavailable', async () => {
    await expect.poll(() => byTestId('acting-company-name').textContent()).toContain('Northwind Commerce Partners');
    expect(await byTestId('badge-self').first().isVisible()).toBe(true);
    // As Self the Store is one collapsed line below Clients (not a list of locks); expanded, its items are locked.
    expect(await byTestId('nav-store').getAttribute('data-locked')).toBe('true');
    expect(await byTestId('nav-shop-settings').count()).toBe(0);
    const sections = await e2e.page.locator('.sidenav .nav-section').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? e.textContent?.slice(0, 12)));
    expect(sections.indexOf('nav-store')).toBeGreaterThan(sections.findIndex((t) => t?.startsWith('Clients')));
    await byTestId('nav-store-toggle').click();
    expect(await byTestId('nav-shop-settings').getAttribute('aria-disabled')).toBe('true');
    await go('/companies');
    await expect.poll(() => e2e.page.locator('[data-testid="company-row"]').count()).toBe(8);
  });

  it('shows a validation error for a bad VAT-ID and saves nothing', async () => {
    const before = companies().length;
    await fillCompany('Bad VAT GmbH', { vatId: 'DE123' });
    await byTestId('save').click();
    await expect.poll(() => byTestId('error-vatId').textContent()).toMatch(/VAT-ID/);
    expect(e2e.page.url()).toContain('#/companies/new');
    expect(companies()).toHaveLength(before);
  });

  it('Save creates the client and opens its page', async () => {
    await fillCompany('E2E Save GmbH', { vatId: 'DE 123 456 789' });
    await byTestId('route-via_partner').check();
    await byTestId('save').click();
    await expect.poll(() => e2e.page.url()).toMatch(/#\/companies\/\d+$/);
    await expect.poll(() => byTestId('company-title').textContent()).toContain('E2E Save GmbH');
    const created = companies().find((c) => c.name === 'E2E Save GmbH')!;
    expect(created).toMatchObject({ paymentRoute: 'via_partner', isSample: false });
    expect(created.partnerId).toBe(companies().find((c) => c.name.startsWith('Northwind'))!.id);
  });

  it('Save and add user opens the add-user form for the new client; the user gets a welcome email', async () => {
    await fillCompany('E2E Users GmbH');
    await byTestId('sample-true').check();
    await byTestId('save-add-user').click();
    await expect.poll(() => e2e.page.url()).toMatch(/#\/companies\/\d+\/users/);
    await byTestId('input-email').waitFor();
    await byTestId('users-manager').getByTestId('input-name').fill('Erika Muster');
    await byTestId('input-email').fill('erika@e2e-users.example');
    await byTestId('input-password').fill('long-enough-password');
    await byTestId('perm-orders').check();
    await byTestId('save-user').click();
    // The password is hashed (scrypt, 128 MiB) before the user is saved: a moment, longer on a busy machine.
    await expect.poll(() => e2e.page.getByText('erika@e2e-users.example').count(), WAIT).toBeGreaterThan(0);
    expect(companies().find((c) => c.name === 'E2E Users GmbH')!.isSample).toBe(true);
    await go('/outbox');
    await expect.poll(() => byTestId('outbox-list').textContent()).toContain('Your login for E2E Users GmbH');
  });

  it('Save and go to shop settings switches to the new client and opens its shop', async () => {
    await fillCompany('E2E Shop GmbH');
    await byTestId('save-shop-settings').click();
    await byTestId('shop-settings').waitFor();
    await expect.poll(() => byTestId('acting-company-name').textContent()).toContain('E2E Shop GmbH');
    expect(await byTestId('acting-banner').isVisible()).toBe(true);
    expect(await byTestId('nav-shop-settings').getAttribute('aria-disabled')).toBeNull();
  });

  it('switches back to Self with one click, to a client with Ctrl+K, and back with the keyboard', async () => {
    await byTestId('self-button').click();
    await expect.poll(() => byTestId('acting-company-name').textContent()).toContain('Northwind');
    await expect.poll(() => byTestId('acting-banner').count()).toBe(0);

    await e2e.page.keyboard.press(`${mod}+k`);
    await byTestId('switcher-search').waitFor();
    // Recently used first: the shop we just left.
    const firstClient = e2e.page.locator('[data-testid^="switcher-option-"]').nth(1);
    await expect.poll(() => firstClient.textContent()).toContain('E2E Shop GmbH');
    await byTestId('switcher-search').fill('nordl');
    const options = e2e.page.locator('[data-testid^="switcher-option-"]');
    await expect.poll(() => options.allTextContents()).toEqual([expect.stringContaining('Nordlys Outdoor AS')]);
    await e2e.page.keyboard.press('Enter');
    await expect.poll(() => byTestId('acting-company-name').textContent()).toContain('Nordlys Outdoor AS');
    // A client's users see no partner functions.
    expect(await byTestId('nav-companies').count()).toBe(0);

    await e2e.page.keyboard.press(`${mod}+Shift+S`);
    await expect.poll(() => byTestId('acting-company-name').textContent()).toContain('Northwind');
    // Switching lands on the overview; wait for it so the next test's navigation is not overtaken.
    await byTestId('overview-self').waitFor();
  });

  it('as Self the store is unavailable even by address, with the reason shown', async () => {
    await go('/store/settings');
    await expect.poll(() => e2e.page.locator('main').textContent()).toMatch(/Switch to a client|switch to a client/);
    expect(await byTestId('shop-settings').count()).toBe(0);
  });

  it('accepts a partner request after confirming it: the company becomes a client', async () => {
    await go('/partner-requests');
    const accept = e2e.page.locator('[data-testid^="accept-request-"]').first();
    await accept.waitFor();
    const harbor = () => companies().find((c) => c.name === 'Harbor Coffee Roasters Inc')?.partnerId ?? null;
    // Accepting asks first; Cancel leaves the request pending.
    await accept.click();
    await expect.poll(() => e2e.page.getByRole('dialog').textContent()).toContain('Accept Harbor Coffee Roasters Inc as your client?');
    await e2e.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => e2e.page.getByRole('dialog').count()).toBe(0);
    expect(harbor()).toBeNull();
    await accept.click();
    await byTestId('confirm-button').click();
    await expect.poll(harbor).not.toBeNull();
    await go('/companies');
    await expect.poll(() => e2e.page.locator('[data-testid="company-row"]').filter({ hasText: 'Harbor Coffee Roasters' }).count()).toBe(1);
  });

  it("deletes a client from its page after typing its name; a client with orders is refused, naming why (issue 23 row 2)", async () => {
    const withOrders = companies().find((c) => c.name === 'Brightside Books Ltd')!;
    await go(`/companies/${withOrders.id}`);
    await byTestId('delete-company').click();
    await expect.poll(() => byTestId('delete-company-blockers').textContent(), WAIT).toMatch(/it has [\d,]+ orders/);
    expect(await byTestId('delete-company-confirm').count()).toBe(0);
    await e2e.page.getByRole('button', { name: 'Close', exact: true }).last().click();

    await fillCompany('E2E Doomed GmbH');
    await byTestId('save').click();
    await expect.poll(() => byTestId('company-title').textContent(), WAIT).toContain('E2E Doomed GmbH');
    await byTestId('delete-company').click();
    await byTestId('delete-company-name').waitFor();
    expect(await byTestId('delete-company-confirm').isDisabled()).toBe(true);
    await byTestId('delete-company-name').fill('E2E Doomed');
    expect(await byTestId('delete-company-confirm').isDisabled()).toBe(true);
    await byTestId('delete-company-name').fill('E2E Doomed GmbH');
    await byTestId('delete-company-confirm').click();
    await expect.poll(() => e2e.page.url(), WAIT).toMatch(/#\/companies$/);
    expect(companies().some((c) => c.name === 'E2E Doomed GmbH')).toBe(false);
    await expect.poll(() => e2e.page.locator('[data-testid="company-row"]').filter({ hasText: 'E2E Doomed GmbH' }).count(), WAIT).toBe(0);
  });

  it('raised no uncaught errors in the page', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
