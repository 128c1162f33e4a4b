// Team sign-in in Chromium against a team server (`partnerdeck serve --console` over HTTPS, issue 21 item 5): a
// wrong password is said in words, the right one opens the console as that person, a screen works, "Sign out"
// ends the session (the page goes back to the sign-in page and the old cookie opens nothing), and a second person
// with other permissions (a client's user with products, orders and customers only) sees exactly what they may.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PARTNER_EMAIL, DEMO_PASSWORD } from '../../src-main/core/seed/demo-seed';
import { launchChromium } from '../helpers/browser';
import { assertBuilt, startCli, stop } from '../helpers/cli';
import { WAIT } from '../helpers/console-e2e';
import { tempDir } from '../helpers/platform';
import { selfSignedCertificate } from '../helpers/tls';

const dir = tempDir('pd-e2e-team-');
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let origin: string;

async function freshPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  // The test's own self-signed certificate: the browser is told to accept it (as a team would install its CA).
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.fill('[data-testid=sign-in-email]', email);
  await page.fill('[data-testid=sign-in-password]', password);
  await page.click('[data-testid=sign-in-submit]');
}

const navIds = (page: Page) => page.evaluate(() => Array.from(document.querySelectorAll('nav [data-testid^="nav-"], aside [data-testid^="nav-"]')).map((e) => e.getAttribute('data-testid')));

beforeAll(async () => {
  assertBuilt();
  const made = await selfSignedCertificate();
  writeFileSync(join(dir.path, 'cert.pem'), made.cert);
  writeFileSync(join(dir.path, 'key.pem'), made.key, { mode: 0o600 });
  const started = await startCli(['serve', '--data-dir', join(dir.path, 'data'), '--port', '0', '--console', '--console-port', '0', '--tls-cert', join(dir.path, 'cert.pem'), '--tls-key', join(dir.path, 'key.pem'), '--json']);
  child = started.child;
  origin = new URL(started.first.consoleUrl).origin;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (child) await stop(child);
  dir.remove();
});

describe('team sign-in in Chromium', () => {
  it('says a wrong password, signs in, shows a screen, and signs out', async () => {
    const { context, page, errors } = await freshPage();
    await page.goto(`${origin}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await signIn(page, DEMO_PARTNER_EMAIL, 'not the password');
    await expect.poll(() => page.locator('[data-testid=sign-in-error]').textContent(), WAIT).toBe('The email or password is not right.');
    expect(await page.inputValue('[data-testid=sign-in-email]')).toBe(DEMO_PARTNER_EMAIL);

    await signIn(page, DEMO_PARTNER_EMAIL, DEMO_PASSWORD);
    await page.waitForSelector('[data-testid=user-menu]', WAIT);
    expect(await page.locator('[data-testid=user-menu]').textContent()).toContain('Dana');
    // The cookie is out of the page's reach (HttpOnly), Secure and SameSite=Strict.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: '__Host-partnerdeck_session', httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });

    // Where the platform lives, in the nav's footer and the Outbox: the team server by its address, not "this machine".
    const host = new URL(origin).host;
    await expect.poll(() => page.locator('[data-testid=nav-footer]').textContent(), WAIT).toContain(`Team server`);
    expect(await page.locator('[data-testid=nav-footer]').textContent()).toContain(host);
    expect(await page.locator('[data-testid=sidenav]').textContent()).not.toMatch(/Local platform|Nothing leaves this machine/);
    await page.goto(`${origin}/#/outbox`);
    await expect.poll(() => page.locator('[data-testid=outbox]').textContent(), WAIT).toContain(`No email is sent: they stay on the team server (${host}).`);
    // Moving the platform clock is every team's: a partner's administrator is refused, in words.
    const advanced = await page.evaluate(async () => (await fetch('/api/clock.advance', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-PartnerDeck-CSRF': '1' }, body: JSON.stringify({ duration: '1h' }) })).json());
    expect(advanced).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('it is for the platform operator only') } });

    // Settings names the team server, not a data folder of this computer's; the hosted-compatibility switch is
    // every team's, so a partner's administrator sees it read-only.
    await page.goto(`${origin}/#/settings`);
    await expect.poll(() => page.locator('[data-testid=settings-platform]').textContent(), WAIT).toContain('Team platform');
    expect(await page.locator('[data-testid=settings-data-dir]').count()).toBe(0);
    expect(await page.locator('[data-testid=settings-console]').textContent()).toBe(origin);
    await expect.poll(() => page.locator('[data-testid=settings-strict]').textContent(), WAIT).toContain('set by the platform operator');
    expect(await page.locator('[data-testid=strict-switch]').isDisabled()).toBe(true);

    await page.click('[data-testid=nav-companies]');
    await expect.poll(() => page.locator('h1').first().textContent(), WAIT).toContain('Companies');
    await expect.poll(() => page.getByText('Alpenglück Naturkosmetik GmbH').count(), WAIT).toBeGreaterThan(0);

    await page.click('[data-testid=user-menu]');
    expect(await page.locator('[data-testid=switch-user]').count()).toBe(0);
    expect(await page.locator('[data-testid=reset-demo]').count()).toBe(0);
    expect(await page.locator('[data-testid=app-info]').textContent()).toContain('team server');
    await page.click('[data-testid=sign-out]');
    await page.waitForURL(/\/sign-in\?signed-out$/, WAIT);
    expect(await page.locator('[data-testid=sign-in-notice]').textContent()).toBe('You are signed out.');

    // The old session opens nothing any more, even replayed by hand.
    const replay = await context.request.post(`${origin}/api/session.get`, {
      headers: { 'Content-Type': 'application/json', 'X-PartnerDeck-CSRF': '1', Cookie: `${cookie.name}=${cookie.value}` },
      data: {},
    });
    expect(replay.status()).toBe(401);
    await page.goto(`${origin}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a second person with other permissions sees what they may, and nothing else', async () => {
    const dana = await freshPage();
    await dana.page.goto(`${origin}/`);
    await signIn(dana.page, DEMO_PARTNER_EMAIL, DEMO_PASSWORD);
    await dana.page.waitForSelector('[data-testid=user-menu]', WAIT);

    const lukas = await freshPage();
    await lukas.page.goto(`${origin}/`);
    await signIn(lukas.page, 'lukas@alpenglueck.example', DEMO_PASSWORD);
    await lukas.page.waitForSelector('[data-testid=user-menu]', WAIT);
    expect(await lukas.page.locator('[data-testid=user-menu]').textContent()).toContain('Lukas');
    await expect.poll(() => navIds(lukas.page), WAIT).toContain('nav-products');
    const lukasNav = await navIds(lukas.page);
    expect(lukasNav).toEqual(expect.arrayContaining(['nav-products', 'nav-orders', 'nav-customers']));
    for (const hidden of ['nav-companies', 'nav-users', 'nav-billing', 'nav-webhooks', 'nav-my-apps']) expect(lukasNav, hidden).not.toContain(hidden);

    await lukas.page.click('[data-testid=nav-products]');
    await expect.poll(() => lukas.page.locator('h1').first().textContent(), WAIT).toContain('Products');

    // What the page does not offer, the console refuses too (the person's own permissions, per call).
    const own = await lukas.page.evaluate(async () => (await (await fetch('/api/session.get', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-PartnerDeck-CSRF': '1' }, body: '{}' })).json()) as { result: { home: { id: number } } });
    const users = await lukas.page.evaluate(async (companyId) => {
      const reply = await fetch('/api/users.list', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-PartnerDeck-CSRF': '1' }, body: JSON.stringify({ companyId }) });
      return { status: reply.status, body: (await reply.json()) as { error?: { code: string } } };
    }, own.result.home.id);
    expect(users.status).toBe(403);
    expect(users.body.error?.code).toBe('forbidden');
    // The partner's other clients are not his to see: the list of a client's clients is empty.
    const clients = await lukas.page.evaluate(async () => (await fetch('/api/companies.list', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-PartnerDeck-CSRF': '1' }, body: '{}' })).text());
    expect(clients).not.toContain('Brightside Books');
    expect(clients).not.toContain('Café Lumière');

    // Dana, in her own browser at the same time, is still Dana with all of her partner's screens.
    await expect.poll(() => navIds(dana.page), WAIT).toContain('nav-companies');
    expect(await dana.page.locator('[data-testid=user-menu]').textContent()).toContain('Dana');
    expect([...dana.errors, ...lukas.errors]).toEqual([]);
    await dana.context.close();
    await lukas.context.close();
  });
});
