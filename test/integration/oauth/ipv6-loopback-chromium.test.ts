// An app on the IPv6 loopback: a redirect URI `http://[::1]:<port>/callback` is allowed (spec §3 rules for
// loopback apps), so the consent page's Content-Security-Policy must let the approval's redirect reach it in a
// real Chromium — form-action governs where a form submission may be redirected, and CSP host sources cannot
// name an IPv6 literal.
import { describe, expect, it } from 'vitest';
import { ANNA, authorizePath } from '../../helpers/oauth';
import { approveInBrowser, oauthInChromiumForFile } from '../../helpers/oauth-browser';

const flow = oauthInChromiumForFile('::1');

describe('a redirect URI on [::1]', () => {
  it('the consent page allows that port in form-action, and the approval reaches the app in Chromium', async () => {
    const { fixture, browser, redirectUri } = flow;
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
