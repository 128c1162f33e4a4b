// H1: nothing that lets a program call the console API or approve an OAuth consent ever reaches another server
// on the loopback interface. In one real Chromium the console is opened from its launch link and a user signs
// in on the platform's OAuth page (and stops at the consent page); then the same browser visits a neighbour: a
// local server on 127.0.0.1, `localhost` and [::1] (any other port), as an embedded app's Start URL, an app's
// redirect URI or a developer's dev server would be. The neighbour records every header it receives and then
// tries, as an attacker would, whatever it got against the console API and the consent form. It receives no
// cookie and no credential at all, and nothing it has works. The launch link itself works once.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../src-main/core/access';
import { launchChromium } from '../helpers/browser';
import { assertBuilt, startCli, stop } from '../helpers/cli';
import { WAIT } from '../helpers/console-e2e';
import { ANNA, DEMO_PASSWORD, FormClient, formFields } from '../helpers/oauth';
import { tempDir } from '../helpers/platform';
import { openRealClockPlatform } from '../helpers/webhooks';

interface Seen {
  url: string;
  host: string | undefined;
  headers: IncomingHttpHeaders;
}

const dir = tempDir('pd-e2e-isolation-');
const dataDir = join(dir.path, 'data');
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let launchUrl: string;
let consoleOrigin: string;
let platformUrl: string;
const seen: Seen[] = [];
const neighbours: { server: Server; base: string[] }[] = [];
let clientId: string;
let redirectUri: string;

/** A local server that records what it receives and answers with a page that also tries a few requests of its own. */
function neighbour(host: '127.0.0.1' | '::1'): Promise<{ server: Server; port: number } | null> {
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', host: req.headers.host, headers: req.headers });
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Neighbour</title><h1>Neighbour</h1>');
  });
  return new Promise((resolve) => {
    server.once('error', () => resolve(null)); // no IPv6 loopback on this machine
    server.listen(0, host, () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

beforeAll(async () => {
  assertBuilt();
  const seeded = openRealClockPlatform({ path: dataDir, remove: () => undefined }, 'demo');
  const v4 = (await neighbour('127.0.0.1'))!;
  redirectUri = `http://127.0.0.1:${v4.port}/callback`;
  const developer = seeded.repos.users.findByEmail('yuki@kawaii-stationery.example')!;
  clientId = seeded.apps.create(OPERATOR, {
    companyId: developer.company_id,
    name: 'Neighbour App',
    redirectUris: [redirectUri],
    scopes: ['products'],
    authorizationUrl: null,
    startUrl: null,
    developerEmail: 'dev@neighbour.example',
  }).app.clientId;
  seeded.close();
  neighbours.push({ server: v4.server, base: [`http://127.0.0.1:${v4.port}`, `http://localhost:${v4.port}`] });
  const v6 = await neighbour('::1');
  if (v6) neighbours.push({ server: v6.server, base: [`http://[::1]:${v6.port}`] });

  const started = await startCli(['console', '--no-open', '--data-dir', dataDir, '--port', '0']);
  child = started.child;
  launchUrl = started.first.consoleUrl;
  platformUrl = started.first.platformUrl;
  consoleOrigin = new URL(launchUrl).origin;
  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  if (child) await stop(child);
  for (const n of neighbours) n.server.close();
  dir.remove();
});

const authorizeUrl = () =>
  `${platformUrl}/oauth2/authorize?${new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, scope: 'products', response_type: 'code', state: 'neighbour' })}`;

/** The console API as a program other than the console page would call it. */
async function callConsole(headers: Record<string, string>): Promise<number> {
  const res = await fetch(`${consoleOrigin}/api/session.get`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-partnerdeck-csrf': '1', ...headers }, body: '{}' });
  return res.status;
}

describe('the console and the platform pages keep their credentials off other loopback servers (H1)', () => {
  it('the console opens from its launch link; the sign-in page is signed into and left at the consent page', async () => {
    await page.goto(launchUrl);
    await page.getByTestId('company-switcher').waitFor(WAIT);
    expect(page.url()).not.toContain('launch');

    const oauth = await context.newPage();
    await oauth.goto(authorizeUrl());
    await oauth.getByLabel('Email').fill(ANNA);
    await oauth.getByLabel('Password').fill(DEMO_PASSWORD);
    await oauth.getByRole('button', { name: 'Sign in' }).click();
    await oauth.getByRole('heading', { name: 'Authorize Neighbour App' }).waitFor(WAIT);
  });

  it('a neighbour on 127.0.0.1, localhost and [::1] (any port, any path) receives no cookie and no credential', async () => {
    const visitor = await context.newPage();
    for (const { base } of neighbours) {
      for (const origin of base) {
        // The paths the console's and the platform's cookies used: "/" and "/oauth2/".
        for (const path of ['/', '/oauth2/authorize', '/oauth2/authorize/decision', '/api/events', '/embed/1']) {
          await visitor.goto(`${origin}${path}`);
          await visitor.getByRole('heading', { name: 'Neighbour' }).waitFor(WAIT);
        }
      }
    }
    // And the console's own page linking away to the neighbour (a top-level navigation from the console).
    await page.evaluate((href) => window.open(href, '_blank'), `${neighbours[0].base[0]}/from-console`);
    await expect.poll(() => seen.some((s) => s.url === '/from-console'), WAIT).toBe(true);

    expect(seen.length).toBeGreaterThanOrEqual(neighbours.flatMap((n) => n.base).length * 5);
    const credentials = seen.filter((s) => s.headers.cookie !== undefined || s.headers.authorization !== undefined);
    expect(credentials.map((s) => `${s.host}${s.url}: cookie=${s.headers.cookie ?? ''} authorization=${s.headers.authorization ?? ''}`)).toEqual([]);
  });

  it('whatever a neighbour could have picked up does not work against the console API or the consent form', async () => {
    // Everything any neighbour was sent, tried as a bearer token, as a cookie and as the launch token.
    const values = [...new Set(seen.flatMap((s) => [s.headers.cookie ?? '', s.headers.authorization ?? '', s.url]).flatMap((v) => v.split(/[;=\s,?&]+/)).filter((v) => v.length >= 16))];
    const accepted: string[] = [];
    for (const value of values) {
      if ((await callConsole({ authorization: `Bearer ${value}` })) !== 401) accepted.push(`console API took bearer ${value}`);
    }
    const cookies = [...new Set(seen.flatMap((s) => (s.headers.cookie ? [s.headers.cookie] : [])))];
    for (const cookie of cookies) if ((await callConsole({ cookie })) !== 401) accepted.push(`console API took cookie ${cookie}`);
    // The consent form with whatever cookie a neighbour got: the platform must show the sign-in page, never a
    // consent form, and an approval must never send a code.
    for (const cookie of cookies) {
      const thief = new FormClient(platformUrl);
      for (const pair of cookie.split(';')) {
        const [name, value] = pair.trim().split('=');
        thief.cookies.set(name, value);
      }
      const consent = await thief.get(authorizeUrl().slice(platformUrl.length));
      if (!consent.html.includes('action="/oauth2/authorize/decision"')) continue;
      accepted.push(`the consent page opened with cookie ${cookie}`);
      const approved = await thief.post('/oauth2/authorize/decision', { ...formFields(consent.html, '/oauth2/authorize/decision'), decision: 'approve' });
      if ((approved.location ?? '').includes('code=')) accepted.push(`and approved without the user: ${approved.location}`);
    }
    expect(accepted).toEqual([]);
  });

  it('the launch link works once: opened again in a fresh browser profile, it signs nobody in', async () => {
    const other = await browser.newContext();
    const second = await other.newPage();
    await second.goto(launchUrl);
    await second.getByTestId('launch-needed').waitFor(WAIT);
    expect(await second.getByTestId('launch-needed').getAttribute('data-reason')).toBe('link-used');
    expect(await second.getByTestId('company-switcher').count()).toBe(0);
    await other.close();
  });
});
