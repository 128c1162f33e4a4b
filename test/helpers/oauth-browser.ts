// The OAuth flow in a real Chromium: an app's callback endpoint on loopback (IPv4 or IPv6) that just says
// "Connected", and what a user does on the sign-in and consent pages (sign in, optionally pick a company,
// approve) until the browser lands on the app's redirect URI.
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { DEMO_PASSWORD, startOAuthFixture, type OAuthFixture } from './oauth';

export interface CallbackServer {
  server: Server;
  port: number;
}

/** The app's callback endpoint on 127.0.0.1 or ::1, on a free port. */
export function startCallbackServer(host: '127.0.0.1' | '::1'): Promise<CallbackServer> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>App</title><h1>Connected</h1>'));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

export interface OAuthInChromium {
  /** The platform with the app, whose only redirect URI is `redirectUri`. */
  fixture: OAuthFixture;
  browser: Browser;
  /** The app's callback endpoint: `http://<host>:<port>/callback`. */
  redirectUri: string;
}

/** For a whole test file: the app's callback endpoint on `host`, the platform with the app, Chromium; closed after. */
export function oauthInChromiumForFile(host: '127.0.0.1' | '::1'): OAuthInChromium {
  const flow = {} as OAuthInChromium;
  let callback: CallbackServer | undefined;
  beforeAll(async () => {
    callback = await startCallbackServer(host);
    flow.redirectUri = `http://${host === '::1' ? '[::1]' : host}:${callback.port}/callback`;
    flow.fixture = await startOAuthFixture({ redirectUris: [flow.redirectUri] });
    flow.browser = await launchChromium();
  });
  afterAll(async () => {
    await flow.browser?.close();
    await flow.fixture?.close();
    callback?.server.close();
  });
  return flow;
}

/** Signs in, optionally picks a company, approves; returns the callback URL the browser landed on. */
export async function approveInBrowser(page: Page, options: { authorizeUrl: string; redirectUri: string; email: string; companyId?: number }): Promise<URL> {
  await page.goto(options.authorizeUrl);
  await page.getByLabel('Email').fill(options.email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Authorize Order Sync' }).waitFor();
  if (options.companyId !== undefined) await page.getByLabel('Grant access for').selectOption(String(options.companyId));
  await Promise.all([page.waitForURL((url) => url.href.startsWith(options.redirectUri)), page.getByRole('button', { name: 'Approve' }).click()]);
  await page.getByRole('heading', { name: 'Connected' }).waitFor();
  return new URL(page.url());
}
