// The OAuth area of the console in Chromium through the browser host: Settings / Developer shows the running
// platform's URL and endpoints, and Company / Authorized apps lists an app the moment it is approved on the
// platform's consent page and revokes it (with confirmation), which ends its tokens.
import { join } from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../helpers/cli';
import { DANA, FormClient, signIn, formFields } from '../helpers/oauth';
import { closeConsoleInChromium, openConsoleInChromium } from '../helpers/console-e2e';
import { tempDir } from '../helpers/platform';

const dir = tempDir('pd-e2e-oauth-');
const dataDir = join(dir.path, 'data');
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let page: Page;
let platformUrl: string;
let pageErrors: string[] = [];

beforeAll(async () => {
  assertBuilt();
  ({ child, browser, page, pageErrors } = await openConsoleInChromium(dataDir));
});

afterAll(async () => {
  await closeConsoleInChromium({ browser, child });
  dir.remove();
});

describe('Settings / Developer', () => {
  it('shows the running platform URL, its endpoints and the docs link', async () => {
    await page.getByTestId('nav-developer').click();
    await page.getByTestId('platform-url').waitFor();
    platformUrl = (await page.getByTestId('platform-url').textContent())!;
    expect(platformUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${platformUrl}/health`)).json()).toMatchObject({ ok: true });
    const endpoints = await page.getByTestId('endpoints').textContent();
    for (const path of ['/oauth2/authorize', '/token', '/api/tokeninfo', '/admin/']) expect(endpoints).toContain(`${platformUrl}${path}`);
    expect(await page.getByTestId('docs-link').getAttribute('href')).toBe(`${platformUrl}/docs/platform-api.md`);
    expect(await page.getByTestId('register-command').textContent()).toContain(`--data-dir "${dataDir}"`);
    expect(pageErrors).toEqual([]);
  });
});

describe('Company / Authorized apps', () => {
  it('lists an app as soon as it is approved, and Revoke (confirmed) ends its tokens', async () => {
    const companies = JSON.parse(runCli(['company', 'list', '--json', '--data-dir', dataDir]).stdout) as { id: number; name: string }[];
    const kawaii = companies.find((c) => c.name === 'Kawaii Stationery KK')!.id;
    const northwind = companies.find((c) => c.name.startsWith('Northwind'))!.id;
    const app = JSON.parse(runCli(['app', 'create', '--data-dir', dataDir, '--company', String(kawaii), '--name', 'Stock Sync', '--redirect-uri', 'http://127.0.0.1:9/cb', '--scopes', 'companies,webhooks', '--developer-email', 'dev@stock-sync.example', '--json']).stdout);

    await page.getByTestId('nav-company-apps').click();
    await page.getByTestId('authorized-apps-empty').waitFor();

    // Dana approves the app for her own (partner) company on the platform's pages.
    const client = new FormClient(platformUrl);
    const consent = await signIn(client, `/oauth2/authorize?${new URLSearchParams({ client_id: app.client_id, redirect_uri: 'http://127.0.0.1:9/cb', scope: 'companies,webhooks', response_type: 'code', state: 'e2e' })}`, DANA);
    const decided = await client.post('/oauth2/authorize/decision', { ...formFields(consent.html, '/oauth2/authorize/decision'), company_id: String(northwind), decision: 'approve' });
    const code = new URL(decided.location!).searchParams.get('code')!;
    const token = await fetch(`${platformUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:9/cb', client_id: app.client_id, client_secret: app.client_secret }),
    }).then((r) => r.json());

    // The pushed event refreshes the open screen.
    const row = page.getByTestId(`authorized-app-${app.id}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Stock Sync');
    expect(await row.textContent()).toContain('Companies');
    expect(await row.textContent()).toContain('Get, modify, create, delete and use webhooks');
    expect(await row.textContent()).toContain(DANA);

    await page.getByTestId(`revoke-${app.id}`).click();
    await page.getByTestId('confirm-dialog').waitFor();
    expect(await page.getByTestId('confirm-dialog').textContent()).toContain('its access and refresh tokens stop working');
    await page.getByTestId('confirm-button').click();
    await page.getByTestId('authorized-apps-empty').waitFor();
    const info = await fetch(`${platformUrl}/api/tokeninfo?access_token=${token.access_token}`).then((r) => r.json());
    expect(info).toEqual({ error: 'invalid access_token' });
    expect(pageErrors).toEqual([]);
  });
});
