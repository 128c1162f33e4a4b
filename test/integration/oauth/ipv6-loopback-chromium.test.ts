// An app on the IPv6 loopback: a redirect URI `http://[::1]:<port>/callback` is allowed (spec §3 rules for
// loopback apps), so the consent page's Content-Security-Policy must let the approval's redirect reach it in a
// real Chromium — form-action governs where a form submission may be redirected, and CSP host sources cannot
// name an IPv6 literal.
import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../helpers/browser';
import { ANNA, DEMO_PASSWORD, authorizePath, startOAuthFixture, type OAuthFixture } from '../../helpers/oauth';

let fixture: OAuthFixture;
let browser: Browser;
let callbackServer: Server;
let redirectUri: string;

beforeAll(async () => {
  callbackServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>App</title><h1>Connected</h1>'));
  const port = await new Promise<number>((resolve, reject) => {
    callbackServer.once('error', reject);
    callbackServer.listen(0, '::1', () => resolve((callbackServer.address() as { port: number }).port));
  });
  redirectUri = `http://[::1]:${port}/callback`;
  fixture = await startOAuthFixture({ redirectUris: [redirectUri] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
  callbackServer?.close();
});

describe('a redirect URI on [::1]', () => {
  it('the approval reaches the app in Chromium with code, state and company_id', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await page.goto(`${fixture.url}${authorizePath(fixture, { redirectUri, state: 'v6-state' })}`);
    await page.getByLabel('Email').fill(ANNA);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Authorize Order Sync' }).waitFor();
    await Promise.all([page.waitForURL((url) => url.href.startsWith(redirectUri), { timeout: 10_000 }), page.getByRole('button', { name: 'Approve' }).click()]);
    await page.getByRole('heading', { name: 'Connected' }).waitFor();
    const callback = new URL(page.url());
    await context.close();
    expect(blocked).toEqual([]);
    expect(callback.searchParams.get('state')).toBe('v6-state');
    expect(callback.searchParams.get('code')).toMatch(/.{20,}/);
    expect(callback.searchParams.get('company_id')).toBe(String(fixture.companyOf(ANNA)));
  });
});
