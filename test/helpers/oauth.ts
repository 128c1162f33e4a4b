// Test helpers for the OAuth server: a platform on a temporary folder (demo data, manual clock, seeded ids)
// with its platform server on loopback and a registered app, plus a form client that walks the sign-in and
// consent pages over real HTTP (the Chromium test drives the same pages in a real browser). It keeps cookies like
// a browser, which the platform never sets (a test can hand it one to show that it does not matter).
import { afterAll, beforeAll } from 'vitest';
import { OPERATOR } from '../../src-main/core/access';
import { DEMO_PASSWORD } from '../../src-main/core/seed/demo-seed';
import { startPlatformServer, type PlatformServer } from '../../src-main/core/server/platform-server';
import type { OAuthScope } from '../../src-shared/domain/oauth-scopes';
import { OAUTH_SCOPES } from '../../src-shared/domain/oauth-scopes';
import { openTestPlatform } from './platform';
import { openRealClockPlatform } from './webhooks';
import { companyOfUser } from './fixtures';

export { DEMO_PASSWORD };

/** Demo users: Anna administers Alpenglück (a client of Northwind); Dana administers the partner Northwind. */
export const ANNA = 'anna@alpenglueck.example';
export const DANA = 'dana@northwind-partners.example';
export const LUKAS = 'lukas@alpenglueck.example';
export const REDIRECT_URI = 'http://127.0.0.1:9/callback';

export type TestPlatform = ReturnType<typeof openTestPlatform> | ReturnType<typeof openRealClockPlatform>;

export interface OAuthFixture {
  platform: TestPlatform;
  server: PlatformServer;
  url: string;
  app: { id: number; clientId: string; clientSecret: string };
  companyOf(email: string): number;
  close(): Promise<void>;
}

export async function startOAuthFixture(options: { redirectUris?: string[]; scopes?: OAuthScope[]; docsFile?: string | null; realClock?: boolean } = {}): Promise<OAuthFixture> {
  // A real clock where another process (a `serve` on the same folder) must agree with this one about time.
  const platform = options.realClock ? openRealClockPlatform() : openTestPlatform('demo');
  const server = await startPlatformServer(platform, { version: 'test', docsFile: options.docsFile ?? null });
  const developer = platform.repos.users.findByEmail('yuki@kawaii-stationery.example')!;
  const created = platform.apps.create(OPERATOR, {
    companyId: developer.company_id,
    name: 'Order Sync',
    redirectUris: options.redirectUris ?? [REDIRECT_URI],
    scopes: options.scopes ?? [...OAUTH_SCOPES],
    authorizationUrl: null,
    startUrl: null,
    developerEmail: 'dev@kawaii-stationery.example',
  });
  return {
    platform,
    server,
    url: server.url,
    app: { id: created.app.id, clientId: created.app.clientId, clientSecret: created.clientSecret },
    companyOf: (email) => companyOfUser(platform, email),
    async close() {
      await server.close();
      platform.dispose();
    },
  };
}

/** One OAuth fixture for a whole test file: started before its tests, closed after them (set once beforeAll ran). */
export function oauthFixtureForFile(): OAuthFixture {
  const fixture = {} as OAuthFixture;
  beforeAll(async () => {
    Object.assign(fixture, await startOAuthFixture());
  });
  afterAll(() => fixture.close?.());
  return fixture;
}

/** Reads the hidden inputs of the first form (or the form posting to `action`) of a page. */
export function formFields(html: string, action?: string): Record<string, string> {
  const forms = [...html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)];
  const form = action ? forms.find((f) => f[1] === action) : forms[0];
  if (!form) throw new Error(`no form${action ? ` posting to ${action}` : ''} in page: ${html.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const input of form[2].matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields[unescape(input[1])] = unescape(input[2]);
  return fields;
}

function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

export interface PageResponse {
  status: number;
  location: string | null;
  html: string;
  headers: Headers;
}

/** A minimal browser: keeps cookies, never follows redirects by itself. */
export class FormClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  private remember(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  async get(path: string): Promise<PageResponse> {
    const res = await fetch(new URL(path, this.base), { redirect: 'manual', headers: this.cookieHeader() });
    this.remember(res.headers);
    return { status: res.status, location: res.headers.get('location'), html: await res.text(), headers: res.headers };
  }

  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<PageResponse> {
    const res = await fetch(new URL(path, this.base), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.base, ...this.cookieHeader(), ...headers },
      body: new URLSearchParams(fields).toString(),
    });
    this.remember(res.headers);
    return { status: res.status, location: res.headers.get('location'), html: await res.text(), headers: res.headers };
  }
}

export interface AuthorizeOptions {
  email?: string;
  password?: string;
  scope?: string;
  state?: string | null;
  redirectUri?: string;
  companyId?: number;
  decision?: 'approve' | 'deny';
  extra?: Record<string, string>;
  client?: FormClient;
}

export function authorizePath(fixture: OAuthFixture, options: AuthorizeOptions = {}): string {
  const params = new URLSearchParams({
    client_id: fixture.app.clientId,
    scope: options.scope ?? 'products,orders,customers,webhooks,companies',
    redirect_uri: options.redirectUri ?? REDIRECT_URI,
    ...(options.state === null ? {} : { state: options.state ?? 'state-123' }),
    response_type: 'code',
    ...options.extra,
  });
  return `/oauth2/authorize?${params}`;
}

/** Signs in on the sign-in page of `path`; the answer is the consent page (200) or the sign-in page with an error. */
export async function signIn(client: FormClient, path: string, email: string, password = DEMO_PASSWORD): Promise<PageResponse> {
  const login = await client.get(path);
  if (!login.html.includes('action="/oauth2/authorize/login"')) throw new Error(`no sign-in page (${login.status}): ${login.html.slice(0, 200)}`);
  return client.post('/oauth2/authorize/login', { ...formFields(login.html, '/oauth2/authorize/login'), email, password });
}

/** Walks authorize -> sign in -> consent over HTTP; returns the final redirect to the app. */
export async function authorize(fixture: OAuthFixture, options: AuthorizeOptions = {}): Promise<{ location: URL; code: string | null; client: FormClient }> {
  const client = options.client ?? new FormClient(fixture.url);
  const page = await signIn(client, authorizePath(fixture, options), options.email ?? ANNA, options.password ?? DEMO_PASSWORD);
  if (page.status !== 200 || !page.html.includes('action="/oauth2/authorize/decision"')) {
    throw new Error(`sign-in failed (${page.status}): ${page.html.match(/class="error"[^>]*>([^<]*)/)?.[1] ?? page.html.slice(0, 200)}`);
  }
  const fields = formFields(page.html, '/oauth2/authorize/decision');
  const companyId = options.companyId ?? fixture.companyOf(options.email ?? ANNA);
  const decided = await client.post('/oauth2/authorize/decision', { company_id: String(companyId), ...fields, decision: options.decision ?? 'approve' });
  if (decided.status !== 303 || !decided.location) throw new Error(`decision: ${decided.status} ${decided.html.slice(0, 300)}`);
  const location = new URL(decided.location);
  return { location, code: location.searchParams.get('code'), client };
}

export interface TokenReply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export async function postToken(fixture: OAuthFixture, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<TokenReply> {
  const res = await fetch(`${fixture.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

/** The code exchange with the secret in the form body (the hosted platform's documented way). */
export function exchangeCode(fixture: OAuthFixture, code: string, extra: Record<string, string> = {}): Promise<TokenReply> {
  return postToken(fixture, {
    grant_type: 'authorization_code',
    code,
    client_id: fixture.app.clientId,
    client_secret: fixture.app.clientSecret,
    redirect_uri: REDIRECT_URI,
    ...extra,
  });
}

export function refresh(fixture: OAuthFixture, refreshToken: string, extra: Record<string, string> = {}): Promise<TokenReply> {
  return postToken(fixture, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: fixture.app.clientId,
    client_secret: fixture.app.clientSecret,
    ...extra,
  });
}

/** Authorize + exchange: a fresh token pair. */
export async function tokensFor(fixture: OAuthFixture, options: AuthorizeOptions = {}): Promise<{ access: string; refresh: string; body: Record<string, unknown> }> {
  const { code } = await authorize(fixture, options);
  const reply = await exchangeCode(fixture, code!, options.redirectUri ? { redirect_uri: options.redirectUri } : {});
  if (reply.status !== 200) throw new Error(`token exchange failed: ${JSON.stringify(reply.body)}`);
  return { access: reply.body.access_token as string, refresh: reply.body.refresh_token as string, body: reply.body };
}

export async function tokeninfo(fixture: OAuthFixture, token: string | null): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${fixture.url}/api/tokeninfo${token === null ? '' : `?access_token=${encodeURIComponent(token)}`}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function api(fixture: OAuthFixture, method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${fixture.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** A parsed JSON body, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
