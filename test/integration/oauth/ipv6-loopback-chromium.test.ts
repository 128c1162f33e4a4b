// An app on the IPv6 loopback: a redirect URI `http://[::1]:<port>/callback` is allowed (spec §3 rules for
// loopback apps), so the consent page's Content-Security-Policy must let the approval's redirect reach it in a
// real Chromium — form-action governs where a form submission may be redirected, and CSP host sources cannot
// name an IPv6 literal.
import type { Server } from 'node:http';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../helpers/browser';
import { ANNA, authorizePath, startOAuthFixture, type OAuthFixture } from '../../helpers/oauth';
import { approveInBrowser, startCallbackServer } from '../../helpers/oauth-browser';

let fixture: OAuthFixture;
let browser: Browser;
let callbackServer: Server;
let redirectUri: string;

beforeAll(async () => {
  const callback = await startCallbackServer('::1');
  callbackServer = callback.server;
  redirectUri = `http://[::1]:${callback.port}/callback`;
  fixture = await startOAuthFixture({ redirectUris: [redirectUri] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
  callbackServer?.close();
});

describe('a redirect URI on [::1]', () => {
  it('the consent page allows that port in form-action, and the approval reaches the app in Chromium', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    const authorizeUrl = `${fixture.url}${authorizePath(fixture, { redirectUri, state: 'v6-state' })}`;
    const callback = await approveInBrowser(page, { authorizeUrl, redirectUri, email: ANNA });
    await context.close();
    expect(blocked).toEqual([]);
    expect(callback.searchParams.get('state')).toBe('v6-state');
    expect(callback.searchParams.get('code')).toMatch(/.{20,}/);
    expect(callback.searchParams.get('company_id')).toBe(String(fixture.companyOf(ANNA)));
  });
});
