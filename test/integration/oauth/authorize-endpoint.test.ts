// The authorization endpoint's security properties, each on its own: exact redirect URI match, errors
// before a valid redirect URI shown on a page (never redirected), errors after it redirected with state, the
// one-time consent ticket (no cookie, no sign-in session: H1), forms only from the platform's own pages, the
// pages' CSP, sign-in throttling and hashing off the main thread, and the company a user may grant for.
import { describe, expect, it } from 'vitest';
import { CONSENT_TTL_MS } from '../../../src-main/core/server/oauth/authorize-routes';
import {
  ANNA,
  authorize,
  authorizePath,
  DANA,
  DEMO_PASSWORD,
  FormClient,
  formFields,
  LUKAS,
  REDIRECT_URI,
  oauthFixtureForFile,
  startOAuthFixture,
} from '../../helpers/oauth';

const fixture = oauthFixtureForFile();

/** Signs in: the answer is the consent page itself (with its one-time ticket). */
async function consentPage(email = ANNA, options: { extra?: Record<string, string>; state?: string } = {}) {
  const client = new FormClient(fixture.url);
  const login = await client.get(authorizePath(fixture, options));
  const page = await client.post('/oauth2/authorize/login', { ...formFields(login.html), email, password: DEMO_PASSWORD });
  expect(page.status).toBe(200);
  expect(page.html).toContain('action="/oauth2/authorize/decision"');
  return { client, page, fields: formFields(page.html, '/oauth2/authorize/decision') };
}

describe('redirect URI', () => {
  it.each([
    ['a trailing slash', `${REDIRECT_URI}/`],
    ['an added query', `${REDIRECT_URI}?next=1`],
    ['a longer path (prefix match)', `${REDIRECT_URI}x`],
    ['another host spelling', 'http://localhost:9/callback'],
    ['upper-case scheme', 'HTTP://127.0.0.1:9/callback'],
  ])('must match exactly: %s is refused on an error page, never redirected', async (_what, uri) => {
    const page = await new FormClient(fixture.url).get(authorizePath(fixture, { redirectUri: uri }));
    expect(page.status).toBe(400);
    expect(page.location).toBeNull();
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.html).toContain('is not registered for Order Sync');
    expect(page.html).toContain('<code>invalid_request</code>');
  });

  it('an unknown client or a missing redirect_uri is shown on an error page, not redirected', async () => {
    const client = new FormClient(fixture.url);
    const unknown = await client.get(`/oauth2/authorize?client_id=nope&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&response_type=code&scope=products`);
    expect(unknown.status).toBe(400);
    expect(unknown.location).toBeNull();
    expect(unknown.html).toContain('is not a registered app');
    const missing = await client.get(`/oauth2/authorize?client_id=${fixture.app.clientId}&response_type=code&scope=products`);
    expect(missing.status).toBe(400);
    expect(missing.location).toBeNull();
    expect(missing.html).toContain('redirect_uri is missing');
  });

  it('plain http redirect URIs are accepted only for loopback hosts; fragments never', () => {
    const register = (uri: string) => () =>
      fixture.platform.apps.create({ kind: 'operator', label: 'test' }, {
        companyId: fixture.companyOf('yuki@kawaii-stationery.example'), name: 'X', redirectUris: [uri], scopes: ['products'], authorizationUrl: null, startUrl: null, developerEmail: '',
      });
    for (const ok of ['https://app.example.com/cb', 'http://127.0.0.1:3000/cb', 'http://[::1]:8080/cb', 'http://localhost/cb']) expect(register(ok)).not.toThrow();
    expect(register('http://app.example.com/cb')).toThrow(/must use https/);
    expect(register('http://192.168.1.5/cb')).toThrow(/must use https/);
    expect(register('https://app.example.com/cb#frag')).toThrow(/fragment/);
    expect(register('ftp://app.example.com/cb')).toThrow(/http or https/);
  });
});

describe('errors once the redirect URI is known go back to the app with state (RFC 6749 §4.1.2.1)', () => {
  it.each([
    ['response_type=token', { response_type: 'token' }, 'unsupported_response_type'],
    ['an unknown scope', { scope: 'products,everything' }, 'invalid_scope'],
    ['space-separated scopes', { scope: 'products orders' }, 'invalid_scope'],
    ['PKCE plain', { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }, 'invalid_request'],
    ['a challenge without method', { code_challenge: 'a'.repeat(43) }, 'invalid_request'],
  ])('%s', async (_what, extra, error) => {
    const page = await new FormClient(fixture.url).get(authorizePath(fixture, { extra }));
    expect(page.status).toBe(302);
    const location = new URL(page.location!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe(error);
    expect(location.searchParams.get('error_description')).toBeTruthy();
    expect(location.searchParams.get('state')).toBe('state-123');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('scopes beyond what the app is registered for are refused', async () => {
    const narrow = await startOAuthFixture({ scopes: ['orders'] });
    try {
      const page = await new FormClient(narrow.url).get(authorizePath(narrow, { scope: 'orders,products' }));
      const location = new URL(page.location!);
      expect(location.searchParams.get('error')).toBe('invalid_scope');
      expect(location.searchParams.get('error_description')).toContain('products');
    } finally {
      await narrow.close();
    }
  });

  it('Deny sends error=access_denied with the state, and issues nothing', async () => {
    const { location, code } = await authorize(fixture, { decision: 'deny', state: 'keep-me' });
    expect(code).toBeNull();
    expect(location.search).toBe('?error=access_denied&state=keep-me');
  });
});

describe('the consent step: a one-time ticket bound to the user and the request, no cookie (H1)', () => {
  const approveWith = (fields: Record<string, string>) => ({ ...fields, company_id: String(fixture.companyOf(ANNA)), decision: 'approve' });

  it('no page or answer of the flow sets a cookie, and a cookie is never what lets anybody approve', async () => {
    const client = new FormClient(fixture.url);
    const login = await client.get(authorizePath(fixture));
    expect(login.headers.getSetCookie()).toEqual([]);
    const consent = await client.post('/oauth2/authorize/login', { ...formFields(login.html), email: ANNA, password: DEMO_PASSWORD });
    expect(consent.headers.getSetCookie()).toEqual([]);
    // Another visit of the authorization URL (as another server that learned nothing but a cookie would make) is the sign-in page again.
    client.cookies.set(`pd_oauth_${fixture.server.port}`, 'anything');
    const again = await client.get(authorizePath(fixture));
    expect(again.html).toContain('action="/oauth2/authorize/login"');
    expect(again.html).not.toContain('action="/oauth2/authorize/decision"');
    const decided = await client.post('/oauth2/authorize/decision', approveWith(formFields(consent.html, '/oauth2/authorize/decision')));
    expect(decided.status).toBe(303);
    expect(decided.headers.getSetCookie()).toEqual([]);
    expect(new URL(decided.location!).searchParams.get('code')).toBeTruthy();
  });

  it('a decision without the ticket, with a wrong one, or with a spent one is refused: the sign-in page, nothing issued', async () => {
    const { client, fields } = await consentPage();
    for (const attempt of [
      () => client.post('/oauth2/authorize/decision', approveWith({ ...fields, consent: '' })),
      () => client.post('/oauth2/authorize/decision', approveWith({ ...fields, consent: `${fields.consent}x` })),
    ]) {
      const reply = await attempt();
      expect(reply.status).toBe(400);
      expect(reply.location).toBeNull();
      expect(reply.html).toContain('This consent form has expired or was already answered');
      expect(reply.html).toContain('action="/oauth2/authorize/login"');
    }
    // The genuine form works (from any client: the ticket is the proof), once.
    const ok = await new FormClient(fixture.url).post('/oauth2/authorize/decision', approveWith(fields));
    expect(ok.status).toBe(303);
    expect(new URL(ok.location!).searchParams.get('code')).toBeTruthy();
    const replay = await client.post('/oauth2/authorize/decision', approveWith(fields));
    expect(replay.status).toBe(400);
    expect(replay.location).toBeNull();
  });

  it('a ticket answers only the request it was made for (another state, scope or redirect is refused)', async () => {
    const { client, fields } = await consentPage();
    for (const changed of [{ state: 'other-state' }, { scope: 'products' }] as Record<string, string>[]) {
      const { fields: fresh } = await consentPage();
      const reply = await client.post('/oauth2/authorize/decision', approveWith({ ...fresh, ...changed }));
      expect(reply.status).toBe(400);
      expect(reply.location).toBeNull();
    }
    expect((await client.post('/oauth2/authorize/decision', approveWith(fields))).status).toBe(303);
  });

  it('a ticket expires after 10 minutes (platform time)', async () => {
    const { client, fields } = await consentPage();
    fixture.platform.clock.advance(CONSENT_TTL_MS + 1000);
    const reply = await client.post('/oauth2/authorize/decision', approveWith(fields));
    expect(reply.status).toBe(400);
    expect(reply.location).toBeNull();
  });

  it('each authorization asks for the password: signing in once does not sign the browser in', async () => {
    const first = await consentPage();
    expect((await first.client.post('/oauth2/authorize/decision', approveWith(first.fields))).status).toBe(303);
    const next = await first.client.get(authorizePath(fixture));
    expect(next.html).toContain('action="/oauth2/authorize/login"');
  });

  it('"Not you?" goes back to the sign-in page of the same request', async () => {
    const { page } = await consentPage();
    const href = /<a class="link" href="([^"]+)">Not you\?<\/a>/.exec(page.html)![1].replace(/&amp;/g, '&');
    const params = (path: string) => Object.fromEntries(new URL(path, fixture.url).searchParams);
    expect(new URL(href, fixture.url).pathname).toBe('/oauth2/authorize');
    expect(params(href)).toEqual(params(authorizePath(fixture)));
    expect((await new FormClient(fixture.url).get(href)).html).toContain('action="/oauth2/authorize/login"');
  });

  it('forms sent from another origin are refused: another site, another port on 127.0.0.1, localhost, and a null origin', async () => {
    const { client, fields } = await consentPage();
    for (const origin of ['https://evil.example', `http://127.0.0.1:${fixture.server.port + 1}`, `http://localhost:${fixture.server.port + 1}`, 'null']) {
      const reply = await client.post('/oauth2/authorize/decision', approveWith(fields), { origin });
      expect(reply.status).toBe(403);
      expect(reply.location).toBeNull();
      const login = await client.post('/oauth2/authorize/login', { ...formFields((await client.get(authorizePath(fixture))).html), email: ANNA, password: DEMO_PASSWORD }, { origin });
      expect(login.status).toBe(403);
    }
    // The form from the platform's own origin (the ticket was not spent by the refused tries).
    expect((await client.post('/oauth2/authorize/decision', approveWith(fields), { origin: fixture.url })).status).toBe(303);
  });

  it('the sign-in and consent pages send their referrer only to the platform itself (so forms carry a real Origin)', async () => {
    const { page } = await consentPage();
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    expect(page.html).not.toContain('name="referrer"');
  });
});

describe('pages', () => {
  it('pages carry a strict CSP (no scripts, no external resources, forms only to here and the app) and cannot be framed', async () => {
    const { page } = await consentPage();
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self' http://127.0.0.1:9");
    expect(csp).not.toContain('script-src');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).not.toMatch(/<script|src="http|href="http/);
    expect(page.html).toContain('Authorize Order Sync');
    expect(page.html).toContain('Get, modify, create and delete products and categories');
    expect(page.html).toContain('Kawaii Stationery KK');
  });

  it('application output is escaped', async () => {
    const page = await new FormClient(fixture.url).get(`/oauth2/authorize?client_id=${encodeURIComponent('<b>x</b>')}&redirect_uri=x`);
    expect(page.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(page.html).not.toContain('<b>x</b>');
  });
});

describe('signing in', () => {
  it('a wrong password and an unknown email get the same answer', async () => {
    for (const [email, password] of [[ANNA, 'wrong-password'], ['nobody@example.com', DEMO_PASSWORD]]) {
      const client = new FormClient(fixture.url);
      const login = await client.get(authorizePath(fixture));
      const reply = await client.post('/oauth2/authorize/login', { ...formFields(login.html), email, password });
      expect(reply.status).toBe(401);
      expect(reply.html).toContain('The email or password is not right.');
    }
  });

  it('is throttled after 5 failures for an email: even the right password waits until the lock ends', async () => {
    const email = 'camille@cafe-lumiere.example';
    const client = new FormClient(fixture.url);
    const attempt = async (password: string) => {
      const login = await client.get(authorizePath(fixture));
      return client.post('/oauth2/authorize/login', { ...formFields(login.html), email, password });
    };
    for (let i = 0; i < 5; i++) expect((await attempt('wrong-password')).status).toBe(401);
    const locked = await attempt(DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.html).toContain('Too many failed sign-ins');
    fixture.platform.clock.advance(31_000);
    expect((await attempt(DEMO_PASSWORD)).status).toBe(200);
  });

  it('a burst of parallel guesses for one email meets the lock (attempts for an email are checked one after another)', async () => {
    const email = 'tom@northwind-partners.example';
    const attempt = async () => {
      const client = new FormClient(fixture.url);
      const login = await client.get(authorizePath(fixture));
      return (await client.post('/oauth2/authorize/login', { ...formFields(login.html), email, password: 'wrong-password' })).status;
    };
    const statuses = await Promise.all(Array.from({ length: 9 }, attempt));
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    fixture.platform.clock.advance(60 * 60_000);
  });

  it('hashing runs off the main thread: the server answers other requests while a sign-in is checked', async () => {
    const client = new FormClient(fixture.url);
    const login = await client.get(authorizePath(fixture));
    const signIn = client.post('/oauth2/authorize/login', { ...formFields(login.html), email: ANNA, password: DEMO_PASSWORD }).then(() => Date.now());
    await new Promise((resolve) => setTimeout(resolve, 20));
    const health = await fetch(`${fixture.url}/health`).then(() => Date.now());
    expect(health).toBeLessThan(await signIn);
  });
});

describe('who may grant for which company', () => {
  it("a partner's user picks one of its clients; the code and token are for that client only", async () => {
    const { page, client, fields } = await consentPage(DANA);
    expect(page.html).toContain('Choose a company');
    expect(page.html).toContain('Northwind Commerce Partners GmbH (your partner company)');
    expect(page.html).toContain('Brightside Books Ltd (client)');
    const brightside = fixture.companyOf('oliver@brightside-books.example');
    const reply = await client.post('/oauth2/authorize/decision', { ...fields, company_id: String(brightside), decision: 'approve' });
    expect(new URL(reply.location!).searchParams.get('company_id')).toBe(String(brightside));
  });

  it('a company the user cannot see is refused (the consent page is shown again, nothing issued)', async () => {
    const { client, fields } = await consentPage(ANNA);
    const reply = await client.post('/oauth2/authorize/decision', { ...fields, company_id: String(fixture.companyOf(DANA)), decision: 'approve' });
    expect(reply.status).toBe(400);
    expect(reply.location).toBeNull();
    expect(reply.html).toContain('Choose the company to grant access for.');
  });

  it('a user without the apps permission sees no Approve button and cannot approve', async () => {
    const { page, client, fields } = await consentPage(LUKAS);
    expect(page.html).toContain('You need the &quot;apps&quot; permission');
    expect(page.html).not.toContain('value="approve"');
    const reply = await client.post('/oauth2/authorize/decision', { ...fields, company_id: String(fixture.companyOf(LUKAS)), decision: 'approve' });
    expect(reply.status).toBe(403);
    expect(reply.location).toBeNull();
  });
});
